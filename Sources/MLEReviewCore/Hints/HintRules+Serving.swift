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

    /// A function that answers requests: a route, a gRPC method, or a predict/handle/score function.
    static func isHandler(_ def: Statement, _ f: SourceFile) -> Bool {
        let decorated = f.statements[max(0, def.index - 3)..<def.index].contains { d in
            let t = d.code
            return t.hasPrefix("@") && [".route(", ".get(", ".post(", ".put(", ".api_route(", ".websocket("].contains(where: t.contains)
        }
        let name = def.code.lowercased()
        let grpc = name.contains("(self, request, context")
        return decorated || grpc || ["def predict", "def handle", "def score", "def infer", "def classify", "def rank", "async def predict", "async def handle"].contains(where: name.hasPrefix)
    }

    /// Names in a function assigned from the request's raw payload, and where.
    static func requestPayload(in body: ArraySlice<Statement>) -> [String: Int] {
        var tainted: [String: Int] = [:]
        let sources = ["request.get_json(", "request.json", "request.form", "request.args", "request.data", "await request.json(", "request.files"]
        for st in body {
            guard let (targets, value) = st.assignment else { continue }
            let fromRequest = sources.contains(where: value.contains) || PythonCode.valueNames(value).contains { tainted[$0] != nil }
            if fromRequest { for t in targets { tainted[t] = st.lines.lowerBound } }
        }
        return tainted
    }

    static let serving: [HintRule] = [
        HintRule(id: "SERVE-001", family: .serving, severity: .high, title: "Fitting inside serving code",
                 issue: "Serving code fits a model or transformer, so predictions depend on whatever data reaches the server.",
                 fix: "Fit during training, ship the fitted object in the artifact, and only transform/predict in serving.",
                 triggers: [".fit(", ".fit_transform(", ".partial_fit("], files: .python) { s, f in
            guard isServingPath(f.lowerPath) else { return nil }
            guard let call = [".fit_transform(", ".partial_fit(", ".fit("].first(where: s.has) else { return nil }
            return "Evidence: \(call.dropFirst().dropLast()) on line \(s.lines.lowerBound) in serving code \(f.path)."
        },
        HintRule(id: "SERVE-002", family: .serving, severity: .medium, title: "Model loaded per request or per item",
                 issue: "The model is loaded inside the request handler or inside a loop over items, so every request or item pays the load time and memory churns.",
                 fix: "Load the model once at start-up (module level, an app start hook, or before the loop) and reuse it.",
                 triggers: ["load(", "load_model(", "from_pretrained(", "inferencesession(", "booster(", "pipeline("], files: .python) { s, f in
            guard s.indent > 0 else { return nil }
            // Model loaders (not json.load of a config, not a data file).
            let loads = ["joblib.load(", "pickle.load(", "torch.load(", "torch.jit.load(", "load_model(", ".from_pretrained(", "InferenceSession(", "Booster(",
                         "pipeline(", "saved_model.load(", "onnx.load(", "dill.load(", "cloudpickle.load("]
            guard let load = loads.first(where: s.has) else { return nil }
            // A loop around it inside its function.
            var indent = s.indent
            for k in stride(from: s.index - 1, through: 0, by: -1) {
                let st = f.statements[k]
                guard st.indent < indent else { continue }
                indent = st.indent
                if st.code.hasPrefix("for ") || st.code.hasPrefix("while ") {
                    return "Evidence: \(load.trimmingCharacters(in: [".", "("])) on line \(s.lines.lowerBound) runs for every pass of the loop on line \(st.lines.lowerBound)."
                }
                if st.isDef { break }
            }
            guard let def = f.enclosingDef(s), isHandler(def, f) else { return nil }
            return "Evidence: \(load.trimmingCharacters(in: [".", "("])) on line \(s.lines.lowerBound) is inside \(def.code.split(separator: "(").first ?? ""), which handles each request."
        },
        HintRule(id: "SERVE-003", family: .serving, severity: .medium, title: "Debug server or all-interfaces bind in serving",
                 issue: "The serving entry point runs with debug on or binds 0.0.0.0 directly, which exposes a debugger or the raw server.",
                 fix: "Serve through a production server (gunicorn/uvicorn workers) behind the platform's ingress; never debug=True.",
                 triggers: ["debug=true", "0.0.0.0"], files: [.python, .shell]) { s, f in
            let t = s.text.replacingOccurrences(of: " ", with: "")
            if t.contains(".run(") && t.contains("debug=True") { return "Evidence: .run(…, debug=True) on line \(s.lines.lowerBound)." }
            // Inside a container the server must bind every interface; in Python it is the bare dev server.
            if isServingPath(f.lowerPath), t.contains(".run("), t.contains("host=\"0.0.0.0\"") || t.contains("host='0.0.0.0'") {
                return "Evidence: the development server on line \(s.lines.lowerBound) binds every interface."
            }
            return nil
        },
        HintRule(id: "SERVE-004", family: .serving, severity: .high, title: "Serving follows the latest model version",
                 issue: "The model is referenced as 'latest', so whatever was registered last is served, without review or a rollback target.",
                 fix: "Pin the served version (or an alias moved only by the gated promotion step).",
                 triggers: ["latest"], files: [.python, .config, .shell]) { s, f in
            let t = s.lower.replacingOccurrences(of: " ", with: "")
            if t.contains("models:/"), t.contains("/latest") { return "Evidence: line \(s.lines.lowerBound) serves models:/…/latest." }
            if ["model_version:latest", "model_version=\"latest\"", "\"model_version\":\"latest\"", "version=\"latest\""].contains(where: t.contains), isServingPath(f.lowerPath) || !f.isPython {
                return "Evidence: line \(s.lines.lowerBound) asks for the latest version."
            }
            return nil
        },
        HintRule(id: "SERVE-005", family: .serving, severity: .medium, title: "Request data reaches the model unvalidated",
                 issue: "Fields from the raw request body go straight into the model: a missing, extra or mistyped column becomes a wrong prediction or a 500 instead of a clear 4xx.",
                 fix: "Validate the payload against a schema (pydantic, marshmallow, pandera) with the training feature names and types before predicting.",
                 triggers: ["predict"], files: .python) { s, f in
            guard let def = f.enclosingDef(s), s.has("predict") || s.has("decision_function") else { return nil }
            let body = f.body(of: def)
            guard !body.contains(where: { ["model_validate(", "parse_obj(", "schema.load(", ".validate(", "jsonschema", "validate_payload("].contains(where: $0.has) }) else { return nil }
            var tainted = requestPayload(in: body)
            // A handler parameter typed as a bare dict is the raw body (FastAPI does not check it).
            let signature = def.text
            let route = f.statements[max(0, def.index - 3)..<def.index].contains { $0.code.hasPrefix("@") && [".post(", ".get(", ".put(", ".api_route("].contains(where: $0.code.contains) }
            for part in route ? PythonCode.parts(String(signature.drop { $0 != "(" }.dropFirst().prefix { $0 != ")" })) : [] {
                let pieces = part.split(separator: ":", maxSplits: 1).map { $0.trimmingSpaces() }
                if pieces.count == 2, ["dict", "Dict", "dict[str, Any]", "Dict[str, Any]", "Request"].contains(pieces[1]) { tainted[pieces[0]] = def.lines.lowerBound }
            }
            for st in body {
                guard let (targets, value) = st.assignment, PythonCode.names(value).contains(where: { tainted[$0] != nil }) else { continue }
                for t in targets where tainted[t] == nil { tainted[t] = st.lines.lowerBound }
            }
            for call in [".predict_proba", ".predict", ".decision_function"] {
                guard let args = s.argumentsOf(call) else { continue }
                if let name = PythonCode.names(args).first(where: { tainted[$0] != nil }) {
                    return "Evidence: \(name) (line \(tainted[name]!), from the raw request) reaches \(call.dropFirst())() on line \(s.lines.lowerBound) with no schema check."
                }
                if ["request.get_json(", "request.json", "request.form"].contains(where: args.contains) {
                    return "Evidence: \(call.dropFirst())() on line \(s.lines.lowerBound) reads the raw request."
                }
            }
            return nil
        },
        HintRule(id: "SERVE-006", family: .serving, severity: .medium, title: "Outbound call without a timeout in the serving path",
                 issue: "An HTTP call in the request path has no timeout, so one slow dependency holds every worker and the service stops answering.",
                 fix: "Pass timeout= (connect and read) sized to the latency budget, and decide what the service answers when it expires.",
                 triggers: [".get(", ".post(", ".put(", ".request(", "urlopen("], files: .python) { s, f in
            guard isServingPath(f.lowerPath) else { return nil }
            for call in ["requests.get", "requests.post", "requests.put", "requests.request", "httpx.get", "httpx.post", "urlopen", "session.get", "session.post", "SESSION.get", "SESSION.post", "http.get", "http.post"] {
                guard let args = s.argumentsOf(call) else { continue }
                // A session that is a dict (Flask's) is read with a key, not a URL.
                let first = (PythonCode.arguments(args).positional.first ?? "").lowercased()
                if !call.hasPrefix("requests") && !call.hasPrefix("httpx") && call != "urlopen", !["http", "url", "endpoint", "{", "host"].contains(where: first.contains) { continue }
                return args.contains("timeout") ? nil : "Evidence: \(call)() on line \(s.lines.lowerBound) has no timeout."
            }
            return nil
        },
        HintRule(id: "SERVE-007", family: .serving, severity: .medium, title: "Blocking model call in an async handler",
                 issue: "A CPU-bound model call runs directly inside an async handler, blocking the event loop: while it runs no other request is served.",
                 fix: "Make the handler a plain def (run in the thread pool), or await run_in_threadpool / asyncio.to_thread around the call.",
                 triggers: ["predict", "model(", "generate(", "encode(", ".run("], files: .python) { s, f in
            guard let def = f.enclosingDef(s), def.code.hasPrefix("async def ") else { return nil }
            guard !s.has("await "), !s.has("run_in_threadpool"), !s.has("to_thread"), !s.has("run_in_executor") else { return nil }
            guard let call = [".predict_proba(", ".predict(", "model(", ".generate(", "session.run("].first(where: s.has) else { return nil }
            return "Evidence: \(call.dropLast()) on line \(s.lines.lowerBound) runs on the event loop inside \(def.code.split(separator: "(").first ?? "")."
        },
        HintRule(id: "SERVE-008", family: .serving, severity: .medium, title: "Development server in the deployment",
                 issue: "The deployment runs a development server (auto-reload, flask run), which is single-process, watches files and is not built for production traffic.",
                 fix: "Run a production server (gunicorn with uvicorn workers, or uvicorn --workers) without --reload.",
                 triggers: ["--reload", "flask run", "flask\", \"run"], files: [.shell, .config]) { s, _ in
            let t = s.lower
            if t.contains("--reload") && (t.contains("uvicorn") || t.contains("gunicorn") || t.contains("hypercorn")) { return "Evidence: line \(s.lines.lowerBound) starts the server with --reload." }
            if t.contains("flask run") || t.contains("flask\", \"run") { return "Evidence: line \(s.lines.lowerBound) starts flask's development server." }
            return nil
        },
        HintRule(id: "SERVE-010", family: .serving, severity: .medium, title: "Request header or parameter logged as it came",
                 issue: "A value the caller controls (a header, a query or form field, a cookie) goes into a log line unescaped: a newline in it forges log entries, control characters reach whoever reads the logs, and a long one fills them.",
                 fix: "Log it escaped (%r, repr(), json.dumps) or as a structured field, cut to a length, and only the headers needed to trace the request.",
                 triggers: ["header", "request.args", "query_params", "request.form", "request.cookies", "request.values"], files: .python) { s, f in
            guard let args = loggedArguments(s) else { return nil }
            guard let source = callerValues.first(where: args.contains) else { return nil }
            // Escaped on its way into the line.
            guard !["repr(", "%r", "!r}", "json.dumps(", "escape(", "saniti", "quote(", ".replace(\"\\n\"", ".replace('\\n'"].contains(where: args.contains) else { return nil }
            let line = s.line(containing: source, in: f) ?? s.lines.lowerBound
            // The expression as written (`request_headers.get(…)`), not the pattern that matched it.
            var shown = source.trimmingCharacters(in: CharacterSet(charactersIn: ".(["))
            if let raw = f.rawLine(line), let r = raw.range(of: source) {
                let name = raw[..<r.lowerBound].reversed().prefix { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "." }
                shown = String(name.reversed()) + source.trimmingCharacters(in: CharacterSet(charactersIn: "(["))
                    + (source.hasSuffix("(") ? "(…)" : source.hasSuffix("[") ? "[…]" : "")
            }
            let at = line == s.lines.lowerBound ? "" : " (line \(line))"
            return Found("Evidence: the log call on line \(s.lines.lowerBound) writes \(shown)\(at) unescaped.", line: line)
        },
    ]

    /// How a handler reads what the caller sent beside the payload.
    static let callerValues = [".headers.get(", ".headers[", "_headers.get(", "_headers[", "headers.get(", "request.headers", "request.args", "query_params",
                               "request.form", "request.cookies", "request.values", "request.query"]
}
