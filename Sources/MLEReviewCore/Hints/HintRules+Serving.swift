import Foundation

// MARK: serving

extension HintRules {

    /// A serving entry point by its folder or file name (not any path that merely contains "api").
    static func isServingPath(_ path: String) -> Bool {
        let parts = path.split(separator: "/").map(String.init)
        let dirs: Set<String> = ["serving", "serve", "server", "api", "inference", "endpoints", "endpoint", "service", "deployment", "scoring"]
        let files: Set<String> = ["app.py", "serve.py", "server.py", "predict.py", "predictor.py", "inference.py", "handler.py",
                                  "score.py", "scoring.py", "api.py", "main.py", "endpoint.py"]
        return parts.dropLast().contains(where: dirs.contains) || (parts.last.map(files.contains) ?? false)
    }

    static let serving: [HintRule] = [
        HintRule(id: "SERVE-001", family: .serving, severity: .high, title: "Fitting inside serving code",
                 issue: "Serving code fits a model or transformer, so predictions depend on whatever data reaches the server.",
                 fix: "Fit during training, ship the fitted object in the artifact, and only transform/predict in serving.",
                 triggers: [".fit(", ".fit_transform(", ".partial_fit("], files: .python) { s, f in
            guard isServingPath(f.lowerPath) else { return nil }
            return s.has(".fit(") || s.has(".fit_transform(") || s.has(".partial_fit(") ? "" : nil
        },
        HintRule(id: "SERVE-002", family: .serving, severity: .medium, title: "Model loaded on every request",
                 issue: "The model is loaded inside the request handler, so every request pays the load time and memory churns.",
                 fix: "Load the model once at start-up (module level or an app start hook) and reuse it.",
                 triggers: ["load(", "load_model(", "from_pretrained("], files: .python) { s, f in
            guard s.indent > 0 else { return nil }
            let loads = [".load(", "load_model(", ".from_pretrained("]
            guard loads.contains(where: s.text.contains) else { return nil }
            // The nearest enclosing def before it, and what decorates it.
            let before = f.statements(before: s)
            guard let def = before.last(where: { $0.indent < s.indent && $0.text.trimmingSpaces().hasPrefix("def ") }) else { return nil }
            let decorated = before.filter { $0.index < def.index && $0.index >= def.index - 3 }.contains { d in
                let t = d.text.trimmingSpaces()
                return t.hasPrefix("@app.") || t.hasPrefix("@router.") || t.hasPrefix("@bp.") || t.hasPrefix("@api.")
            }
            let name = def.text.lowercased()
            return decorated || name.contains("def predict") || name.contains("def handle") || name.contains("def score") || name.contains("def infer") ? "" : nil
        },
        HintRule(id: "SERVE-003", family: .serving, severity: .medium, title: "Debug server or all-interfaces bind in serving",
                 issue: "The serving entry point runs with debug on or binds 0.0.0.0 directly, which exposes a debugger or the raw server.",
                 fix: "Serve through a production server (gunicorn/uvicorn workers) behind the platform's ingress; never debug=True.",
                 triggers: ["debug=true", "0.0.0.0"], files: [.python, .shell]) { s, f in
            let t = s.text.replacingOccurrences(of: " ", with: "")
            if t.contains(".run(") && t.contains("debug=True") { return "" }
            if isServingPath(f.lowerPath) || f.lowerPath.hasSuffix("dockerfile") || f.lowerPath.hasSuffix(".sh") {
                if t.contains("host=\"0.0.0.0\"") || t.contains("host='0.0.0.0'") || t.contains("--host0.0.0.0") { return "" }
            }
            return nil
        },
    ]
}
