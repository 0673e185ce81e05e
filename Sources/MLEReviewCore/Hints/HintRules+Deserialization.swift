import Foundation

// MARK: unsafe deserialization

extension HintRules {

    static let deserialization: [HintRule] = [
        HintRule(id: "DESER-001", family: .unsafeDeserialization, severity: .high, title: "Pickle-based load of a file",
                 issue: "pickle, joblib, dill and pandas' read_pickle run code from the file they load: a tampered artifact executes on the loading machine.",
                 fix: "Load artifacts only from a trusted, integrity-checked store (pin and verify a hash), or use a format that holds no code (safetensors, ONNX, JSON).",
                 triggers: ["load", "read_pickle"], files: .python) { s, _ in
            for name in ["pickle.load", "pickle.loads", "joblib.load", "dill.load", "dill.loads", "cloudpickle.load", "pd.read_pickle", "pandas.read_pickle"] where s.calls(name) {
                return "(\(name))"
            }
            return nil
        },
        HintRule(id: "DESER-002", family: .unsafeDeserialization, severity: .high, title: "torch.load without weights_only=True",
                 issue: "torch.load unpickles the file, so a crafted checkpoint runs code when it is loaded.",
                 fix: "torch.load(path, weights_only=True), or safetensors.",
                 triggers: ["torch.load("], files: .python) { s, _ in
            guard let args = s.argumentsOf("torch.load") else { return nil }
            return args.replacingOccurrences(of: " ", with: "").contains("weights_only=True") ? nil : ""
        },
        HintRule(id: "DESER-003", family: .unsafeDeserialization, severity: .high, title: "yaml.load without a safe loader",
                 issue: "yaml.load with the full or unsafe loader can build arbitrary Python objects from the document.",
                 fix: "yaml.safe_load(...), or yaml.load(..., Loader=yaml.SafeLoader).",
                 triggers: ["yaml."], files: .python) { s, _ in
            if s.calls("yaml.unsafe_load") || s.calls("yaml.full_load") { return "" }
            guard let args = s.argumentsOf("yaml.load") else { return nil }
            return args.contains("SafeLoader") || args.contains("CSafeLoader") ? nil : ""
        },
        HintRule(id: "DESER-004", family: .unsafeDeserialization, severity: .high, title: "np.load with allow_pickle=True",
                 issue: "With allow_pickle=True, loading a .npy/.npz file can run code embedded in it.",
                 fix: "Keep allow_pickle=False and store plain arrays.",
                 triggers: ["np.load(", "numpy.load("], files: .python) { s, _ in
            guard let args = s.argumentsOf("np.load") ?? s.argumentsOf("numpy.load") else { return nil }
            return args.replacingOccurrences(of: " ", with: "").contains("allow_pickle=True") ? "" : nil
        },
        HintRule(id: "DESER-005", family: .unsafeDeserialization, severity: .high, title: "trust_remote_code=True",
                 issue: "The model repository's own Python code is downloaded and executed at load time.",
                 fix: "Avoid trust_remote_code, or pin revision= to a reviewed commit and vendor the code.",
                 triggers: ["trust_remote_code"], files: [.python, .config]) { s, _ in
            s.text.replacingOccurrences(of: " ", with: "").lowercased().contains("trust_remote_code=true")
                || s.lower.replacingOccurrences(of: " ", with: "").contains("trust_remote_code:true") ? "" : nil
        },
    ]
}
