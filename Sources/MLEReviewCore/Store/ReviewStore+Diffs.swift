import Foundation
import GRDB

/// The diffs reviews were made on, kept once per content and compressed, so a past review can be
/// shown with exactly the diff it judged even after the branch moved or the commits are gone.
/// Each diff's paths are listed beside it, so `log --path` needs no diff parsing.
extension ReviewStore {
    /// Stores a diff; `paths` are the files it touches (parsed from it when not given).
    @discardableResult
    public func saveDiff(_ bytes: [UInt8], paths: [String]? = nil) throws(InputError) -> String {
        let sha = Hashing.sha256Hex(bytes)
        if try hasDiff(sha256: sha) { return sha }
        // Compressed outside the write transaction: other processes on this store keep writing meanwhile.
        try savePacked(Self.packDiff(bytes, sha: sha, paths: paths ?? DiffParser.parse(bytes).touchedPaths))
        return sha
    }

    /// A diff compressed and ready to store: made on any thread (compressing 28 MB takes a
    /// noticeable while), stored by `savePacked` on the store's.
    public struct PackedDiff: Sendable {
        let sha: String
        let packed: (encoding: String, bytes: [UInt8])
        let size: Int
        let paths: [String]
    }

    public static func packDiff(_ bytes: [UInt8], sha: String, paths: [String]) -> PackedDiff {
        PackedDiff(sha: sha, packed: pack(bytes), size: bytes.count, paths: paths)
    }

    public func hasDiff(sha256: String) throws(InputError) -> Bool {
        try read { db in try Bool.fetchOne(db, sql: "SELECT 1 FROM diffs WHERE sha256 = ?", arguments: [sha256]) ?? false }
    }

    public func savePacked(_ p: PackedDiff) throws(InputError) {
        try write { db in try Self.insertDiff(db, sha: p.sha, packed: p.packed, size: p.size, paths: p.paths, replace: false) }
    }

    public func diff(sha256: String) throws(InputError) -> [UInt8]? {
        let row = try read { db in try Row.fetchOne(db, sql: "SELECT bytes, encoding, size FROM diffs WHERE sha256 = ?", arguments: [sha256]) }
        guard let row else { return nil }
        let what = "the stored diff \(sha256.prefix(12))"
        let bytes = try unpack(row, what)
        if row["encoding"] as String == "zlib", Hashing.sha256Hex(bytes) != sha256 { throw InputError("store \(path): \(what) is damaged") }
        return bytes
    }

    /// The counterpart of `pack`: the bytes of a row with `bytes`, `encoding` and `size`.
    func unpack(_ row: Row, _ what: String) throws(InputError) -> [UInt8] {
        let stored = Array(row["bytes"] as Data)
        switch row["encoding"] as String {
        case "raw": return stored
        case "zlib":
            guard let bytes = Deflate.decompress(stored, size: row["size"]) else { throw InputError("store \(path): \(what) is damaged") }
            return bytes
        case let other: throw InputError("store \(path): \(what) has an unknown encoding '\(other)'")
        }
    }

    /// Level 1: on a 28 MB diff it is several times faster than the default for a slightly larger blob.
    static func pack(_ bytes: [UInt8]) -> (encoding: String, bytes: [UInt8]) {
        let z = Deflate.compress(bytes, level: 1)
        return z.isEmpty && !bytes.isEmpty ? ("raw", bytes) : ("zlib", z)
    }

    static func storeDiff(_ db: Database, sha: String, bytes: [UInt8], paths: [String], replace: Bool) throws {
        try insertDiff(db, sha: sha, packed: pack(bytes), size: bytes.count, paths: paths, replace: replace)
    }

    static func insertDiff(_ db: Database, sha: String, packed: (encoding: String, bytes: [UInt8]), size: Int,
                           paths: [String], replace: Bool) throws {
        try db.execute(sql: "INSERT OR \(replace ? "REPLACE" : "IGNORE") INTO diffs (sha256, bytes, encoding, size) VALUES (?, ?, ?, ?)",
                       arguments: [sha, Data(packed.bytes), packed.encoding, size])
        for p in Set(paths) {
            try db.execute(sql: "INSERT OR IGNORE INTO diff_files (sha256, path) VALUES (?, ?)", arguments: [sha, p])
        }
    }
}

extension ParsedDiff {
    /// Every path the diff touches, old and new names of renames included.
    public var touchedPaths: [String] {
        var out: [String] = []
        for f in files {
            if let o = f.oldPath { out.append(o) }
            if let n = f.newPath, n != f.oldPath { out.append(n) }
        }
        return out
    }
}
