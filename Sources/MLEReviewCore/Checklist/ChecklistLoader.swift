import Foundation

/// Finds the checklist a review uses: a file given on the command line, else the repository's
/// own `.mle-review/checklist.md`, else the built-in one.
public enum ChecklistLoader {
    public static let repositoryFile = ".mle-review/checklist.md"

    /// For a git range, the team checklist is read from the range's base commit: a change under
    /// review must not decide how it is reviewed (it could delete a section it would fail), so a
    /// checklist it edits applies only once merged.
    public static func load(file: String?, repositoryRoot: String?, source: ReviewSource?,
                            repository: GitRepository = GitRepository()) throws(InputError) -> Checklist {
        if let file { return try load(path: file) }
        guard let source, source.kind == .range, let base = source.baseCommit else {
            return try load(file: nil, repositoryRoot: repositoryRoot)
        }
        guard let bytes = repository.newFile(repositoryFile, at: base) else { return builtIn }
        let name = "\(repositoryFile)@\(base.prefix(12))"
        guard bytes.count <= maximumSize else { throw InputError("\(name): larger than \(maximumSize / 1_000_000) MB; refused") }
        return try parse(bytes, source: name)
    }

    /// A checklist is a page of Markdown; anything this big is a mistake (or /dev/zero).
    public static let maximumSize = 4_000_000

    /// Said wherever the review is shown when the change edits the team checklist.
    public static func changeNote(touchedPaths: [String], source: ReviewSource) -> String? {
        guard touchedPaths.contains(repositoryFile) else { return nil }
        return source.kind == .range
            ? "the change edits the team checklist: reviewed against the base version (the new one applies once merged)"
            : "the change edits the team checklist (\(repositoryFile))"
    }

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
        try parse(try ByteInput.read(path: path, what: "a checklist", limit: maximumSize), source: path)
    }

    /// A checklist's bytes, from a file or from git, named in messages by `source`.
    static func parse(_ bytes: [UInt8], source: String) throws(InputError) -> Checklist {
        guard let text = String(validating: bytes, as: UTF8.self) else { throw InputError("\(source): not valid UTF-8 text") }
        return try ChecklistParser.parse(text, source: source)
    }
}
