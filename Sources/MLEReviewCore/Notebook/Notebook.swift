import Foundation

/// A Jupyter notebook as a reviewer reads it: cells with their source, where each source line
/// sits in the raw `.ipynb` (so findings anchor to lines exports can use), and what the outputs
/// are, summarised. Execution counts and metadata are left out on purpose: they are churn.
public struct Notebook: Sendable, Equatable {
    public struct Cell: Sendable, Equatable {
        public var kind: String
        public var source: [String]
        /// Raw `.ipynb` line of each source line; empty when they could not be told.
        public var lines: [Int]
        public var outputs: [String]

        var key: String { kind + "\u{0}" + source.joined(separator: "\n") }
    }

    public var cells: [Cell]

    /// Nil when the bytes are not a notebook.
    public static func parse(_ bytes: [UInt8]) -> Notebook? {
        guard let top = (try? JSONSerialization.jsonObject(with: Data(bytes))) as? [String: Any],
              let cells = top["cells"] as? [[String: Any]] else { return nil }
        var out = cells.map { c in
            Cell(kind: c["cell_type"] as? String ?? "code", source: sourceLines(c["source"]), lines: [],
                 outputs: (c["outputs"] as? [[String: Any]] ?? []).map(summary))
        }
        // nbformat writes one source string per line: find those lines in the raw text.
        var cell = -1, inSource = false, number = 0
        var found: [[Int]] = Array(repeating: [], count: out.count)
        for raw in bytes.split(separator: 10, omittingEmptySubsequences: false) {
            number += 1
            let t = String(decoding: raw, as: UTF8.self).trimmingSpaces()
            if inSource {
                if t == "]" || t == "]," { inSource = false } else if cell >= 0 && cell < found.count { found[cell].append(number) }
                continue
            }
            if t.hasPrefix("\"cell_type\"") { cell += 1 }
            if t.hasPrefix("\"source\": [") && !t.hasSuffix("]") && !t.hasSuffix("],") { inSource = true }
        }
        for i in out.indices where found[i].count == out[i].source.count { out[i].lines = found[i] }
        return Notebook(cells: out)
    }

    static func sourceLines(_ value: Any?) -> [String] {
        let text = (value as? [String])?.joined() ?? (value as? String) ?? ""
        guard !text.isEmpty else { return [] }
        var lines = text.components(separatedBy: "\n")
        if lines.last == "" { lines.removeLast() }
        return lines
    }

    /// One line per output: its text (first line), or its kind and size; never base64.
    static func summary(_ o: [String: Any]) -> String {
        func size(_ n: Int) -> String { n >= 1024 ? "\(n / 1024) KB" : "\(n) B" }
        switch o["output_type"] as? String {
        case "stream":
            let text = Notebook.sourceLines(o["text"])
            return "\(o["name"] as? String ?? "stream"): " + (text.first ?? "") + (text.count > 1 ? " (+\(text.count - 1) lines)" : "")
        case "error":
            return "error: \(o["ename"] as? String ?? "?"): \(o["evalue"] as? String ?? "")"
        default:
            let data = o["data"] as? [String: Any] ?? [:]
            if let image = data.keys.sorted().first(where: { $0.hasPrefix("image/") }) {
                let b64 = (data[image] as? String) ?? (data[image] as? [String])?.joined() ?? ""
                return "[\(image) \(size(b64.utf8.count * 3 / 4))]"
            }
            if let html = data["text/html"] {
                return "[HTML \(size(((html as? [String])?.joined() ?? (html as? String) ?? "").utf8.count))]"
            }
            let text = Notebook.sourceLines(data["text/plain"])
            return (text.first ?? "(empty output)") + (text.count > 1 ? " (+\(text.count - 1) lines)" : "")
        }
    }
}
