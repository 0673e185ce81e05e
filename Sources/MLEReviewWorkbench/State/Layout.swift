/// Where each pane sits for a terminal size. Panes get a border, so a rect includes it.
public struct Rect: Equatable, Sendable {
    public var row, col, height, width: Int
    public init(row: Int, col: Int, height: Int, width: Int) {
        self.row = row; self.col = col; self.height = height; self.width = width
    }
    /// Inside the border.
    public var inner: Rect { Rect(row: row + 1, col: col + 1, height: max(0, height - 2), width: max(0, width - 2)) }
    public func contains(row r: Int, col c: Int) -> Bool { r >= row && r < row + height && c >= col && c < col + width }
    public var isEmpty: Bool { height <= 0 || width <= 0 }
}

public struct Layout: Equatable, Sendable {
    public static let minimumWidth = 80
    public static let minimumHeight = 24

    public var width: Int
    public var height: Int
    public var files: Rect
    public var checklist: Rect
    public var diff: Rect
    public var findings: Rect

    public var tooSmall: Bool { width < Self.minimumWidth || height < Self.minimumHeight }

    /// Title bar on the first row, status line on the last; the file list over the checklist on
    /// the left, the diff over the findings on the right. A zoomed pane has the whole body and
    /// the others none.
    public init(width: Int, height: Int, zoomed: Pane? = nil) {
        self.width = width
        self.height = height
        let body = max(0, height - 2)
        if let zoomed {
            let whole = Rect(row: 1, col: 0, height: body, width: width), none = Rect(row: 1, col: 0, height: 0, width: 0)
            files = zoomed == .files ? whole : none
            checklist = zoomed == .checklist ? whole : none
            diff = zoomed == .diff ? whole : none
            findings = zoomed == .findings ? whole : none
            return
        }
        let left = min(46, max(30, width * 3 / 10))
        let filesHeight = max(5, min(body / 3, 14))
        files = Rect(row: 1, col: 0, height: filesHeight, width: left)
        checklist = Rect(row: 1 + filesHeight, col: 0, height: body - filesHeight, width: left)
        let findingsHeight = max(6, body / 4)
        diff = Rect(row: 1, col: left, height: body - findingsHeight, width: width - left)
        findings = Rect(row: 1 + body - findingsHeight, col: left, height: findingsHeight, width: width - left)
    }

    public func rect(_ pane: Pane) -> Rect {
        switch pane {
        case .files: return files
        case .diff: return diff
        case .checklist: return checklist
        case .findings: return findings
        }
    }
}
