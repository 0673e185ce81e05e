import MLEReviewCore

/// The offer made when a range is opened after its branch moved: start from the earlier review?
enum CarryForwardOverlay {
    static func draw(_ offer: Workbench.CarryOffer, into g: inout Grid) {
        let width = min(84, g.width - 4)
        let rect = Rect(row: max(1, g.height / 2 - 4), col: (g.width - width) / 2, height: 8, width: width)
        PaneFrame.box(rect, title: "The branch moved since the last review", into: &g)
        let inner = rect.inner
        let end = inner.col + inner.width - 1
        g.put("Review \(offer.reviewID): \(offer.summary).", row: inner.row + 1, col: inner.col + 1, role: .overlay, limit: end)
        g.put("Carry its ticks and findings forward onto this diff? Findings follow their", row: inner.row + 2, col: inner.col + 1, role: .overlay, limit: end)
        g.put("code; those whose code is gone are kept and marked outdated.", row: inner.row + 3, col: inner.col + 1, role: .overlay, limit: end)
        g.put("y carry forward   n start fresh", row: inner.row + 5, col: inner.col + 1, role: .hint, limit: end)
    }
}
