import Foundation
import MLEReviewCore

/// A line of a hunk, with or without syntax colour, as one Int: a dictionary keyed by a struct
/// of the three cost a scan of every conformance record on the first frame's way.
enum SpanKey {
    static func of(hunk: Int, index: Int, syntax: Bool) -> Int { hunk << 32 | index << 1 | (syntax ? 1 : 0) }
}

/// How far a hunk's lines have been lexed on each side: the state at the start of each line
/// (nil for lines not on that side).
struct LexProgress {
    var old: [Lexer.State?] = []
    var new: [Lexer.State?] = []
    var oldState = Lexer.State.normal
    var newState = Lexer.State.normal
}

/// The drawing's caches for one document: languages, lexer states per hunk, spans of lines drawn
/// recently. They belong to the view, not to the document: the view keeps the one for the
/// document it draws (a key redraws the same lines, so most spans are found here). Only the
/// drawing thread touches them.
final class SyntaxMemo: @unchecked Sendable {
    var lexStates: [Int: LexProgress] = [:]
    var lexOrder: [Int] = []
    var languages: [Int: SyntaxLanguage?] = [:]
    var hunkLanguages: [Int: SyntaxLanguage?] = [:]
    var spanCache: [Int: [Lexer.Span]] = [:]
    var whitespaceOnly: [Int: Set<Int>] = [:]
    var lineEndings: [Int: String?] = [:]

    private final class Entry {
        weak var owner: DiffMemo?
        let memo = SyntaxMemo()
        init(_ owner: DiffMemo) { self.owner = owner }
    }
    private static let lock = NSLock()
    nonisolated(unsafe) private static var entries: [Entry] = []

    /// The memo for a document being drawn, found by the identity of its decoded-lines memo
    /// (held weakly: a document that is gone takes its memo with it); the last few are kept.
    static func of(_ doc: DiffDocument) -> SyntaxMemo {
        lock.lock(); defer { lock.unlock() }
        if let e = entries.first(where: { $0.owner === doc.memo }) { return e.memo }
        entries.removeAll { $0.owner == nil }
        if entries.count >= 8 { entries.removeFirst() }
        let e = Entry(doc.memo)
        entries.append(e)
        return e.memo
    }
}

/// Colour for one diff line: syntax spans, and the changed words of a removed/added pair. Only
/// lines on screen are asked for; a hunk is lexed from its start only as far as it is shown, so
/// a string opened above the screen is still a string, and a 100,000-line hunk costs what is seen.
extension DiffDocument {
    var syntaxMemo: SyntaxMemo { SyntaxMemo.of(self) }


    /// A notebook's cell hunks (`cell 3→4 · code · …`) are Python or Markdown by cell kind; its
    /// raw JSON hunks get no colour.
    /// Asked for every line drawn, so answered from a cache after the first time.
    public func language(ofFile f: Int, hunk h: Int) -> SyntaxLanguage? {
        let id = hunkID(f, h)
        if let known = syntaxMemo.hunkLanguages[id] { return known }
        var lang = language(ofFile: f)
        if files[f].path.lowercased().hasSuffix(".ipynb") {
            let section = diff.section(of: files[f].hunks[h])
            lang = !section.hasPrefix("cell ") ? nil : section.contains(" · markdown · ") ? .markdown : section.contains(" · code · ") ? .python : nil
        }
        syntaxMemo.hunkLanguages[id] = .some(lang)
        return lang
    }

    func language(ofFile f: Int) -> SyntaxLanguage? {
        if let known = syntaxMemo.languages[f] { return known }
        let lang = SyntaxLanguage.detect(path: files[f].path)
        syntaxMemo.languages[f] = .some(lang)
        return lang
    }

    /// Spans for line `index` of a hunk, later spans winning: syntax first, then changed words.
    public func spans(file f: Int, hunk h: Int, index i: Int, syntax: Bool) -> [Lexer.Span] {
        let key = SpanKey.of(hunk: hunkID(f, h), index: i, syntax: syntax)
        if let known = syntaxMemo.spanCache[key] { return known }
        let computed = computeSpans(file: f, hunk: h, index: i, syntax: syntax)
        if syntaxMemo.spanCache.count > 8192 { syntaxMemo.spanCache.removeAll(keepingCapacity: true) }
        syntaxMemo.spanCache[key] = computed
        return computed
    }

