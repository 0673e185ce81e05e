import Foundation
import MLEReviewCore
import TOMLKit

/// Reads theme files: TOML mapping role names to `{ fg, bg, bold, dim, reverse, underline,
/// italic }`. Colours are names (`red`, `bright-blue`, `default`), palette numbers 0-255, or
/// `#rrggbb`. A theme may `inherit` another and change only some roles.
public enum ThemeLoader {
    public static let defaultName = "default-dark"

    /// Folders searched for a user's themes: their config folder. The shipped themes are built
    /// into the program (from `Themes/`), so an installed binary finds them wherever it is.
    public static func searchPaths(environment: [String: String] = ProcessEnvironment.current) -> [String] {
        [UserFolders.config(environment) + "/mle-review/themes"]
    }

    /// The names of the shipped themes.
    public static var builtInNames: [String] { BuiltInThemes.files.keys.sorted() }

    /// The theme to use: `--theme NAME` when given (a command-line choice overrides NO_COLOR, as
    /// no-color.org asks); else monochrome under NO_COLOR; else the default. A user's theme
    /// file of the same name wins over a shipped one.
    public static func load(name: String?, environment: [String: String] = ProcessEnvironment.current,
                            searchPaths: [String]? = nil) throws(InputError) -> Theme {
        if name == nil, let noColor = environment["NO_COLOR"], !noColor.isEmpty { return .monochrome }
        let paths = searchPaths ?? self.searchPaths(environment: environment)
        let wanted = name ?? defaultName
        if let file = find(wanted, in: paths) { return try load(file: file, searchPaths: paths, seen: []) }
        if wanted == defaultName { return BuiltInThemes.defaultTheme }
        if let text = BuiltInThemes.files[wanted] { return try load(text: text, origin: "built-in \(wanted)", folder: nil, searchPaths: paths, seen: []) }
        if wanted == "monochrome" { return .monochrome }
        throw InputError("theme \(wanted): not found (looked in \(paths.joined(separator: ", ")); built in: \(builtInNames.joined(separator: ", ")))")
    }

    /// `default-dark` for `built-in default-dark` or `~/.config/mle-review/themes/default-dark.toml`
    /// (on the string itself: Foundation's path and replace calls were half the default's parse).
    static func themeName(origin: String) -> String {
        var name = origin.split(separator: "/").last ?? Substring(origin)
        if name.hasPrefix("built-in ") { name = name.dropFirst(9) }
        if name.hasSuffix(".toml") { name = name.dropLast(5) }
        return String(name)
    }

    static func find(_ name: String, in paths: [String]) -> String? {
        if name.contains("/") { return FileManager.default.fileExists(atPath: name) ? name : nil }
        for p in paths {
            let file = p + "/" + name + ".toml"
            if FileManager.default.fileExists(atPath: file) { return file }
        }
        return nil
    }

    public static func load(file: String, searchPaths: [String] = [], seen: Set<String> = []) throws(InputError) -> Theme {
        let bytes = try ByteInput.read(path: file, what: "a theme", limit: 1_000_000)
        guard let text = String(validating: bytes, as: UTF8.self) else { throw InputError("theme \(file): not valid UTF-8") }
        return try load(text: text, origin: file, folder: (file as NSString).deletingLastPathComponent, searchPaths: searchPaths, seen: seen)
    }

    /// `origin` names the theme in messages (its file, or `built-in NAME`); `folder` is where a
    /// theme it inherits may also be.
    static func load(text: String, origin file: String, folder: String?, searchPaths: [String], seen: Set<String>) throws(InputError) -> Theme {
        let table = try TOMLText.table(text, name: "theme \(file)")
        var theme = Theme(name: themeName(origin: file), styles: [:], monochrome: false)
        for key in table.keys where !["name", "description", "inherits", "roles"].contains(key) {
            throw InputError("theme \(file): unknown key '\(key)' (expected name, description, inherits, roles)")
        }
        if let parent = table["inherits"] {
            guard let parentName = parent.string else { throw InputError("theme \(file): 'inherits' must be a theme name") }
            guard !seen.contains(parentName) else { throw InputError("theme \(file): 'inherits' loops back to \(parentName)") }
            if let parentFile = find(parentName, in: searchPaths + (folder.map { [$0] } ?? [])) {
                theme.styles = try load(file: parentFile, searchPaths: searchPaths, seen: seen.union([parentName])).styles
            } else if let parentText = BuiltInThemes.files[parentName] {
                theme.styles = try load(text: parentText, origin: "built-in \(parentName)", folder: nil, searchPaths: searchPaths,
                                        seen: seen.union([parentName])).styles
            } else {
                throw InputError("theme \(file): inherits '\(parentName)', which was not found")
            }
        }
        if let name = table["name"]?.string { theme.name = name }
        guard let roles = table["roles"] else { return theme }
        guard let rolesTable = roles.table else { throw InputError("theme \(file): 'roles' must be a table") }
        for key in rolesTable.keys {
            guard let role = Role(rawValue: key) else {
                throw InputError("theme \(file): roles.\(key): unknown role (known: \(Role.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            guard let spec = rolesTable[key]?.table else { throw InputError("theme \(file): roles.\(key): expected a table like { fg = \"red\" }") }
            var style = Theme.Style()
            for attr in spec.keys {
                let value = spec[attr]!
                switch attr {
                case "fg", "bg":
                    let color = try parseColor(value, at: "theme \(file): roles.\(key).\(attr)")
                    if attr == "fg" { style.fg = color } else { style.bg = color }
                case "bold", "dim", "reverse", "underline", "italic":
                    guard let flag = value.bool else { throw InputError("theme \(file): roles.\(key).\(attr): expected true or false") }
                    switch attr {
                    case "bold": style.bold = flag
                    case "dim": style.dim = flag
                    case "reverse": style.reverse = flag
                    case "underline": style.underline = flag
                    default: style.italic = flag
                    }
                default:
                    throw InputError("theme \(file): roles.\(key).\(attr): unknown attribute (expected fg, bg, bold, dim, reverse, underline, italic)")
                }
            }
            theme.styles[role] = style
        }
        return theme
    }

    static let names: [String: Int] = [
        "black": 0, "red": 1, "green": 2, "yellow": 3, "blue": 4, "magenta": 5, "cyan": 6, "white": 7,
        "bright-black": 8, "gray": 8, "grey": 8, "bright-red": 9, "bright-green": 10, "bright-yellow": 11,
        "bright-blue": 12, "bright-magenta": 13, "bright-cyan": 14, "bright-white": 15,
    ]

    static func parseColor(_ value: TOMLValueConvertible, at place: String) throws(InputError) -> Theme.Color {
        if let n = value.int {
            guard (0...255).contains(n) else { throw InputError("\(place): palette index \(n) out of range 0-255") }
            return .index(n)
        }
        guard let s = value.string?.lowercased() else { throw InputError("\(place): expected a colour name, 0-255 or \"#rrggbb\"") }
        if s == "default" || s == "terminal" || s == "none" { return .terminal }
        if let n = names[s] { return .index(n) }
        if s.hasPrefix("#"), s.count == 7, let v = Int(s.dropFirst(), radix: 16) {
            return .rgb(UInt8(v >> 16), UInt8((v >> 8) & 0xFF), UInt8(v & 0xFF))
        }
        throw InputError("\(place): unknown colour '\(s)' (a name such as red or bright-blue, 0-255, or \"#rrggbb\")")
    }
}
