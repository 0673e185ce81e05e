/// What the names of one file hold, followed through the file in order: which hold training,
/// validation or test rows (from a split's outputs by position, from what they were computed from,
/// or from their own words), which are passed into a split or a cross-validation later, and which
/// hold a model's predictions or scores. Rules ask it about relations (a fit whose input is split
/// afterwards, a metric on predictions for training rows) and quote its evidence.
final class DataFlow: @unchecked Sendable {
    enum Role: String { case train = "training", validation, test }

    struct Origin {
        var role: Role
        var line: Int
        /// Why, for the hint's text: "the test part of train_test_split on line 8".
        var how: String
    }

    struct Prediction {
        var line: Int
        /// The data it predicts on, and what that holds.
        var input: String
        var role: Role?
        /// A probability or a score (not a class label).
        var isScore: Bool
    }

    private var origins: [String: [(index: Int, origin: Origin)]] = [:]
    private var splits: [String: [(index: Int, line: Int, call: String)]] = [:]
    private(set) var predictions: [String: [(index: Int, prediction: Prediction)]] = [:]
    private(set) var crossValidationScores: [String: Int] = [:]
    /// Name → the class it was built from (`model = RandomForestClassifier(…)` → RandomForestClassifier).
    private(set) var constructed: [String: String] = [:]
    /// Name → the names assigned from it, and where.
    private var derived: [String: [(index: Int, targets: [String])]] = [:]

    static let splitters = ["train_test_split", "cross_val_score", "cross_validate", "cross_val_predict", "random_split", "GroupShuffleSplit",
                            "learning_curve", "validation_curve", "permutation_test_score"]
    static let scoreCalls = ["predict_proba", "decision_function", "sigmoid", "softmax", "score_samples", "predict_log_proba"]

