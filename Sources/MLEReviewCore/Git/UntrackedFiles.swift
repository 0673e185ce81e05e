import Foundation

/// A review of the work tree (`mle-review HEAD`) shows the files git does not track yet as
/// added: `git diff REV` leaves them out, so a new module (a model loader with `pickle.load`) was
/// not in the review at all, and its verdict read as if the change had none. They are added to a
/// copy of the index as intent-to-add, and git diffs against that copy: the user's index is
/// never written, and files .gitignore names stay out.
enum UntrackedFiles {
    /// Runs `git ARGS` (a diff of the work tree) with the untracked files in a throwaway index,
    /// or as it is when there are none. A range between two commits does not read the work tree.
    static func diff(range: String, arguments: [String], directory: String?) throws(InputError) -> Subprocess.Result {
        let chdir = directory.map { ["-C", $0] } ?? []
        note.set("", nil)
        guard !range.contains("..") else { return try Subprocess.run(["git"] + chdir + arguments) }
        // The list is asked for beside the plain diff, which is the answer when there is nothing
        // untracked: a work tree without new files costs no more than before (3 ms of ls-files).
        let listing = LockedCache<Subprocess.Result>()
        let asked = DispatchGroup()
        DispatchQueue.global(qos: .userInitiated).async(group: asked) {
            if let r = try? Subprocess.run(["git"] + chdir + ["ls-files", "-z", "--others", "--exclude-standard", "--", ":/"]) { listing.set("", r) }
        }
        let plain = try Subprocess.run(["git"] + chdir + arguments)
        asked.wait()
        guard let listed = listing.value(""), listed.status == 0, !listed.stdout.isEmpty,
              let gitDir = GitRepository(directory: directory).layout()?.gitDirectory else { return plain }
        // Far too many are not looked at one by one (a store's four files aside), nor measured.
        let listedCount = listed.stdout.lazy.filter { $0 == 0 }.count
        let (paths, count) = listedCount > maxFiles + 4 ? (listed.stdout, listedCount) : kept(listed.stdout, in: directory)
        guard count > 0 else { return plain }
        // A data folder .gitignore does not name would be read whole into the review: past a
        // bound, none of them are, and the review says so.
        let bytes = count > maxFiles ? nil : size(paths, in: directory)
        if count > maxFiles || (bytes ?? 0) > maxBytes {
            let amount = bytes.map { $0 < 1_000_000 ? " (under 1 MB)" : " (\($0 / 1_000_000) MB)" } ?? ""
            note.set("", "\(count) untracked file\(count == 1 ? "" : "s")\(amount) not in the review: more than \(maxFiles) files or \(maxBytes / 1_000_000) MB; git add -N the ones to review, or .gitignore the rest")
            return plain
        }
        let index = FileManager.default.temporaryDirectory.appendingPathComponent("mle-review-index-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: index) }
        // A repository with no commit staged yet has no index: git starts an empty one.
        if let bytes = FileManager.default.contents(atPath: gitDir + "/index") {
            guard FileManager.default.createFile(atPath: index, contents: bytes, attributes: [.posixPermissions: 0o600]) else {
                throw InputError("\(index): cannot write a copy of the git index")
            }
        }
        let env = ["env", "GIT_INDEX_FILE=\(index)", "git"] + chdir
        let added = try Subprocess.run(env + ["add", "--intent-to-add", "--pathspec-from-file=-", "--pathspec-file-nul"], input: paths)
        guard added.status == 0 else {
            throw InputError("git add --intent-to-add (into a copy of the index): \(GitDiff.firstLine(of: added.stderrText) ?? "failed with status \(added.status)")")
        }
        return try Subprocess.run(env + arguments)
    }

    static let maxFiles = 1_000
    static let maxBytes = 64_000_000

    /// Why the last work-tree diff left the untracked files out, if it did.
    private static let note = LockedCache<String?>()
    static var leftOut: String? { note.value("") ?? nil }

    /// The bytes of the files the NUL-separated paths name, together.
    static func size(_ paths: [UInt8], in directory: String?) -> Int {
        let base = directory ?? FileManager.default.currentDirectoryPath
        var bytes = 0
        for path in paths.split(separator: 0) {
            let name = String(decoding: path, as: UTF8.self)
            let full = name.hasPrefix("/") ? name : base + "/" + name
            bytes += ((try? FileManager.default.attributesOfItem(atPath: full))?[.size] as? Int) ?? 0
        }
        return bytes
    }

    /// Review stores in use (absolute paths): kept out with their SQLite sidecar files, whose
    /// bytes change with every save.
    private static let stores = LockedCache<Bool>()

    static func leaveOut(store path: String) {
        let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
        for suffix in ["", "-wal", "-shm", "-journal"] { stores.set(absolute + suffix, true) }
    }

    static func isStore(_ absolute: String) -> Bool { stores.value(URL(fileURLWithPath: absolute).standardizedFileURL.path) == true }

    /// The NUL-separated paths `ls-files` listed (relative to `directory`), less the stores, and
    /// how many are left.
    static func kept(_ listed: [UInt8], in directory: String?) -> ([UInt8], Int) {
        let base = URL(fileURLWithPath: directory ?? FileManager.default.currentDirectoryPath)
        var out: [UInt8] = []
        var count = 0
        for path in listed.split(separator: 0) {
            let absolute = URL(fileURLWithPath: String(decoding: path, as: UTF8.self), relativeTo: base).standardizedFileURL.path
            if isStore(absolute) { continue }
            out += path
            out.append(0)
            count += 1
        }
        return (out, count)
    }
}
