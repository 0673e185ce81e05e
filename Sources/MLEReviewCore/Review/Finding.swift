import Foundation

public struct Finding: Sendable, Equatable, Codable {
    public var id: String
    public var severity: Severity
    public var title: String
    public var location: Location
    public var issue: String
    public var fix: String
    /// Checklist section and item it belongs to, when filed under one.
    public var sectionID: String?
    public var itemID: String?
    public var risk: RiskCategory
    /// True when the risk was worked out from the finding's words, not given: shown as a guess.
    public var riskGuessed: Bool?
    public var status: FindingStatus
    public var author: String?
    public var origin: Origin
    public var createdAt: Date
    public var updatedAt: Date
    /// True when the review was carried forward onto a new diff and this finding's code could not
    /// be found in it: kept (never dropped) at its old location, for the reviewer to judge.
    public var outdated: Bool?
    /// Why it was dismissed, when the reviewer said (only while dismissed).
    public var dismissal: DismissalReason?
    /// The pull request comment it was imported from (its address): it is on the pull request
    /// already, so a GitHub export links it instead of posting it a second time.
    public var pullRequestComment: String?

    // Spelled so that snake_case conversion writes `section_id` and `item_id` and reads them
    // back: `sectionID` would be looked for as `sectionId` and silently dropped, and a record
    // that does not read back as written is refused by every reader of published reviews.
    enum CodingKeys: String, CodingKey {
        case id, severity, title, location, issue, fix, risk, riskGuessed, status, author, origin, createdAt, updatedAt, outdated, dismissal
        case pullRequestComment
        case sectionID = "sectionId", itemID = "itemId"
    }

    public var isOutdated: Bool { outdated == true }
    /// Said wherever an outdated finding is exported: its place is from an earlier diff.
    public static let outdatedReason = "its code is no longer in this diff (the line is from an earlier revision)"
    /// Who proposed it, as a lead knows the source: an imported finding's tool (SARIF's driver,
    /// kept as its author) or else the file's name without its folder (the same reviewer's
    /// files sit in many folders), `hint RULE`; nil for a finding a reviewer typed.
    public var source: String? { Self.source(origin: origin, author: author) }

    public static func source(origin: Origin, author: String?) -> String? {
        switch origin {
        case .typed: return nil
        case .imported(let file): return author.flatMap { $0.isEmpty ? nil : $0 } ?? String(file.split(separator: "/").last ?? Substring(file))
        case .hint(let rule): return "hint " + rule
        }
    }

    /// `dismissed`, `dismissed, duplicate`: the status as a listing shows it.
    public var statusLabel: String { Self.statusLabel(status, dismissal: dismissal) }

    /// The same for a status about to be set (the store's history, a file of unsaved changes).
    public static func statusLabel(_ status: FindingStatus, dismissal: DismissalReason?) -> String {
        status.rawValue + (status == .dismissed ? dismissal.map { ", \($0.label)" } ?? "" : "")
    }
    public var isRiskGuessed: Bool { riskGuessed == true }
    /// The risk as shown: `weak eval`, or `weak eval (guessed)`.
    public var riskLabel: String { risk.rawValue + (isRiskGuessed ? " (guessed)" : "") }

    public init(id: String = Review.newID(prefix: "f"), severity: Severity, title: String, location: Location,
                issue: String = "", fix: String = "", sectionID: String? = nil, itemID: String? = nil,
                risk: RiskCategory = .other, status: FindingStatus = .open, author: String? = nil,
                origin: Origin = .typed, createdAt: Date = Date(), updatedAt: Date? = nil, outdated: Bool? = nil,
                riskGuessed: Bool? = nil, dismissal: DismissalReason? = nil, pullRequestComment: String? = nil) {
        self.id = id
        self.severity = severity
        self.title = title
        self.location = location
        self.issue = issue
        self.fix = fix
        self.sectionID = sectionID
        self.itemID = itemID
        self.risk = risk
        self.status = status
        self.author = author
        self.origin = origin
        self.createdAt = createdAt
        self.updatedAt = updatedAt ?? createdAt
        self.outdated = outdated
        self.riskGuessed = riskGuessed == true ? true : nil
        self.dismissal = status == .dismissed ? dismissal : nil
        self.pullRequestComment = pullRequestComment
    }

