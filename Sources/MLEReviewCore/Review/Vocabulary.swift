/// The fixed words of a review, as the reviewer brief spells them.

public enum Severity: String, Sendable, Codable, CaseIterable, Comparable {
    case critical = "CRITICAL", high = "HIGH", medium = "MEDIUM", low = "LOW"

    /// 0 is the worst.
    public var rank: Int { Severity.allCases.firstIndex(of: self)! }
    public static func < (a: Severity, b: Severity) -> Bool { a.rank < b.rank }

    public init?(loose text: String) {
        self.init(rawValue: text.trimmingSpaces().uppercased())
    }
}

public enum RiskCategory: String, Sendable, Codable, CaseIterable {
    case dataLeakage = "data leakage"
    case irreproducibleTraining = "irreproducible training"
    case weakEval = "weak eval"
    case unsafeServing = "unsafe serving"
    case missingMonitoring = "missing monitoring"
    case other

    /// The brief's order, which breaks a tie between risks of the same worst severity wherever
    /// risks are listed (the verdict, the log), so a review's risks read the same everywhere.
    public var rank: Int { RiskCategory.allCases.firstIndex(of: self)! }

    /// Accepts the brief's words with any case, dashes or underscores (`data-leakage`).
    public init?(loose text: String) {
        let key = text.lowercased().map { $0 == "-" || $0 == "_" ? " " : $0 }
        self.init(rawValue: String(key).trimmingSpaces())
    }
}

public enum ItemState: String, Sendable, Codable, CaseIterable {
    case unchecked, pass, fail
    case notApplicable = "n/a"

    public var isDecided: Bool { self != .unchecked }
}

public enum FindingStatus: String, Sendable, Codable, CaseIterable {
    /// Imported or suggested, waiting for a human to accept or dismiss it; it does not count.
    case proposed
    case open, resolved, dismissed
}

/// Why a finding was dismissed, when the reviewer said: what a lead needs to read an AI
/// reviewer's, a linter's or a hint rule's precision. A duplicate, or a true point not worth
/// fixing here, was not wrong.
public enum DismissalReason: String, Sendable, Codable, CaseIterable {
    /// Not a real problem: the source was wrong.
    case wrong
    /// Already reported (by another finding, or the same source twice).
    case duplicate
    /// True, but not worth fixing in this change.
    case minor

    /// `wrong`, `duplicate`, `true but minor`: how it reads beside a finding.
    public var label: String { self == .minor ? "true but minor" : rawValue }

    /// A store column's value: nil when none was given (or one this build does not know).
    init?(stored: String?) {
        guard let stored, let reason = DismissalReason(rawValue: stored) else { return nil }
        self = reason
    }
}

public enum Decision: String, Sendable, Codable, CaseIterable {
    case approve = "APPROVE"
    case approveWithWarnings = "APPROVE WITH WARNINGS"
    case block = "BLOCK"

    /// Higher is stricter.
    public var strictness: Int { Decision.allCases.firstIndex(of: self)! }

    public init?(loose text: String) {
        let t = String(text.trimmingSpaces().uppercased().map { $0 == "_" ? " " : $0 })
        if t == "WARNINGS" || t == "WARN" { self = .approveWithWarnings; return }
        self.init(rawValue: t)
    }
}

public enum TestOutcome: String, Sendable, Codable, CaseIterable {
    case passed, failed, errored, skipped
    /// Stopped by the reviewer: no evidence either way.
    case cancelled
    /// Stopped at its time limit: it did not show the change works, so it counts as a failure.
    case timedOut = "timed out"

    public var isFailure: Bool { self == .failed || self == .errored || self == .timedOut }
}

public enum ReviewerRole: String, Sendable, Codable, CaseIterable {
    case reviewer, driver, navigator

    /// The pair's roles after a swap: driver and navigator trade. A plain reviewer paired with
    /// a navigator (who joined the review they opened) is the one driving: after the swap they
    /// navigate, so the pair is never a reviewer and a driver with nobody navigating.
    public static func swapped(_ roles: [ReviewerRole]) -> [ReviewerRole] {
        var out = roles.map { $0 == .driver ? ReviewerRole.navigator : $0 == .navigator ? .driver : $0 }
        for missing in [ReviewerRole.driver, .navigator] where out.contains(where: { $0 == .driver || $0 == .navigator }) && !out.contains(missing) {
            out = out.map { $0 == .reviewer ? missing : $0 }
        }
        return out
    }
}