    init(_ file: SourceFile) {
        for s in file.statements {
            let line = s.lines.lowerBound
            // Data passed into a split or cross-validation: `train_test_split(X, y)`, `cv.split(X)`.
            // Most statements split nothing and assign nothing: two byte checks skip them.
            let splitsSomething = s.mentions("split") || s.mentions("cross_") || s.mentions("_curve(") || s.mentions("permutation_test")
            for call in splitsSomething ? Self.splitters + [".split"] : [] {
                guard let args = s.argumentsOf(call) else { continue }
                let positional = PythonCode.arguments(args).positional
                guard let first = positional.first, !first.hasPrefix("\""), !first.hasPrefix("'") else { continue }
                for arg in positional {
                    for name in PythonCode.names(arg) { splits[name, default: []].append((s.index, line, call.hasPrefix(".") ? "split" : call)) }
                }
            }
            guard s.contains(byte: 61), let (targets, value) = s.assignment, !targets.isEmpty else { continue }
            let plain = targets.filter { PythonCode.isName($0) }
            let read = PythonCode.names(value)
            if plain.count == 1, let built = Self.constructor(value) { constructed[plain[0]] = built }
            // A split by hand: `train = df[df.day < cut]`, `test = df.iloc[n:]`, `valid = df.query(…)`.
            if plain.count == 1, let role = Self.roleByName(plain[0])?.role, let source = read.first,
               value.hasPrefix(source + "[") || value.hasPrefix(source + ".loc[") || value.hasPrefix(source + ".iloc[") || value.hasPrefix(source + ".query(") {
                splits[source, default: []].append((s.index, line, "the \(role.rawValue) selection \(plain[0])"))
            }
            if s.has("train_test_split("), let args = s.argumentsOf("train_test_split") {
                // Outputs alternate train, held-out for each input array.
                let inputs = PythonCode.arguments(args).positional
                let nested = inputs.first.flatMap { PythonCode.names($0).first }.flatMap { role(of: $0, before: s.index) }?.role == .train
                for (k, target) in targets.enumerated() {
                    let role: Role = k % 2 == 0 ? .train : (nested ? .validation : .test)
                    let part = role == .train ? "training" : role == .test ? "test" : "validation"
                    record(target, Origin(role: role, line: line, how: "the \(part) part of train_test_split on line \(line)"), s.index)
                }
                continue
            }
            if value.hasPrefix("cross_val_score(") || value.hasPrefix("cross_validate(") {
                for t in plain { crossValidationScores[t] = line }
            }
            // Predictions and scores: `p = model.predict_proba(X_te)[:, 1]`.
            // The value is the statement after its `=`: byte searches of the statement say the same, faster.
            let isScore = Self.scoreCalls.contains { s.has($0 + "(") } || s.has(".search(") || s.has("similarity(")
            if isScore || s.has(".predict(") || s.has(".evaluate(") {
                var input = ""
                for call in [".predict_proba", ".predict", ".decision_function", ".evaluate", "sigmoid", "softmax", ".search"] {
                    if let a = s.argumentsOf(call) { input = PythonCode.names(a).first ?? ""; break }
                }
                let prediction = Prediction(line: line, input: input, role: input.isEmpty ? nil : role(of: input, before: s.index)?.role, isScore: isScore)
                // `similarity, idx = index.search(q)`: the first target holds the scores.
                for t in (s.has(".search(") ? Array(plain.prefix(1)) : plain) {
                    predictions[t, default: []].append((s.index, prediction))
                }
            }
            // What the targets were computed from, for "is it split later" questions.
            for name in read where !plain.contains(name) {
                derived[name, default: []].append((s.index, plain))
            }
            // A fitted object (`scaler = StandardScaler().fit(a)`) is not data, nor is a record
            // of the parts (`data = {"train": …, "test": …}`): its keys say which part is which.
            if s.has(".fit(") && !s.has("fit_transform") { continue }
            if value.hasPrefix("{") || value.hasPrefix("dict(") { continue }
            // A name computed from data holds what that data holds: `b_s = scaler.transform(b)`;
            // the data an expression reads comes first, then what it calls a method on (`X.sample(`).
            // Rows from several parts hold the test rows if any part does (`pd.concat([X_tr, X_te])`).
            let candidates = PythonCode.valueNames(value) + read
            var known = candidates.compactMap { name in role(of: name, before: s.index).map { (name, $0) } }
            // A part picked from a record by its key: `parts["test"]["X"]`.
            for key in Self.subscriptKeys(value) {
                if let origin = Self.roleByName(key) { known.append(("[\"\(key)\"]", Origin(role: origin.role, line: line, how: "the \(key) part"))) }
            }
            if let (name, origin) = known.first(where: { $0.1.role == .test }) ?? known.first {
                for t in plain where t != name {
                    record(t, Origin(role: origin.role, line: line, how: "\(name) (\(origin.how))"), s.index)
                }
            }
        }
    }

    private func record(_ name: String, _ origin: Origin, _ index: Int) {
        origins[name, default: []].append((index, origin))
    }

    /// What a name holds just before a statement: its last assignment, or its own words.
    func role(of name: String, before index: Int) -> Origin? {
        if let list = origins[name], let k = Sorted.last(list, before: index, \.index) { return list[k].origin }
        return nameRole(name)
    }

    private var byName: [String: Origin?] = [:]

    /// `roleByName`, remembered: the same names come back on every line.
    private func nameRole(_ name: String) -> Origin? {
        if let known = byName[name] { return known }
        let found = Self.roleByName(name)
        byName[name] = found
        return found
    }

