import Foundation
import MLEReviewCore
@testable import MLEReviewWorkbench
import Testing

struct ThemeTests {
    static let themes = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Themes").path

    func temp(_ text: String, name: String = "t.toml") throws -> String {
        let dir = TestScratch.directory.appendingPathComponent("themes-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        try text.write(toFile: dir + "/" + name, atomically: true, encoding: .utf8)
        return dir + "/" + name
    }

    @Test(arguments: ["default-dark", "default-light", "high-contrast", "monochrome"])
    func shippedThemesLoad(name: String) throws {
        let theme = try ThemeLoader.load(name: name, environment: [:], searchPaths: [Self.themes])
        #expect(theme.name == name)
        #expect(theme.style(.cursor) != Theme.Style(), "\(name) must make the cursor visible")
    }

    @Test func aThemesNameIsItsFileOrBuiltInName() {
        #expect(ThemeLoader.themeName(origin: "built-in default-dark") == "default-dark")
        #expect(ThemeLoader.themeName(origin: "/home/ada/.config/mle-review/themes/solar.toml") == "solar")
        #expect(ThemeLoader.themeName(origin: "mine.toml") == "mine")
        #expect(ThemeLoader.themeName(origin: "themes/dir/") == "dir")
    }

    @Test func lightInheritsDarkAndChangesSomeRoles() throws {
        let dark = try ThemeLoader.load(name: "default-dark", environment: [:], searchPaths: [Self.themes])
        let light = try ThemeLoader.load(name: "default-light", environment: [:], searchPaths: [Self.themes])
        #expect(light.style(.decisionBlock) == dark.style(.decisionBlock))
        #expect(light.style(.diffAdded).fg == .index(28) && dark.style(.diffAdded).fg == .index(2))
    }

    @Test func noColorSelectsMonochrome() throws {
        let theme = try ThemeLoader.load(name: nil, environment: ["NO_COLOR": "1"], searchPaths: [Self.themes])
        #expect(theme.monochrome && theme.name == "monochrome")
        // An explicit --theme overrides NO_COLOR.
        #expect(try ThemeLoader.load(name: "high-contrast", environment: ["NO_COLOR": "1"], searchPaths: [Self.themes]).name == "high-contrast")
    }

    @Test func coloursByNameNumberAndHex() throws {
        let file = try temp("""
        [roles]
        diff-added = { fg = "bright-green", bg = 22, bold = true }
        diff-removed = { fg = "#ff0000" }
        """)
        let t = try ThemeLoader.load(file: file)
        #expect(t.style(.diffAdded).fg == .index(10) && t.style(.diffAdded).bg == .index(22) && t.style(.diffAdded).bold)
        #expect(t.style(.diffRemoved).fg == .rgb(255, 0, 0))
    }

    @Test(arguments: [
        ("[roles]\nnot-a-role = { fg = \"red\" }\n", "roles.not-a-role: unknown role"),
        ("[roles]\ndiff-added = { fg = \"grene\" }\n", "roles.diff-added.fg: unknown colour 'grene'"),
        ("[roles]\ndiff-added = { fg = 300 }\n", "roles.diff-added.fg: palette index 300 out of range 0-255"),
        ("[roles]\ndiff-added = { blink = true }\n", "roles.diff-added.blink: unknown attribute"),
        ("colour = 1\n", "unknown key 'colour'"),
        ("[roles\n", "not valid TOML"),
    ])
    func badThemesNameTheFileAndTheKey(text: String, expected: String) throws {
        let file = try temp(text)
        do {
            _ = try ThemeLoader.load(file: file)
            Issue.record("accepted a bad theme")
        } catch {
            #expect(error.message.hasPrefix("theme \(file)"))
            #expect(error.message.contains(expected), "\(error.message)")
        }
    }

    @Test func aMissingNamedThemeIsAnErrorButAMissingDefaultFallsBack() throws {
        #expect(throws: InputError.self) { try ThemeLoader.load(name: "nope", environment: [:], searchPaths: ["/nonexistent"]) }
        // The default is built in: found with no theme folder at all.
        #expect(try ThemeLoader.load(name: nil, environment: [:], searchPaths: ["/nonexistent"]).name == "default-dark")
    }

    @Test func userThemesComeFromTheConfigFolderFirst() {
        let paths = ThemeLoader.searchPaths(environment: ["XDG_CONFIG_HOME": "/cfg"])
        #expect(paths == ["/cfg/mle-review/themes"])
    }

    /// Issue 14: the shipped themes are compiled in; Themes/ stays their source.
    @Test func theBuiltInThemesAreTheThemesFolder() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.themes).filter { $0.hasSuffix(".toml") }
        #expect(Set(files.map { String($0.dropLast(5)) }) == Set(ThemeLoader.builtInNames))
        for name in ThemeLoader.builtInNames {
            let text = try String(contentsOfFile: Self.themes + "/" + name + ".toml", encoding: .utf8)
            #expect(BuiltInThemes.files[name] == String(text.dropLast(text.hasSuffix("\n") ? 1 : 0)),
                    "Themes/\(name).toml differs from the built-in copy: run .ci/embed-themes")
        }
        // The default, compiled in as a value, is what its file parses to.
        let text = try #require(BuiltInThemes.files[ThemeLoader.defaultName])
        let parsed = try ThemeLoader.load(text: text, origin: "built-in default-dark", folder: nil, searchPaths: [], seen: [])
        #expect(BuiltInThemes.defaultTheme == parsed, "the default theme's value differs from its file: run .ci/embed-themes")
        #expect(BuiltInThemes.defaultTheme.styles.count == parsed.styles.count && parsed.styles.count > 30)
        #expect(try ThemeLoader.load(name: nil, environment: [:], searchPaths: []) == parsed)
        // Each built-in theme loads with no folder to search, and a user theme can inherit one.
        for name in ThemeLoader.builtInNames { _ = try ThemeLoader.load(name: name, environment: [:], searchPaths: []) }
        let dir = TestScratch.directory.appendingPathComponent("themes-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try "inherits = \"default-dark\"\n[roles]\nerror = { fg = \"magenta\" }\n".write(toFile: dir + "/mine.toml", atomically: true, encoding: .utf8)
        let mine = try ThemeLoader.load(name: "mine", environment: [:], searchPaths: [dir])
        #expect(mine.styles[.error]?.fg == .index(5) && mine.styles[.titleBar] != nil)
    }
}