    func computeSpans(file f: Int, hunk h: Int, index i: Int, syntax: Bool) -> [Lexer.Span] {
        let lines = self.lines(file: f, hunk: h)
        let line = lines[i]
        let bytes = Array(diff.bytes[line.content])
        var out: [Lexer.Span] = []
        if syntax, let lang = language(ofFile: f, hunk: h), let state = lexState(file: f, hunk: h, index: i, side: line.kind == .removed ? .old : .new, lang) {
            out = Lexer.line(bytes, lang, state).spans
        }
        if line.kind != .context, let partner = partner(of: i, in: lines) {
            let other = Array(diff.bytes[lines[partner].content])
            if let changes = line.kind == .removed ? WordDiff.changes(old: bytes, new: other) : WordDiff.changes(old: other, new: bytes) {
                let mine = line.kind == .removed ? changes.old : changes.new
                let role: Role = line.kind == .removed ? .diffRemovedWord : .diffAddedWord
                out += mine.map { Lexer.Span(range: $0, role: role) }
            }
        }
        return out
    }

    /// How the file's changed lines' endings changed (`LineEndings.change`), worked out once a file.
    public func lineEndingChange(file f: Int) -> String? {
        if let known = syntaxMemo.lineEndings[f] { return known }
        let change = LineEndings.change(in: diff.files[f].hunks, bytes: diff.bytes)
        syntaxMemo.lineEndings[f] = change
        return change
    }

    /// A changed line that is blank, or differs only in spaces, tabs and CRs from a line of the
    /// other side it lines up with: what `git diff -w` would not show. Worked out once a hunk.
    public func changesOnlyWhitespace(file f: Int, hunk h: Int, index i: Int) -> Bool {
        let id = hunkID(f, h)
        if let known = syntaxMemo.whitespaceOnly[id] { return known.contains(i) }
        let quiet = WhitespaceChanges.quiet(lines(file: f, hunk: h), in: diff.bytes)
        syntaxMemo.whitespaceOnly[id] = quiet
        return quiet.contains(i)
    }

    /// The line a removed (added) line is paired with: the same position in the run of added
    /// (removed) lines right after (before) its own run. Nil for runs too long to pair.
    func partner(of i: Int, in lines: [DiffLine]) -> Int? {
        let kind = lines[i].kind
        var start = i, end = i + 1
        while start > 0 && lines[start - 1].kind == kind && i - start < WordDiff.maxBlockLines { start -= 1 }
        while end < lines.count && lines[end].kind == kind && end - i < WordDiff.maxBlockLines { end += 1 }
        guard end - start < WordDiff.maxBlockLines else { return nil }
        if kind == .removed {
            var addEnd = end
            while addEnd < lines.count && lines[addEnd].kind == .added && addEnd - end < WordDiff.maxBlockLines { addEnd += 1 }
            let k = end + (i - start)
            return k < addEnd ? k : nil
        }
        var remStart = start
        while remStart > 0 && lines[remStart - 1].kind == .removed && start - remStart < WordDiff.maxBlockLines { remStart -= 1 }
        let k = remStart + (i - start)
        return k < start ? k : nil
    }

    /// The lexer state at the start of line `i` on one side, lexing the hunk up to it once.
    func lexState(file f: Int, hunk h: Int, index i: Int, side: Location.Side, _ lang: SyntaxLanguage) -> Lexer.State? {
        let id = hunkID(f, h)
        var p = syntaxMemo.lexStates[id] ?? LexProgress()
        let lines = self.lines(file: f, hunk: h)
        var done = side == .old ? p.old.count : p.new.count
        while done <= i {
            let l = lines[done]
            let onSide = side == .old ? l.kind != .added : l.kind != .removed
            if side == .old {
                p.old.append(onSide ? p.oldState : nil)
                if onSide { p.oldState = Lexer.line(Array(diff.bytes[l.content]), lang, p.oldState).end }
            } else {
                p.new.append(onSide ? p.newState : nil)
                if onSide { p.newState = Lexer.line(Array(diff.bytes[l.content]), lang, p.newState).end }
            }
            done += 1
        }
        if syntaxMemo.lexStates[id] == nil {
            syntaxMemo.lexOrder.append(id)
            if syntaxMemo.lexOrder.count > 256 { syntaxMemo.lexStates[syntaxMemo.lexOrder.removeFirst()] = nil }
        }
        syntaxMemo.lexStates[id] = p
        return side == .old ? p.old[i] : p.new[i]
    }
}
