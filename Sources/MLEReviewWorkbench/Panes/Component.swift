/// A pane or an overlay: its own state (a cursor, a scroll), the actions of its scope, and its
/// drawing, as tig's view_ops. The workbench finds the component of the scope a key's binding
/// came from and lets it carry the action out.
protocol Component {
    static var scope: Scope { get }
    /// Carries out an action bound in this scope; what must be made durable comes back.
    static func perform(_ action: Action, on wb: inout Workbench) -> [Effect]
    static func draw(_ wb: Workbench, into g: inout Grid)
}

/// Keeps a cursor's row within a pane of `height` rows by moving the scroll. A list of `count`
/// rows is not scrolled past its end: zoomed to another pane and back (the list one row high
/// meanwhile), the file list showed its last file alone at the top over empty rows.
func keepVisible(_ cursor: Int, _ scroll: inout Int, height: Int, count: Int? = nil) {
    let h = max(1, height)
    if let count { scroll = min(scroll, max(0, count - h)) }
    if cursor < scroll { scroll = cursor }
    if cursor >= scroll + h { scroll = cursor - h + 1 }
    scroll = max(0, scroll)
}

func clamp(_ v: Int, _ count: Int) -> Int { max(0, min(v, count - 1)) }

extension Int {
    func addingClamped(_ d: Int) -> Int {
        let (r, o) = addingReportingOverflow(d)
        return o ? (d > 0 ? Int.max / 2 : -Int.max / 2) : r
    }
}
