import Foundation

/// Reads a checklist from Markdown: headings are sections, list items (`-`, `*`, `+`, `1.`,
/// `- [ ]`) are items. `**Title**: explanation` gives an item a short title; otherwise the title
/// is the text cut to 40 columns. HTML comments carry settings that Markdown viewers hide:
/// `<!-- risk: data leakage -->`, `<!-- kind: guide|area|blockers -->`, `<!-- id: my-id -->`.
/// Front matter, code blocks and sections without items are skipped.
public enum ChecklistParser {
    public static let titleWidth = 40

    public static func parse(_ markdown: String, source: String) throws(InputError) -> Checklist {
        var sections: [ChecklistSection] = []
        var title: String?
        var current: ChecklistSection?
        var fence: Substring?
        // Lines cut on the bytes (LF is ASCII, so every cut is a character boundary): splitting
        // by Characters was a fifth of the built-in checklist's parse, on every start.
        var lines = markdown.utf8.split(separator: 10, omittingEmptySubsequences: false).map { line in
            let text = Substring(line)
            return text.utf8.last == 13 ? text.dropLast() : text
        }
        if lines.first?.trimmingSpaces() == "---", let end = lines.dropFirst().firstIndex(where: { $0.trimmingSpaces() == "---" }) {
            lines.removeSubrange(0...end) // YAML front matter
        }
        var usedSectionIds: Set<String> = []
        var usedItemIds: Set<String> = []

        func closeSection() {
            if let s = current, !s.items.isEmpty { sections.append(s) }
            current = nil
        }

        for line in lines {
            let trimmed = line.trimmingSpaces()
            if let open = fence {
                if trimmed.hasPrefix(open) { fence = nil }
                continue
            }
            if trimmed.hasPrefix("```") || trimmed.hasPrefix("~~~") { fence = trimmed.prefix(3); continue }

            if let (level, text) = heading(trimmed) {
                let (plain, notes) = annotations(text)
                if level == 1 && title == nil && sections.isEmpty && current == nil { title = plain; continue }
                closeSection()
                let id = unique(notes["id"].map(slug) ?? slug(plain), in: &usedSectionIds)
                let risk = try notes["risk"].map { r throws(InputError) in try riskValue(r, source: source) } ?? inferredRisk(plain)
                let kind = try notes["kind"].map { k throws(InputError) in
                    guard let kind = ChecklistSection.Kind(rawValue: k.lowercased()) else {
                        throw InputError("\(source): unknown section kind '\(k)' (expected guide, area or blockers)")
                    }
                    return kind
                } ?? inferredKind(plain)
                current = ChecklistSection(id: id, title: plain, kind: kind, risk: risk, items: [])
                continue
            }
            if let body = listItem(line) {
                guard current != nil else { continue } // a list before any heading is prose
                let (plain, notes) = annotations(body)
                let (itemTitle, text) = titleAndText(plain)
                guard !itemTitle.isEmpty else { continue }
                let section = current!
                let id = section.id + "/" + unique(notes["id"].map(slug) ?? slug(itemTitle), in: &usedItemIds, scope: section.id)
                let risk = try notes["risk"].map { r throws(InputError) in try riskValue(r, source: source) } ?? section.risk
                current!.items.append(ChecklistItem(id: id, title: itemTitle, text: text, risk: risk))
                continue
            }
            // An indented line under an item continues its explanation.
            if !trimmed.isEmpty, line.first == " " || line.first == "\t", let last = current?.items.indices.last {
                current!.items[last].text += " " + annotations(trimmed).text
            }
        }
        closeSection()
        guard !sections.isEmpty else { throw InputError("\(source): no checklist items (expected headings with list items under them)") }
        return Checklist(source: source, title: title ?? "Checklist", sha256: Hashing.sha256Hex(markdown.utf8), sections: sections, markdown: markdown)
    }

    static func heading(_ line: String) -> (Int, String)? {
        let hashes = line.prefix { $0 == "#" }.count
        guard (1...6).contains(hashes), line.dropFirst(hashes).first == " " else { return nil }
        var text = String(line.dropFirst(hashes)).trimmingSpaces()
        while text.hasSuffix("#") { text.removeLast() } // closing hashes
        return (hashes, text.trimmingSpaces())
    }

    /// The text of a list item line, without its marker and task box.
    static func listItem(_ line: Substring) -> String? {
        let body = line.drop { $0 == " " || $0 == "\t" }
        var rest: Substring
        if let m = body.first, "-*+".contains(m), body.dropFirst().first == " " {
            rest = body.dropFirst(2)
        } else {
            let digits = body.prefix { $0.isASCII && $0.isNumber }
            guard !digits.isEmpty, digits.count < 10 else { return nil }
            let after = body.dropFirst(digits.count)
            guard let d = after.first, d == "." || d == ")", after.dropFirst().first == " " else { return nil }
            rest = after.dropFirst(2)
        }
        for box in ["[ ] ", "[x] ", "[X] "] where rest.hasPrefix(box) { rest = rest.dropFirst(box.count) }
        let text = String(rest).trimmingSpaces()
        return text.isEmpty ? nil : text
    }

