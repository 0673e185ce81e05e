import Foundation

// MARK: unsafe deserialization

extension HintRules {

    static let deserialization: [HintRule] = [
        HintRule(id: "DESER-001", family: .unsafeDeserialization, severity: .high, title: "Pickle-based load of a file",
                 issue: "pickle, joblib, dill and pandas' read_pickle run code from the file they load: a tampered artifact executes on the loading machine.",
                 fix: "Load artifacts only from a trusted, integrity-checked store (pin and verify a hash), or use a format that holds no code (safetensors, ONNX, JSON).",
                 triggers: ["load", "read_pickle", "unpickler", "shelve.open", "jsonpickle"], files: .python) { s, _ in
            for name in ["pickle.load", "pickle.loads", "pickle.Unpickler", "joblib.load", "dill.load", "dill.loads", "cloudpickle.load", "cloudpickle.loads",
                         "pd.read_pickle", "pandas.read_pickle", "shelve.open", "marshal.load", "marshal.loads", "jsonpickle.decode"] where s.calls(name) {
                return "Evidence: \(name)() on line \(s.lines.lowerBound)."
            }
            return nil
        },
        HintRule(id: "DESER-002", family: .unsafeDeserialization, severity: .high, title: "torch.load without weights_only=True",
                 issue: "torch.load unpickles the file, so a crafted checkpoint runs code when it is loaded.",
                 fix: "torch.load(path, weights_only=True), or safetensors.",
                 triggers: ["torch.load("], files: .python) { s, _ in
            guard let args = s.argumentsOf("torch.load") else { return nil }
            return args.replacingOccurrences(of: " ", with: "").contains("weights_only=True") ? nil : "Evidence: torch.load(\(args.prefix(40))) on line \(s.lines.lowerBound) has no weights_only=True."
        },
        HintRule(id: "DESER-003", family: .unsafeDeserialization, severity: .high, title: "yaml.load without a safe loader",
                 issue: "yaml.load with the full or unsafe loader can build arbitrary Python objects from the document.",
                 fix: "yaml.safe_load(...), or yaml.load(..., Loader=yaml.SafeLoader).",
                 triggers: ["yaml."], files: .python) { s, _ in
            if let call = ["yaml.unsafe_load", "yaml.full_load"].first(where: { s.calls($0) }) { return "Evidence: \(call)() on line \(s.lines.lowerBound)." }
            guard let args = s.argumentsOf("yaml.load") else { return nil }
            return args.contains("SafeLoader") || args.contains("CSafeLoader") ? nil : "Evidence: yaml.load(\(args.prefix(40))) on line \(s.lines.lowerBound) without SafeLoader."
        },
        HintRule(id: "DESER-004", family: .unsafeDeserialization, severity: .high, title: "np.load with allow_pickle=True",
                 issue: "With allow_pickle=True, loading a .npy/.npz file can run code embedded in it.",
                 fix: "Keep allow_pickle=False and store plain arrays.",
                 triggers: ["np.load(", "numpy.load("], files: .python) { s, _ in
            guard let args = s.argumentsOf("np.load") ?? s.argumentsOf("numpy.load") else { return nil }
            return args.replacingOccurrences(of: " ", with: "").contains("allow_pickle=True") ? "Evidence: np.load(…, allow_pickle=True) on line \(s.lines.lowerBound)." : nil
        },
        HintRule(id: "DESER-005", family: .unsafeDeserialization, severity: .high, title: "trust_remote_code=True",
                 issue: "The model repository's own Python code is downloaded and executed at load time.",
                 fix: "Avoid trust_remote_code, or pin revision= to a reviewed commit and vendor the code.",
                 triggers: ["trust_remote_code"], files: [.python, .config]) { s, _ in
            s.text.replacingOccurrences(of: " ", with: "").lowercased().contains("trust_remote_code=true")
                || s.lower.replacingOccurrences(of: " ", with: "").contains("trust_remote_code:true") ? "Evidence: trust_remote_code on line \(s.lines.lowerBound)." : nil
        },
        HintRule(id: "DESER-006", family: .unsafeDeserialization, severity: .high, title: "Code from data or from an unpinned repository",
                 issue: "Text or an artifact decides what code runs: eval/exec of a value, Keras with safe_mode off (lambdas run on load), or torch.hub loading a repository's code.",
                 fix: "Parse data as data (ast.literal_eval, a small expression grammar, JSON); keep Keras safe_mode on; vendor hub code or pin it to a reviewed commit.",
                 triggers: ["eval(", "exec(", "safe_mode", "torch.hub.load("], files: .python) { s, _ in
            let t = s.text.replacingOccurrences(of: " ", with: "")
            if t.contains("safe_mode=False") { return "Evidence: safe_mode=False on line \(s.lines.lowerBound)." }
            if let args = s.argumentsOf("torch.hub.load") {
                let pinned = (PythonCode.arguments(args).positional.first ?? "").contains(":")
                return pinned && !t.contains("trust_repo=True") ? nil : "Evidence: torch.hub.load(\(args.prefix(40))) on line \(s.lines.lowerBound) runs that repository's hubconf.py\(pinned ? "" : " at its default branch")."
            }
            for builtin in ["eval", "exec"] {
                // The builtin, not a method (`model.eval()`) nor ast.literal_eval.
                var from = s.text.startIndex
                while let r = s.text.range(of: builtin + "(", range: from..<s.text.endIndex) {
                    from = r.upperBound
                    let before = r.lowerBound == s.text.startIndex ? " " : s.text[s.text.index(before: r.lowerBound)]
                    guard !(before.isLetter || before.isNumber || before == "_" || before == ".") else { continue }
                    guard let args = s.argumentsOf(builtin), let first = PythonCode.arguments(args).positional.first else { continue }
                    if first.hasPrefix("\"") || first.hasPrefix("'") { continue }
                    // The repository's own Python file (`exec(open("configurator.py").read())`) is an import by another name.
                    if first.hasPrefix("open(\"") || first.hasPrefix("open('"), first.contains(".py\"") || first.contains(".py'") { continue }
                    return "Evidence: \(builtin)(\(first.prefix(40))) on line \(s.lines.lowerBound) runs a value as code."
                }
            }
            return nil
        },
    ]
}
