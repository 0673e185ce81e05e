import Foundation
import GRDB

/// The durable home of reviews: one SQLite database in WAL mode. Every method that changes a
/// review is one transaction, committed before it returns, so no edit acknowledged to the
/// reviewer can be lost to a crash, a kill or a closed terminal.
public final class ReviewStore: Sendable {
    public let path: String
    let pool: any DatabaseWriter
    public let access: Access
    /// Said once on opening (an empty file set up as a new store, say); nil when nothing to say.
    public let notice: String?

    public enum Access: Sendable {
        /// Commands that change reviews: creates the store when missing, migrates it, checks it.
        case readWrite
        /// Commands that only read (`log`, `show`, `stats`): the file is never changed, and a
        /// read-only file or folder works.
        case readOnly
    }

    /// How long a command waits for another process's write before saying so.
    static let busyTimeout: TimeInterval = 15

    /// Opens the store at `path`. For writing it is created when needed (folders 0700, the
    /// database 0600), migrated, and checked for damage; a store written by a newer version is
    /// refused and left untouched.
    public init(path: String, access: Access = .readWrite) throws(InputError) {
        self.path = path
        UntrackedFiles.leaveOut(store: path)
        self.access = access
        let (size, existed) = try Self.prepare(path, access: access)
        notice = existed && size == 0 ? "store \(path) was an empty file: set up as a new store" : nil
        // Before anything can write (opening a pool touches the file's header): refuse a store
        // from a newer build, and, for a writer, a damaged one.
        let checking = try Self.refuseNewerSchema(path, size: size, checkDamage: access == .readWrite)
        var config = Configuration()
        config.foreignKeysEnabled = true
        config.busyMode = .timeout(Self.busyTimeout)
        switch access {
        case .readWrite:
            try? checking?.close()
            do {
                pool = try DatabasePool(path: path, configuration: config)
            } catch {
                if let db = error as? DatabaseError, [.SQLITE_READONLY, .SQLITE_CANTOPEN, .SQLITE_PERM].contains(db.resultCode) {
                    throw InputError("store \(path): cannot be written here (a read-only file or folder); log, show and stats still read it")
                }
                throw InputError("store \(path): not a readable review store (\(Self.describe(error)))")
            }
            do {
                try StoreSchema.migrator.migrate(pool)
            } catch let e as InputError {
                throw e
            } catch {
                throw InputError("store \(path): \(Self.describe(error))")
            }
        case .readOnly:
            // The connection the schema was checked through is the one reads use.
            var queue: DatabaseQueue
            if let checking { queue = checking } else { queue = try Self.readOnlyQueue(path, config: config) }
            if size > 0, try Self.isOlder(queue, path: path) {
                // A lead's first `log` after an upgrade was refused until someone opened a
                // review. The schema's changes are additive, one transaction: made here when
                // this user can write the store; no review in it changes.
                try? queue.close()
                try Self.upgrade(path, config: config)
                queue = try Self.readOnlyQueue(path, config: config)
            }
            pool = try Self.openReadOnly(path, queue: queue)
        }
    }

    /// Creates what a writer needs; for a reader, insists the store is there. Returns its size.
    static func prepare(_ path: String, access: Access) throws(InputError) -> (size: Int, existed: Bool) {
        var info = stat()
        if stat(path, &info) == 0 {
            if info.st_mode & S_IFMT == S_IFDIR { throw InputError("store \(path): is a directory, not a review store") }
            if info.st_mode & S_IFMT != S_IFREG { throw InputError("store \(path): not a regular file") }
            return (Int(info.st_size), true)
        }
        guard access == .readWrite else { throw InputError("store \(path): no such store (no review was made here yet)") }
        let folder = (path as NSString).deletingLastPathComponent
        if !folder.isEmpty { try AtomicFile.makeFolder(folder) }
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 || errno == EEXIST else { throw InputError("store \(path): cannot create it (\(ByteInput.errnoText()))") }
        if fd >= 0 { close(fd) }
        return (0, fd < 0)
    }

    /// Whether the store predates a migration this build has.
    static func isOlder(_ queue: DatabaseQueue, path: String) throws(InputError) -> Bool {
        do {
            return try queue.read { db in try !StoreSchema.migrator.hasCompletedMigrations(db) }
        } catch {
            throw InputError("store \(path): not a readable review store (\(describe(error)))")
        }
    }

    /// Brings an older store's schema up to date for a command that only reads, after the
    /// damage check a writer makes; refused, saying where it can be done, when this user cannot
    /// write the file or its folder.
    static func upgrade(_ path: String, config: Configuration) throws(InputError) {
        let folder = (path as NSString).deletingLastPathComponent
        guard Glibc.access(path, W_OK) == 0, Glibc.access(folder.isEmpty ? "." : folder, W_OK) == 0 else {
            throw InputError("store \(path): written by an older mle-review and read-only here; a command that changes reviews, run where the store can be written, upgrades it")
        }
        do {
            let pool = try DatabasePool(path: path, configuration: config)
            try checkForDamage(pool, path: path)
            try StoreSchema.migrator.migrate(pool)
            try pool.close()
        } catch let e as InputError {
            throw e
        } catch {
            throw InputError("store \(path): could not upgrade it from an older mle-review (\(describe(error)))")
        }
    }

