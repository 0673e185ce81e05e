import Foundation
import MLEReviewCore

/// Pairing: each workbench process says where it is, notices the other's changes by the
/// review's version number, and reloads without touching its own cursor, scroll or open form.
extension ReviewSession {
    /// Called between keys (every quarter second while idle). True when the screen should be redrawn.
    /// `afterKey`: skipped when the last poll was under a quarter second ago, so a burst of keys
    /// (scrolling, typing) costs no reads while the other's changes still show during it.
    @discardableResult
    public func poll(now: Date = Date(), afterKey: Bool = false) -> Bool {
        guard !workbench.browsing else { return false }
        if afterKey && now.timeIntervalSince(lastPoll) < 0.25 { return false }
        lastPoll = now
        var changed = false
        let id = workbench.review.id
        let here = workbench.document.rowCount > 0 ? workbench.document.location(at: workbench.diffPane.cursor) : nil
        let spot = here.map { "\($0.path):\($0.line ?? 0)" }
        // Once a second, and when the cursor moved, but not on every key while scrolling: each
        // beat is a write.
        let due = now.timeIntervalSince(lastBeat) >= 1 || (spot != lastSpot && now.timeIntervalSince(lastBeat) >= 0.25)
        if due, let me = workbench.reviewer {
            lastBeat = now
            lastSpot = spot
            try? store.heartbeat(Presence(session: session, name: me.name, role: me.role, path: here?.path,
                                          line: here?.side == .new ? here?.line : nil, seenAt: now), reviewID: id)
        }
        if firstPoll == .distantPast { firstPoll = now }
        var others = try? store.present(on: id, excluding: session, now: now)
        // A session left behind by a closed terminal could still show for the timeout: its
        // reviewer, back at once, read "with" themselves. Its process may still be ending when
        // this one opens, so the dead are looked for at every poll while that can happen.
        if others?.isEmpty == false, now.timeIntervalSince(firstPoll) < ReviewStore.presenceTimeout {
            try? store.forgetDeadSessions(on: id)
            others = try? store.present(on: id, excluding: session, now: now)
        }
        if let others, others != workbench.others {
            workbench.others = others
            changed = true
        }
        // Who of them is typing a finding: their form's draft is written as they type.
        let writing = (others ?? []).filter { $0.name != workbench.reviewer?.name }
            .filter { ((try? store.draft(id, key: Workbench.draftKey(for: Reviewer(name: $0.name)))) ?? nil) != nil }.map(\.name)
        if writing != workbench.othersWriting { workbench.othersWriting = writing }
        if let version = try? store.version(of: id), version != seenVersion {
            seenVersion = version
            if let fresh = try? store.load(id) {
                let lapsedBefore = workbench.review.override == nil ? nil : workbench.verdict.overrideLapsed
                let wasFinished = workbench.review.isFinished
                let before = workbench.review
                let dismissedBefore = workbench.dismissedHints
                let rowsBefore = workbench.findingsRows
                let underCursor = workbench.findingsPane.cursor < rowsBefore.count ? rowsBefore[workbench.findingsPane.cursor].key : nil
                workbench.review = fresh
                let dismissals = readHintDismissals()
                // The cursor stays on the row it was on (a finding the pair added sorts above it,
                // and the next key was about another), and a finding read whole stays the one read.
                var keep = underCursor
                if case .finding(let key, _) = workbench.overlay { keep = key }
                workbench.followFindingsRow { $0.key == keep }
                if let me = workbench.reviewer, let role = fresh.reviewers.first(where: { $0.name == me.name })?.role {
                    workbench.reviewer?.role = role
                }
                refreshItemHistory()
                // The other's change ended this reviewer's override: the title bar's decision
                // changed under them, so they are told why.
                if !wasFinished, let f = fresh.finish {
                    // Said now, not at this reviewer's next refused write.
                    workbench.say("\(f.finishedBy ?? "the other reviewer") finished the review: \(f.decision.rawValue). It is read-only now; "
                                  + "\(workbench.keymap.key(.reopen)) starts a new revision", error: true)
                } else if let o = fresh.override, let lapsed = workbench.verdict.overrideLapsed, lapsed != lapsedBefore {
                    workbench.say("override to \(o.decision.rawValue) lapsed: a reason it did not cover came in (\(workbench.keymap.key(.verdict)) shows it)", error: true)
                } else if let news = PairNews.describe(before: before, after: fresh, me: workbench.reviewer?.name,
                                                       other: workbench.others.count == 1 ? workbench.others[0].name : nil,
                                                       checklist: workbench.checklist, hints: dismissals.map { (dismissedBefore, $0) } ?? ([], []), actor: { subject in
                    let history = (try? self.store.history(of: id, subject: subject)) ?? []
                    return (subject == nil ? history.last { $0.kind == "override" } : history.last)?.who
                }) {
                    workbench.say(news)
                }
                changed = true
            }
        }
        if let s = workbench.following {
            if let p = workbench.others.first(where: { $0.session == s }) {
                if workbench.goTo(p) { changed = true }
            } else {
                workbench.following = nil
                workbench.say("stopped following: they left")
                changed = true
            }
        }
        return changed
    }

    /// Leaves presence at once (others would otherwise see us for a few more seconds), keeping
    /// where the diff's cursor was for the next time.
    public func leave() {
        try? store.leave(session: session)
        rememberPosition()
    }
}