    /// Removes `<!-- key: value -->` comments and returns them as settings.
    static func annotations(_ text: String) -> (text: String, notes: [String: String]) {
        var out = "", notes: [String: String] = [:]
        var rest = Substring(text)
        while let open = rest.firstRange(ofASCII: "<!--") {
            out += rest[..<open.lowerBound]
            guard let close = rest[open.upperBound...].firstRange(ofASCII: "-->") else { rest = rest[open.lowerBound...]; break }
            let inner = rest[open.upperBound..<close.lowerBound]
            if let colon = inner.firstIndex(of: ":") {
                let key = inner[..<colon].trimmingSpaces().lowercased()
                notes[key] = inner[inner.index(after: colon)...].trimmingSpaces()
            }
            rest = rest[close.upperBound...]
        }
        out += rest
        return (out.trimmingSpaces().collapsingSpaces(), notes)
    }

    static func titleAndText(_ text: String) -> (String, String) {
        if text.hasPrefix("**"), let close = text.dropFirst(2).firstRange(ofASCII: "**") {
            var title = String(text[text.index(text.startIndex, offsetBy: 2)..<close.lowerBound]).trimmingSpaces()
            while let l = title.last, ".:".contains(l) { title.removeLast() }
            var rest = text[close.upperBound...].drop { " :.—–-".contains($0) }
            if rest.isEmpty { rest = Substring(title) }
            return (title, String(rest))
        }
        return (shortTitle(text), text)
    }

    /// Cuts at a word boundary to fit `titleWidth` columns, marking the cut with an ellipsis.
    static func shortTitle(_ text: String) -> String {
        var plain = text.filter { $0 != "`" && $0 != "*" }
        while let l = plain.last, ".:;".contains(l) { plain.removeLast() }
        guard plain.count > titleWidth else { return plain }
        let limit = plain.index(plain.startIndex, offsetBy: titleWidth - 1)
        var cut = plain[..<limit]
        if let space = cut.lastIndex(of: " "), plain.distance(from: plain.startIndex, to: space) > titleWidth / 2 {
            cut = cut[..<space]
        }
        while let l = cut.last, ",;: ".contains(l) { cut.removeLast() }
        return cut + "…"
    }

    static func slug(_ text: String) -> String {
        // Built of ASCII only, so its length is its byte count (counting Characters each time was quadratic).
        var out = ""
        for ch in text.lowercased().unicodeScalars {
            if ("a"..."z").contains(ch) || ("A"..."Z").contains(ch) || ("0"..."9").contains(ch) {
                out.unicodeScalars.append(ch)
            } else if !out.hasSuffix("-") && !out.isEmpty {
                out += "-"
            }
            if out.utf8.count >= 48 { break }
        }
        while out.hasSuffix("-") { out.removeLast() }
        return out.isEmpty ? "item" : out
    }

    static func unique(_ id: String, in used: inout Set<String>, scope: String = "") -> String {
        var candidate = id, n = 2
        while used.contains(scope + "/" + candidate) { candidate = "\(id)-\(n)"; n += 1 }
        used.insert(scope + "/" + candidate)
        return candidate
    }

    static func riskValue(_ text: String, source: String) throws(InputError) -> RiskCategory {
        guard let risk = RiskCategory(loose: text) else {
            let known = RiskCategory.allCases.map(\.rawValue).joined(separator: ", ")
            throw InputError("\(source): unknown risk '\(text)' (expected one of: \(known))")
        }
        return risk
    }

    static func inferredRisk(_ title: String) -> RiskCategory {
        let t = title.lowercased()
        if t.contains("leak") || t.contains("data contract") { return .dataLeakage }
        if t.contains("reproducib") || t.contains("training") { return .irreproducibleTraining }
        if t.contains("metric") || t.contains("evaluation") || t.contains("eval ") { return .weakEval }
        if t.contains("serving") || t.contains("deploy") || t.contains("inference") { return .unsafeServing }
        if t.contains("monitor") || t.contains("incident") { return .missingMonitoring }
        return .other
    }

    static func inferredKind(_ title: String) -> ChecklistSection.Kind {
        let t = title.lowercased()
        if t.contains("blocker") { return .blockers }
        if t.hasPrefix("start here") { return .guide }
        return .area
    }
}

extension StringProtocol {
    func collapsingSpaces() -> String {
        // Most text has no two spaces in a row: then it is returned as it is, without a walk by Characters.
        var previous: UInt8 = 0
        if !utf8.contains(where: { b in defer { previous = b }; return b == 32 && previous == 32 }) { return String(self) }
        var out = "", lastSpace = false
        for ch in self {
            if ch == " " { if !lastSpace { out.append(ch) }; lastSpace = true } else { out.append(ch); lastSpace = false }
        }
        return out
    }
}
