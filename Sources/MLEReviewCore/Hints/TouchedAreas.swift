/// Which review areas a change touches, from its paths, file kinds, content and hints. APPROVE
/// then needs every item of those areas decided; the rest may stay open. It fails closed: when
/// the checklist is not one whose areas it knows, or nothing can be told, every area counts.
public enum TouchedAreas {
    static let framing = "problem-framing-and-decision-quality"
    static let metrics = "metrics-thresholds-and-error-analysis"
    static let data = "data-contract-and-leakage"
    static let training = "training-reproducibility"
    static let evaluation = "evaluation-and-promotion"
    static let serving = "serving-and-deployment"
    static let monitoring = "monitoring-and-incident-response"

    /// Words in a path or in added code, and the area they put a change in.
    static let signals: [(String, String)] = [
        ("data/", data), ("dataset", data), ("feature", data), ("etl", data), ("label", data), ("split", data), (".sql", data),
        ("read_csv", data), ("read_parquet", data), ("merge(", data), ("join(", data), ("select ", data), (".csv", data),
        ("train", training), ("pipeline", training), ("requirements", training), ("seed", training), (".fit(", training),
        ("optimizer", training), ("epoch", training), ("config", training), ("pyproject", training),
        ("eval", evaluation), ("metric", evaluation), ("valid", evaluation), ("register_model", evaluation), ("promot", evaluation),
        ("_score(", evaluation), ("auc", evaluation), ("baseline", evaluation),
        ("holdout", evaluation), ("test_set", evaluation), ("testset", evaluation), ("test-set", evaluation), ("golden", evaluation),
        ("threshold", metrics), ("metric", metrics), ("precision", metrics), ("recall", metrics), ("calibrat", metrics),
        // Error analysis, and the scores it is read from: a confusion matrix is both.
        ("confusion", metrics), ("confusion", evaluation), ("accuracy", metrics), ("accuracy", evaluation),
        ("f1_score", metrics), ("fbeta", metrics), ("roc_curve", metrics), ("precision_recall", metrics),
        ("classification_report", metrics), ("classification_report", evaluation), ("log_loss", metrics),
        ("mean_squared_error", metrics), ("mean_absolute_error", metrics), ("r2_score", metrics), ("brier", metrics),
        ("error_analysis", metrics), ("error analysis", metrics), ("false_positive", metrics), ("false_negative", metrics),
        ("serv", serving), ("api", serving), ("predict", serving), ("inference", serving), ("deploy", serving), ("endpoint", serving),
        ("dockerfile", serving), ("app.py", serving), ("k8s", serving), ("helm", serving), ("rollout", serving), ("canary", serving),
        ("monitor", monitoring), ("alert", monitoring), ("dashboard", monitoring), ("drift", monitoring), ("prometheus", monitoring),
        ("grafana", monitoring), ("logger", monitoring), ("logging", monitoring), ("runbook", monitoring),
    ]

    public static func classify(_ diff: ParsedDiff, hints: [Hint], checklist: Checklist) -> Set<String>? {
        let known: Set<String> = [framing, metrics, data, training, evaluation, serving, monitoring]
        guard known.isSubset(of: Set(checklist.sections.map(\.id))) else { return nil }
        var touched: Set<String> = []
        // Bytes, lower-cased, searched with memmem: String.contains goes through Foundation and
        // took seconds on a 28 MB diff (on the key loop's thread).
        let needles = signals.map { (Array($0.0.utf8), $0.1) }
        let areas = Set(signals.map(\.1))
        for file in diff.files {
            if touched.count == areas.count { break }
            let path = Bytes.lowered(file.path)
            for (word, area) in needles where !touched.contains(area) && Bytes.contains(path, word) { touched.insert(area) }
            // A data file's rows are data, not code: a paper's abstract that says "prediction"
            // does not put a labels CSV in serving. Its path still counts (above).
            if isData(path) { continue }
            // Added code, sampled: the first lines of each hunk tell enough and keep this cheap.
            var text: [UInt8] = []
            for hunk in file.hunks.prefix(20) {
                for line in diff.lines(of: hunk).prefix(200) where line.kind == .added {
                    text += diff.bytes[line.content].lazy.map(Bytes.lower)
                    text.append(10)
                }
            }
            for (word, area) in needles where !touched.contains(area) && Bytes.contains(text, word) { touched.insert(area) }
        }
        for h in hints where h.waiver == nil && known.contains(h.family.sectionID) { touched.insert(h.family.sectionID) }
        guard !touched.isEmpty else { return nil }
        // Every ML change answers for its framing.
        touched.insert(framing)
        return touched
    }

    /// Files of rows (tables, JSON lines), whose contents are read as data, not code.
    static let dataSuffixes = [".csv", ".tsv", ".psv", ".jsonl", ".ndjson"].map { Array($0.utf8) }

    static func isData(_ lowerPath: [UInt8]) -> Bool {
        dataSuffixes.contains { lowerPath.count >= $0.count && lowerPath.suffix($0.count).elementsEqual($0) }
    }
}
