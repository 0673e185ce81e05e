import Foundation
import GRDB

/// The durable home of reviews: one SQLite database in WAL mode. Every method that changes a
/// review is one transaction, committed before it returns, so no edit acknowledged to the
/// reviewer can be lost to a crash, a kill or a closed terminal.
public final class ReviewStore: Sendable {
    public let path: String
    let pool: DatabasePool

    /// Opens (creating when needed) the store at `path`. Folders it creates are 0700, the database
    /// 0600. A store written by a newer version is refused and left untouched.
    public init(path: String) throws(InputError) {
        self.path = path
        let folder = (path as NSString).deletingLastPathComponent
        do {
            if !folder.isEmpty && !FileManager.default.fileExists(atPath: folder) {
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true,
                                                        attributes: [.posixPermissions: 0o700])
            }
            if !FileManager.default.fileExists(atPath: path) {
                guard FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600]) else {
                    throw InputError("store \(path): cannot create it (permission denied?)")
                }
            }
        } catch let e as InputError {
            throw e
        } catch {
            throw InputError("store \(path): cannot create its folder (\(error.localizedDescription))")
        }
        try Self.refuseNewerSchema(path)
        var config = Configuration()
        config.foreignKeysEnabled = true
        config.busyMode = .timeout(5)
        do {
            pool = try DatabasePool(path: path, configuration: config)
        } catch {
            throw InputError("store \(path): not a readable review store (\(Self.describe(error)))")
        }
        do {
            try StoreSchema.migrator.migrate(pool)
        } catch let e as InputError {
            throw e
        } catch {
            throw InputError("store \(path): \(Self.describe(error))")
        }
    }

    /// Checks the schema through a read-only connection, so a refused store is not touched at all.
    static func refuseNewerSchema(_ path: String) throws(InputError) {
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        guard size > 0 else { return }
        var config = Configuration()
        config.readonly = true
        let superseded: Bool
        do {
            let queue = try DatabaseQueue(path: path, configuration: config)
            superseded = try queue.read { db in try StoreSchema.migrator.hasBeenSuperseded(db) }
            try queue.close()
        } catch {
            throw InputError("store \(path): not a readable review store (\(describe(error)))")
        }
        if superseded {
            throw InputError("store \(path): written by a newer mle-review; upgrade to use it (nothing was changed)")
        }
    }

    static func describe(_ error: Error) -> String {
        if let db = error as? DatabaseError { return db.message ?? "\(db.resultCode)" }
        return "\(error)"
    }

    /// Runs one write transaction and maps database failures to one-line input errors.
    @discardableResult
    func write<T>(_ body: (Database) throws -> T) throws(InputError) -> T {
        try mappingErrors { try pool.write(body) }
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
