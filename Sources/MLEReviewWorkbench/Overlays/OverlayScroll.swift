/// Where a scrolled text overlay (help, the verdict, a check's output) goes for a move: every
/// move the panes take, so g/G and the half pages work in them as help says they do everywhere.
enum OverlayScroll {
    /// The new first line, or nil when the action is not a move.
    static func top(after action: Action, from top: Int, page: Int, most: Int) -> Int? {
        let page = max(1, page)
        let moved: Int
        switch action {
        case .down: moved = top + 1
        case .up: moved = top - 1
        case .pageDown: moved = top + page
        case .pageUp: moved = top - page
        case .halfPageDown: moved = top + max(1, page / 2)
        case .halfPageUp: moved = top - max(1, page / 2)
        case .top: moved = 0
        case .bottom: moved = most
        default: return nil
        }
        return max(0, min(most, moved))
    }
}