    /// Reading never writes a review: a read-only connection, no migration (one is made first, above). A file in a folder this user
    /// cannot write (so SQLite cannot make its shared-memory file) is opened as immutable.
    static func openReadOnly(_ path: String, queue: DatabaseQueue) throws(InputError) -> any DatabaseWriter {
        if try isOlder(queue, path: path) {
            throw InputError("store \(path): written by an older mle-review; a command that changes reviews (opening one, import, finish) upgrades it first")
        }
        return queue
    }

    /// A read-only connection; when SQLite cannot share the file for reading (a folder this user
    /// cannot write, so no shared-memory file), the file opened as immutable.
    static func readOnlyQueue(_ path: String, config base: Configuration) throws(InputError) -> DatabaseQueue {
        var config = base
        config.readonly = true
        func open(_ name: String) throws -> DatabaseQueue {
            let queue = try DatabaseQueue(path: name, configuration: config)
            try queue.read { db in _ = try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master") }
            return queue
        }
        do {
            return try open(path)
        } catch let first {
            guard let db = first as? DatabaseError, [.SQLITE_READONLY, .SQLITE_CANTOPEN].contains(db.resultCode) else {
                throw InputError("store \(path): not a readable review store (\(describe(first)))")
            }
            do {
                let absolute = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
                let encoded = absolute.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? absolute
                return try open("file:" + encoded + "?immutable=1")
            } catch {
                throw InputError("store \(path): not a readable review store (\(describe(first)))")
            }
        }
    }

    /// Checks the schema through a read-only connection, so a refused store is not touched at all:
    /// migrations it does not know, or a `user_version` above this build's.
    /// Returns the connection it checked through (nil for an empty file).
    static func refuseNewerSchema(_ path: String, size: Int, checkDamage: Bool) throws(InputError) -> DatabaseQueue? {
        guard size > 0 else { return nil }
        var config = Configuration()
        config.busyMode = .timeout(busyTimeout)
        let superseded: Bool
        let version: Int
        let queue = try readOnlyQueue(path, config: config)
        do {
            (superseded, version) = try queue.read { db in
                (try StoreSchema.migrator.hasBeenSuperseded(db), try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0)
            }
        } catch {
            throw InputError("store \(path): not a readable review store (\(describe(error)))")
        }
        if checkDamage { try checkForDamage(queue, path: path) }
        if superseded {
            throw InputError("store \(path): written by a newer mle-review; upgrade to use it (nothing was changed)")
        }
        if version > StoreSchema.version {
            throw InputError("store \(path): written by a newer mle-review (store schema \(version), this build knows \(StoreSchema.version)); upgrade to use it (nothing was changed)")
        }
        return queue
    }

    /// SQLite's quick check before anything is written: a damaged store is refused whole, so
    /// no command writes more into it. About 1 ms per MB of store (see the README).
    static func checkForDamage(_ db: any DatabaseWriter, path: String) throws(InputError) {
        let result: [String]
        do {
            result = try db.read { db in try String.fetchAll(db, sql: "PRAGMA quick_check") }
        } catch {
            throw InputError("store \(path): damaged (\(describe(error))); nothing was written (see \"A damaged store\" in the README)")
        }
        if result != ["ok"] {
            let what = problems(result)
            throw InputError("store \(path): damaged (\(what.isEmpty ? "quick_check failed" : what)); nothing was written (see \"A damaged store\" in the README)")
        }
    }

    /// Caps the database at its current size plus `extra` pages (SQLite's `max_page_count`), so
    /// writes that need room fail as on a full disk. For fault-injection tests.
    public func limitSize(extraPages extra: Int = 0) throws(InputError) {
        try mappingErrors {
            try pool.writeWithoutTransaction { db in
                let pages = try Int.fetchOne(db, sql: "PRAGMA page_count") ?? 0
                _ = try Int.fetchOne(db, sql: "PRAGMA max_page_count = \(pages + extra)")
            }
        }
    }

    /// SQLite's full integrity check, for `log --verify`: nil when the file is sound.
    public func integrityProblem() throws(InputError) -> String? {
        let result = try read { db in try String.fetchAll(db, sql: "PRAGMA integrity_check") }
        return result == ["ok"] ? nil : Self.problems(result)
    }

    /// SQLite's check results, the first three, on one line.
    static func problems(_ result: [String]) -> String {
        result.prefix(3).joined(separator: "; ").split(whereSeparator: \.isNewline).joined(separator: " ")
    }

    static func describe(_ error: Error) -> String {
        if let db = error as? DatabaseError {
            if db.resultCode == .SQLITE_BUSY || db.resultCode == .SQLITE_LOCKED {
                return "another mle-review kept the store busy for more than \(Int(busyTimeout)) s; try again"
            }
            if db.resultCode == .SQLITE_FULL { return "the disk (or the store's size limit) is full" }
            return db.message ?? "\(db.resultCode)"
        }
        return "\(error)"
    }

    /// Runs one write transaction and maps database failures to one-line input errors.
    @discardableResult
    func write<T>(_ body: (Database) throws -> T) throws(InputError) -> T {
        guard access == .readWrite else { throw InputError("store \(path): opened read-only") }
        return try mappingErrors { try pool.write(body) }
    }

    func read<T>(_ body: (Database) throws -> T) throws(InputError) -> T {
        try mappingErrors { try pool.read(body) }
    }

    private func mappingErrors<T>(_ body: () throws -> T) throws(InputError) -> T {
        do {
            return try body()
        } catch let e as InputError {
            throw e
        } catch {
            throw InputError("store \(path): \(Self.describe(error))")
        }
    }
}
