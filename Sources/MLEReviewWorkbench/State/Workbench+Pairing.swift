import MLEReviewCore

/// Pairing: another reviewer's presence, following their cursor, and crossed saves of a finding.
extension Workbench {
    /// Follows the next other reviewer (cycling when there are several) and jumps to them.
    mutating func startFollowing() {
        guard !others.isEmpty else { say("nobody else has this review open", error: true); return }
        let next = following.flatMap { s in others.firstIndex { $0.session == s } }.map { (others.index(after: $0)) % others.count } ?? 0
        following = others[next].session
        _ = goTo(others[next])
        say("following \(others[next].name) (any movement stops)")
    }

    /// Driver and navigator change places, here at once and in the store.
    mutating func swapRoles() -> [Effect] {
        guard review.reviewers.contains(where: { $0.role == .driver || $0.role == .navigator }) else {
            say("nobody on this review is driver or navigator (start with --role driver)", error: true)
            return []
        }
        let roles = ReviewerRole.swapped(review.reviewers.map(\.role))
        for i in review.reviewers.indices { review.reviewers[i].role = roles[i] }
        if let me = review.reviewers.first(where: { $0.name == reviewer?.name }) { reviewer?.role = me.role }
        say("roles swapped: " + review.reviewers.map { "\($0.name) \($0.role.rawValue)" }.joined(separator: ", "))
        return [.swapRoles]
    }

    /// Puts the diff cursor on another reviewer's line; true when it moved.
    public mutating func goTo(_ p: Presence) -> Bool {
        guard let path = p.path else { return false }
        let target = p.line.flatMap { document.reveal( Location(path: path, side: .new, line: $0)) }
            ?? document.files.firstIndex { $0.path == path }.map { document.fileRows[$0] }
        guard let row = target, row != diffPane.cursor else { return false }
        jumpDiff(to: row)
        return true
    }

    /// The others' positions as diff rows, for the gutter.
    public var otherCursors: [Int: String] {
        var out: [Int: String] = [:]
        for p in others {
            guard let path = p.path, let line = p.line, let row = document.row(for: Location(path: path, side: .new, line: line)) else { continue }
            out[row] = p.name
        }
        return out
    }

    mutating func replaceFinding(_ f: Finding) {
        if let i = review.findings.firstIndex(where: { $0.id == f.id }) { review.findings[i] = f } else { review.findings.append(f) }
    }
}
