import Foundation
import MLEReviewCore
import MLEReviewTerminal
@testable import MLEReviewWorkbench
import Testing

/// The real ncurses backend without a terminal: what `draw` puts into ncurses' window, read back
/// cell by cell. ncurses is process-global, so this suite runs alone.
@Suite(.serialized)
struct CursesBackendTests {
    @Test func cellsAttributesAndWideCharactersReachNcurses() throws {
        let themes = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Themes").path
        let theme = try ThemeLoader.load(name: "default-dark", environment: [:], searchPaths: [themes])
        let screen = try TerminalScreen(headlessWidth: 40, height: 5, theme: theme)
        defer { screen.close() }
        var g = Grid(width: 40, height: 5)
        g.put("+ok 日本", row: 0, col: 0, role: .diffAdded)
        g.put("BLOCK", row: 1, col: 0, role: .decisionBlock)
        g.put("cursor", row: 2, col: 0, role: .text)
        g.highlight(row: 2, cols: 0..<6, .cursor)
        g.put(DisplayText.line(Array("a\u{1b}[2Jb".utf8), role: .text).cells, row: 3, col: 0)
        screen.draw(g)

        #expect(screen.cellOnScreen(row: 0, col: 0).text == "+")
        #expect(screen.cellOnScreen(row: 0, col: 4).text == "日")
        #expect(screen.cellOnScreen(row: 0, col: 6).text == "本") // 日 took columns 4 and 5
        let added = screen.cellOnScreen(row: 0, col: 1)
        #expect(screen.colors(ofPair: added.pair).fg == 2) // default-dark: diff-added = green
        let block = screen.cellOnScreen(row: 1, col: 0)
        #expect(block.bold && screen.colors(ofPair: block.pair) == (15, 1))
        #expect(screen.colors(ofPair: screen.cellOnScreen(row: 2, col: 0).pair).bg == 24) // the cursor's background
        let escaped = (0..<9).map { screen.cellOnScreen(row: 3, col: $0).text }.joined()
        #expect(escaped == "a^[[2Jb  ")
    }
}