    /// The class a value is built from: `RandomForestClassifier` for `ensemble.RandomForestClassifier(…)`.
    static func constructor(_ value: String) -> String? {
        // ASCII (nearly all code) on the bytes; Characters otherwise, as ever.
        let u = value.utf8
        guard u.allSatisfy({ $0 < 128 }) else {
            guard let open = value.firstIndex(of: "("), value[..<open].allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "." }),
                  !value[..<open].isEmpty else { return nil }
            return String(value[..<open].split(separator: ".").last ?? "")
        }
        guard let open = u.firstIndex(of: 40), open != u.startIndex,
              u[..<open].allSatisfy({ PythonCode.isNameByte($0) || $0 == 46 }) else { return nil }
        // The last dotted part that is not empty (`a.b.(` → b), as splitting on dots gives.
        var end = open
        while end != u.startIndex, u[u.index(before: end)] == 46 { end = u.index(before: end) }
        let start = u[..<end].lastIndex(of: 46).map { u.index(after: $0) } ?? u.startIndex
        return String(value[start..<end])
    }

    /// The string keys of the subscripts in some code: `d["train"]["X"]` → train, X.
    static func subscriptKeys(_ code: String) -> [String] {
        var keys: [String] = []
        let u = code.utf8
        guard u.allSatisfy({ $0 < 128 }) else { return subscriptKeys(characters: code) }
        var i = u.startIndex
        while let open = u[i...].firstIndex(of: 91) {
            i = u.index(after: open)
            guard i != u.endIndex, u[i] == 34 || u[i] == 39 else { continue }
            let body = u.index(after: i)
            guard let close = u[body...].firstIndex(of: u[i]) else { break }
            keys.append(String(code[body..<close]))
            i = close
        }
        return keys
    }

    private static func subscriptKeys(characters code: String) -> [String] {
        var keys: [String] = []
        var rest = Substring(code)
        while let open = rest.firstIndex(of: "[") {
            rest = rest[rest.index(after: open)...]
            guard let q = rest.first, q == "\"" || q == "'" else { continue }
            let body = rest.dropFirst()
            guard let close = body.firstIndex(of: q) else { break }
            keys.append(String(body[..<close]))
            rest = body[close...]
        }
        return keys
    }

    static func roleByName(_ name: String) -> Origin? {
        let words = PythonCode.words(name)
        func has(_ set: Set<Substring>) -> Bool { words.contains(where: set.contains) }
        if has(settingWords) { return nil }
        if has(testWords) { return Origin(role: .test, line: 0, how: "named as test data") }
        if has(validationWords) { return Origin(role: .validation, line: 0, how: "named as validation data") }
        if has(trainWords) { return Origin(role: .train, line: 0, how: "named as training data") }
        return nil
    }
    // Built once: as literals in `roleByName` they were hashed anew on every call.
    /// `test_size`, `n_test`, `val_path`: a setting about a part, not its rows.
    private static let settingWords: Set<Substring> = ["size", "frac", "fraction", "ratio", "pct", "percent", "share", "count", "len", "length", "num",
                                                       "n", "path", "file", "dir", "url", "steps", "interval", "every", "freq", "mode", "name", "cfg", "config"]
    private static let testWords: Set<Substring> = ["test", "holdout", "te", "tst", "heldout", "oot"]
    private static let validationWords: Set<Substring> = ["val", "valid", "validation", "dev"]
    private static let trainWords: Set<Substring> = ["train", "tr", "training", "fit"]

    /// The first split or cross-validation after a statement that the name is passed into.
    /// How far after a statement a split still counts as "later" (statements): far enough for a
    /// script or a notebook, near enough that a huge file's every fit is not traced to its end.
    static let reach = 2_000

    /// Follows what is computed from the name afterwards (`X, y = df.drop(…), df["y"]`).
    func laterSplit(of name: String, after index: Int) -> (index: Int, line: Int, call: String)? {
        var queue = [(name, index)], seen: Set<String> = [name]
        var best: (index: Int, line: Int, call: String)?
        while let (current, from) = queue.popLast() {
            if let list = splits[current], let k = Sorted.first(list, after: from, \.index), list[k].index <= index + Self.reach,
               best == nil || list[k].index < best!.index { best = list[k] }
            guard let steps = derived[current], let k = Sorted.first(steps, after: from, \.index) else { continue }
            for step in steps[k...].prefix(while: { $0.index <= index + Self.reach }) {
                for t in step.targets where seen.insert(t).inserted { queue.append((t, step.index)) }
            }
        }
        return best
    }

    /// The last prediction assigned to a name before a statement.
    func prediction(_ name: String, before index: Int) -> Prediction? {
        guard let list = predictions[name], let k = Sorted.last(list, before: index, \.index) else { return nil }
        return list[k].prediction
    }
}