    /// Severity first (CRITICAL first), then path, then line: the order of every listing and export.
    public static func reportOrder(_ a: Finding, _ b: Finding) -> Bool {
        if a.severity != b.severity { return a.severity < b.severity }
        if a.location.path != b.location.path { return a.location.path < b.location.path }
        return (a.location.line ?? 0) < (b.location.line ?? 0)
    }
}

/// Where a finding points: a line or a range of lines on one side of a file's diff, or the
/// whole file when `line` is nil.
public struct Location: Sendable, Equatable, Codable, CustomStringConvertible {
    public enum Side: String, Sendable, Codable { case old, new }
    public var path: String
    public var side: Side
    public var line: Int?
    public var endLine: Int?

    public init(path: String, side: Side = .new, line: Int? = nil, endLine: Int? = nil) {
        self.path = path
        self.side = side
        self.line = line
        self.endLine = endLine.flatMap { end in line.map { end > $0 ? end : nil } ?? nil }
    }

    /// `path:line`, `path:line-end`, or `path` for the whole file, as the brief's `File:` line has it.
    public var description: String {
        guard let line else { return path }
        if let endLine { return "\(path):\(line)-\(endLine)" }
        return "\(path):\(line)"
    }

    /// As a reader of an export finds it: a line of the old file (a removed line) says so, for
    /// its number points elsewhere in the new file (a text export read back put it there).
    public var shown: String { side == .old && line != nil ? description + Self.oldSide : description }
    static let oldSide = " (old side)"

    /// Reads `path`, `path:42` or `path:42-50` (the path may itself contain colons), and the
    /// ` (old side)` that `shown` adds.
    public static func parse(_ text: String, side: Side = .new) -> Location? {
        var t = text.trimmingSpaces()
        var side = side
        if t.lowercased().hasSuffix(oldSide) && t.count > oldSide.count {
            t = String(t.dropLast(oldSide.count)).trimmingSpaces()
            side = .old
        }
        guard !t.isEmpty else { return nil }
        if let colon = t.lastIndex(of: ":") {
            let spec = t[t.index(after: colon)...]
            let parts = spec.split(separator: "-", omittingEmptySubsequences: false)
            if parts.count <= 2, let first = Int(parts[0]), first > 0 {
                let end = parts.count == 2 ? Int(parts[1]) : nil
                if parts.count == 2 && end == nil { return nil }
                return Location(path: String(t[..<colon]), side: side, line: first, endLine: end)
            }
        }
        return Location(path: t, side: side)
    }
}

public enum Origin: Sendable, Equatable, Codable, CustomStringConvertible {
    case typed
    case imported(file: String)
    case hint(rule: String)

    public var description: String {
        switch self {
        case .typed: return "typed"
        case .imported(let file): return "imported from \(file)"
        case .hint(let rule): return "hint \(rule)"
        }
    }

    /// `typed`, `import:FILE`, `hint:RULE`: how the store and the JSON keep it.
    public var code: String {
        switch self {
        case .typed: return "typed"
        case .imported(let file): return "import:" + file
        case .hint(let rule): return "hint:" + rule
        }
    }

    public init(code: String) {
        if code.hasPrefix("import:") { self = .imported(file: String(code.dropFirst(7))) }
        else if code.hasPrefix("hint:") { self = .hint(rule: String(code.dropFirst(5))) }
        else { self = .typed }
    }

    public init(from decoder: Decoder) throws { self.init(code: try decoder.singleValueContainer().decode(String.self)) }
    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(code)
    }
}
