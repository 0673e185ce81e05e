import Foundation

/// Finds the checklist a review uses: a file given on the command line, else the repository's
/// own `.mle-review/checklist.md`, else the built-in one.
public enum ChecklistLoader {
    public static let repositoryFile = ".mle-review/checklist.md"

    public static func load(file: String?, repositoryRoot: String?) throws(InputError) -> Checklist {
        if let file { return try load(path: file) }
        if let root = repositoryRoot {
            let path = root + "/" + repositoryFile
            if FileManager.default.fileExists(atPath: path) { return try load(path: path) }
        }
        return builtIn
    }

    /// Parsed once. The built-in text is part of the program and tested, so it cannot fail to parse.
    public static let builtIn: Checklist = try! ChecklistParser.parse(DefaultChecklist.markdown, source: "built-in")

    public static func load(path: String) throws(InputError) -> Checklist {
        let bytes = try ByteInput.read(path: path)
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw InputError("\(path): not valid UTF-8 text")
        }
        return try ChecklistParser.parse(text, source: path)
    }
}
