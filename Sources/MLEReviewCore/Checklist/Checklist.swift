/// A checklist: sections (one per review area) of items a reviewer decides one by one.
public struct Checklist: Sendable, Equatable {
    /// Where it came from: `built-in` or the file's path.
    public var source: String
    public var title: String
    /// SHA-256 of the Markdown it was read from, so a review records exactly what it used.
    public var sha256: String
    public var sections: [ChecklistSection]
    /// The text it was read from, kept with reviews so a past review shows its own checklist.
    public var markdown: String

    public var items: [ChecklistItem] { sections.flatMap(\.items) }

    /// No sections: what a screen holds before the review's checklist is known.
    public static let none = Checklist(source: "", title: "", sha256: "", sections: [], markdown: "")

    public func item(_ id: String) -> ChecklistItem? { items.first { $0.id == id } }
    public func section(_ id: String) -> ChecklistSection? { sections.first { $0.id == id } }
    public func section(ofItem id: String) -> ChecklistSection? { sections.first { s in s.items.contains { $0.id == id } } }
}

public struct ChecklistSection: Sendable, Equatable {
    public enum Kind: String, Sendable, Codable {
        /// How to start a review; advice, not required for a verdict.
        case guide
        /// A review area: every item must be decided before APPROVE.
        case area
        /// Things that must not be present: an item confirmed present (failed) blocks.
        case blockers
    }

    public var id: String
    public var title: String
    public var kind: Kind
    public var risk: RiskCategory
    public var items: [ChecklistItem]
}

public struct ChecklistItem: Sendable, Equatable {
    /// `section-id/item-id`, stable across edits that keep the title (or the pinned `id:`).
    public var id: String
    /// Short enough for a 40-column pane.
    public var title: String
    public var text: String
    public var risk: RiskCategory
}

extension Checklist {
    public func jsonValue() -> JSONValue {
        .object([
            ("source", .string(source)),
            ("title", .string(title)),
            ("sha256", .string(sha256)),
            ("sections", .array(sections.map { s in
                .object([
                    ("id", .string(s.id)), ("title", .string(s.title)), ("kind", .string(s.kind.rawValue)),
                    ("risk", .string(s.risk.rawValue)),
                    ("items", .array(s.items.map { i in
                        .object([("id", .string(i.id)), ("title", .string(i.title)), ("text", .string(i.text)), ("risk", .string(i.risk.rawValue))])
                    })),
                ])
            })),
        ])
    }

    /// The human listing of `mle-review checklist`.
    public func summary() -> String {
        var out = "\(SafeText.escaped(title)) (\(SafeText.escaped(source)), \(items.count) items)\n"
        for s in sections {
            out += "\n\(SafeText.escaped(s.title))  [\(s.kind.rawValue), \(s.risk.rawValue)]\n"
            for i in s.items { out += "  - \(SafeText.escaped(i.title))  (\(SafeText.escaped(i.id)))\n" }
        }
        return out
    }
}
