import MLEReviewCore

/// The offer made when a range gives another diff than its earlier review (its branch moved, the
/// work tree changed), or a patch file holds another diff than it did: start from the earlier review?
enum CarryForwardOverlay: Component {
    static let scope = Scope.carryForward

    static func perform(_ action: Action, on wb: inout Workbench) -> [Effect] {
        guard let offer = wb.carryOffer else { wb.close(); return [] }
        switch action {
        case .yes:
            wb.close()
            wb.carryOffer = nil
            return [.carryForward(from: offer.reviewID)]
        case .no:
            wb.close()
            wb.carryOffer = nil
            wb.say("started fresh; the earlier review \(offer.reviewID) is unchanged")
        default: break
        }
        return []
    }

    static func draw(_ wb: Workbench, into g: inout Grid) {
        guard let offer = wb.carryOffer else { return }
        let width = min(84, g.width - 4)
        var text = "Review \(offer.reviewID): \(offer.summary). Carry its ticks and findings forward onto this diff? Findings follow their code; those whose code is gone are kept and marked outdated."
        if let runs = offer.runsStaying { text += " " + runs.capitalizingFirst() + "." }
        let lines = Wrap.words(text, width: width - 4, maxLines: 6)
        let height = lines.count + 5
        let rect = Rect(row: max(1, g.height / 2 - height / 2), col: (g.width - width) / 2, height: height, width: width)
        PaneFrame.box(rect, title: offer.title, into: &g)
        let inner = rect.inner
        let end = inner.col + inner.width - 1
        for (i, line) in lines.enumerated() {
            g.put(line, row: inner.row + i, col: inner.col + 1, role: .overlay, limit: end)
        }
        g.put(wb.keymap.footerText([.carryForward]), row: inner.row + lines.count + 1, col: inner.col + 1, role: .hint, limit: end)
    }
}
