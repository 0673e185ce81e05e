import Foundation

/// The user's own folders, as the XDG base directories name them.
public enum UserFolders {
    /// `$XDG_DATA_HOME`, else `~/.local/share`: stores, trusted checks.
    public static func data(_ environment: [String: String] = ProcessEnvironment.current) -> String {
        folder("XDG_DATA_HOME", "/.local/share", environment)
    }

    /// `$XDG_CONFIG_HOME`, else `~/.config`: themes, config.toml.
    public static func config(_ environment: [String: String] = ProcessEnvironment.current) -> String {
        folder("XDG_CONFIG_HOME", "/.config", environment)
    }

    private static func folder(_ variable: String, _ underHome: String, _ environment: [String: String]) -> String {
        environment[variable].flatMap { $0.isEmpty ? nil : $0 } ?? (environment["HOME"] ?? NSHomeDirectory()) + underHome
    }
}
