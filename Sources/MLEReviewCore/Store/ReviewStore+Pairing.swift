import Foundation
import GRDB

/// What two processes on one review need from the store: a cheap "did anything change?", who
/// else has the review open and where, and the history of an item or finding.
public struct Presence: Sendable, Equatable {
    public var session: String
    public var name: String
    public var role: ReviewerRole
    public var path: String?
    public var line: Int?
    public var seenAt: Date

    public init(session: String, name: String, role: ReviewerRole, path: String?, line: Int?, seenAt: Date) {
        self.session = session
        self.name = name
        self.role = role
        self.path = path
        self.line = line
        self.seenAt = seenAt
    }
}

public struct Activity: Sendable, Equatable {
    public var at: Date
    public var who: String?
    public var kind: String
    public var subject: String?
    public var detail: String?
}

extension ReviewStore {
    /// Bumped by every change to the review, from any process.
    public func version(of reviewID: String) throws(InputError) -> Int {
        try read { db in try Int.fetchOne(db, sql: "SELECT version FROM reviews WHERE id = ?", arguments: [reviewID]) ?? 0 }
    }

    /// A process that has stopped beating for this long is gone (crashed, killed, or its
    /// terminal closed): it drops out of presence without anyone cleaning up after it.
    public static let presenceTimeout: TimeInterval = 3

    /// Says "I am here, on this line" (call it about once a second, and when the cursor moves).
    public func heartbeat(_ p: Presence, reviewID: String) throws(InputError) {
        try write { db in
            try db.execute(sql: """
                INSERT OR REPLACE INTO presence (session, review_id, name, role, pid, path, line, seen_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [p.session, reviewID, p.name, p.role.rawValue, Int(getpid()), p.path, p.line, p.seenAt.timeIntervalSince1970])
            // Forget sessions long gone, so the table stays small.
            try db.execute(sql: "DELETE FROM presence WHERE seen_at < ?", arguments: [p.seenAt.timeIntervalSince1970 - 3600])
        }
    }

    /// Forgets the sessions of this review whose process is gone from this machine: a terminal
    /// closed under a workbench (SIGHUP ends it before it can leave) stayed present for the
    /// timeout, so its reviewer, reopening at once, read "with" themselves. A live session this
    /// process cannot see (another machine or pid namespace) is back at its next beat.
    public func forgetDeadSessions(on reviewID: String) throws(InputError) {
        try write { db in
            let rows = try Row.fetchAll(db, sql: "SELECT session, pid FROM presence WHERE review_id = ?", arguments: [reviewID])
            for r in rows {
                let pid: Int = r["pid"]
                guard pid > 0, Self.processIsGone(pid_t(pid)) else { continue }
                try db.execute(sql: "DELETE FROM presence WHERE session = ?", arguments: [r["session"] as String])
            }
        }
    }

    /// No such process, or only its exit status left: a closed terminal's workbench can stay a
    /// zombie for seconds where the process that inherits it reaps late (seen under a VM's
    /// init), and `kill(pid, 0)` still finds those.
    static func processIsGone(_ pid: pid_t) -> Bool {
        if kill(pid, 0) == -1 { return errno == ESRCH }
        // /proc/PID/stat: "pid (name) S …"; the state follows the last ')'.
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")") else { return false }
        let state = stat[stat.index(after: close)...].drop { $0 == " " }.first
        return state == "Z" || state == "X"
    }

    public func leave(session: String) throws(InputError) {
        try write { db in try db.execute(sql: "DELETE FROM presence WHERE session = ?", arguments: [session]) }
    }

    /// Everyone else with the review open now.
    public func present(on reviewID: String, excluding session: String, now: Date = Date()) throws(InputError) -> [Presence] {
        try read { db in
            try Row.fetchAll(db, sql: """
                SELECT * FROM presence WHERE review_id = ? AND session != ? AND seen_at >= ? ORDER BY name
                """, arguments: [reviewID, session, now.timeIntervalSince1970 - Self.presenceTimeout]).map {
                Presence(session: $0["session"], name: $0["name"], role: ReviewerRole(rawValue: $0["role"]) ?? .reviewer,
                         path: $0["path"], line: $0["line"], seenAt: Self.date($0["seen_at"]))
            }
        }
    }

    /// Refuses to finish from the command line a review someone has open in the workbench: an
    /// `export` to post a comment froze a pair's review under them mid-finding.
    public func refuseFinishingUnderReviewers(_ reviewID: String, doing: String) throws(InputError) {
        try forgetDeadSessions(on: reviewID)
        let open = try present(on: reviewID, excluding: "")
        guard !open.isEmpty else { return }
        var names: [String] = []
        for p in open where !names.contains(p.name) { names.append(p.name) }
        throw InputError("review \(reviewID) is open in the workbench now (\(names.joined(separator: ", "))): \(doing) would freeze it under "
                         + (names.count == 1 ? "them" : "them all") + "; finish it there (F), or preview with `mle-review export \(reviewID) --no-finish`")
    }

    /// The review's history, or one item's or finding's, oldest first.
    public func history(of reviewID: String, subject: String? = nil) throws(InputError) -> [Activity] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM activity WHERE review_id = ?" + (subject == nil ? "" : " AND subject = ?") + " ORDER BY id",
                             arguments: subject.map { [reviewID, $0] } ?? [reviewID]).map {
                Activity(at: Self.date($0["at"]), who: $0["who"], kind: $0["kind"], subject: $0["subject"], detail: $0["detail"])
            }
        }
    }
}
