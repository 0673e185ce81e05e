import Foundation
import MLEReviewCore
@testable import MLEReviewTerminal
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

    /// A whole frame drawn again (a theme change, a resize) clears what was there: blanks in
    /// the terminal's own colours are left to the clear, styled blanks are still put.
    @Test func aFullDrawClearsWhatWasThereAndKeepsStyledBlanks() throws {
        let screen = try TerminalScreen(headlessWidth: 20, height: 3, theme: try ThemeLoader.load(name: "default-dark", environment: [:], searchPaths: []))
        defer { screen.close() }
        var before = Grid(width: 20, height: 3)
        for row in 0..<3 { before.put("xxxxxxxxxxxxxxxxxxxx", row: row, col: 0, role: .decisionBlock) }
        screen.draw(before)
        var after = Grid(width: 20, height: 3)
        after.put("ok", row: 0, col: 0, role: .text)
        after.highlight(row: 1, cols: 0..<4, .cursor) // blanks under the cursor bar
        screen.draw(after, full: true)
        for col in 2..<20 {
            let cell = screen.cellOnScreen(row: 0, col: col)
            #expect(cell.text == " " && !cell.bold && cell.pair == 0, "column \(col): \(cell)")
        }
        #expect(screen.cellOnScreen(row: 0, col: 0).text == "o")
        #expect(screen.colors(ofPair: screen.cellOnScreen(row: 1, col: 3).pair).bg == 24) // the cursor bar stays
        #expect(screen.cellOnScreen(row: 1, col: 4).pair == 0 && screen.cellOnScreen(row: 2, col: 19).text == " ")
    }

    /// A blank shows only its background, so between coloured words it is put in its left
    /// neighbour's look: the terminal is sent no colour change for it (a first frame had 274
    /// runs of colour codes, most of them a pane's blanks switching between their neighbours).
    /// A blank that paints itself (cursor bar, reverse) or sits on another background keeps its own.
    @Test func blanksTakeTheirNeighboursLookOnlyWhereTheyShowTheSame() throws {
        let screen = try TerminalScreen(headlessWidth: 30, height: 3, theme: try ThemeLoader.load(name: "default-dark", environment: [:], searchPaths: []))
        defer { screen.close() }
        var g = Grid(width: 30, height: 3)
        g.put("+ab", row: 0, col: 0, role: .diffAdded)
        g.put("-x", row: 0, col: 5, role: .diffRemoved) // two plain blanks between
        g.put("-y", row: 0, col: 20, role: .diffRemoved) // thirteen plain blanks before this
        g.put("ab", row: 1, col: 0, role: .diffAdded)
        g.highlight(row: 1, cols: 2..<4, .cursor)
        g.put(" ", row: 2, col: 2, role: .diffAddedWord)
        g.put("ab", row: 2, col: 0, role: .diffAdded)
        g.put(" ", row: 2, col: 3, role: .text)
        screen.draw(g, full: true)
        let green = screen.cellOnScreen(row: 0, col: 1).pair
        #expect(green != 0)
        #expect(screen.cellOnScreen(row: 0, col: 3).pair == green && screen.cellOnScreen(row: 0, col: 4).pair == green)
        #expect(screen.cellOnScreen(row: 0, col: 5).pair != green) // the red text keeps its colour
        #expect(screen.cellOnScreen(row: 0, col: 12).pair == 0) // a long run is left to the clear
        #expect(screen.colors(ofPair: screen.cellOnScreen(row: 1, col: 2).pair).bg == 24) // cursor bar
        let word = screen.cellOnScreen(row: 2, col: 2)
        #expect(word.reverse && screen.colors(ofPair: word.pair).fg == 2) // reverse paints the blank
        let after = screen.cellOnScreen(row: 2, col: 3)
        #expect(!after.reverse) // the blank beside a reverse one does not take its look
    }
}

/// Issue 18: with TERM=xterm's 8 colours, greys (borders, line numbers) stay greys, never yellow.
struct EightColourTests {
    @Test func greysStayGreyAndColoursStayColours() throws {
        let eight = ColorFitter(colors: 8), sixteen = ColorFitter(colors: 16)
        for grey in [8, 240, 244, 246, 248] {
            #expect(eight.fit(.index(grey)) == -1 || [0, 7].contains(eight.fit(.index(grey))), "\(grey) → \(eight.fit(.index(grey)))")
            #expect([0, 7, 8, 15].contains(sixteen.fit(.index(grey))), "\(grey) → \(sixteen.fit(.index(grey)))")
        }
        #expect(eight.fit(.index(196)) == 1 && eight.fit(.index(46)) == 2 && eight.fit(.index(226)) == 3)
        for theme in ["default-dark", "default-light"] {
            let t = try ThemeLoader.load(name: theme, environment: [:], searchPaths: [])
            for role in [Role.paneBorder, .lineNumber] {
                #expect(eight.fit(t.style(role).fg) != 3, "\(theme) \(role) turns yellow")
            }
        }
    }

    /// What reaches stderr while the screen is up (a library's warning) is kept and printed once
    /// the terminal is back, as htop does; kept in memory, not in a file created in /tmp.
    @Test func stderrWhileTheScreenIsUpIsPrintedAfter() throws {
        var fds: [Int32] = [0, 0]
        try #require(pipe(&fds) == 0)
        let outer = dup(2)
        dup2(fds[1], 2)
        close(fds[1])
        StderrCapture.begin()
        let note = "a warning while the screen was up\n"
        _ = note.withCString { write(2, $0, strlen($0)) }
        #if os(Linux)
        var target = [UInt8](repeating: 0, count: 256)
        let length = target.withUnsafeMutableBufferPointer { readlink("/proc/self/fd/2", $0.baseAddress!, 255) }
        let capturedIn = String(decoding: target[0..<max(length, 0)], as: UTF8.self)
        #endif
        var flags = fcntl(fds[0], F_GETFL)
        flags |= O_NONBLOCK
        _ = fcntl(fds[0], F_SETFL, flags)
        var buffer = [UInt8](repeating: 0, count: 4096)
        let before = read(fds[0], &buffer, buffer.count)
        StderrCapture.release()
        let after = read(fds[0], &buffer, buffer.count)
        dup2(outer, 2)
        close(outer)
        close(fds[0])
        #expect(before < 0, "stderr reached the terminal while the screen was up")
        #expect(after > 0 && String(decoding: buffer[0..<max(after, 0)], as: UTF8.self).contains("a warning while the screen was up"))
        #if os(Linux)
        #expect(capturedIn.hasPrefix("/memfd:"), "captured in \(capturedIn)")
        #endif
    }
}
