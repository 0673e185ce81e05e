import Foundation

// MARK: reproducibility

extension HintRules {

    static let stochastic = ["RandomForestClassifier", "RandomForestRegressor", "GradientBoostingClassifier", "GradientBoostingRegressor",
                             "ExtraTreesClassifier", "ExtraTreesRegressor", "MLPClassifier", "MLPRegressor", "SGDClassifier", "SGDRegressor",
                             "KMeans", "XGBClassifier", "XGBRegressor", "LGBMClassifier", "LGBMRegressor", "HistGradientBoostingClassifier",
                             "HistGradientBoostingRegressor", "IsolationForest", "DecisionTreeClassifier", "DecisionTreeRegressor"]

    static let trainingCalls = [".backward(", "optimizer.step(", "opt.step(", "trainer.train(", "trainer.fit(", "lgb.train(", "xgb.train("]

    /// A statement that trains something random: a gradient step, a trainer, a boosting run, a
    /// network's fit (epochs=), or the fit of an estimator the file builds from a stochastic class.
    /// A scaler's or an unknown object's fit is not evidence.
    static func randomTrainingStep(_ st: Statement, _ f: SourceFile) -> String? {
        if let step = trainingCalls.first(where: st.has) {
            return step
        }
        guard let args = st.argumentsOf(".fit") else { return nil }
        if args.contains("epochs=") { return ".fit(" }
        let receiver = st.receiver(of: ".fit")
        if stochastic.contains(where: { receiver.hasPrefix($0 + "(") }) { return ".fit(" }
        guard let built = f.flow.constructed[receiver] else { return nil }
        return stochastic.contains(built) ? ".fit(" : nil
    }

    static let reproducibility: [HintRule] = [
        HintRule(id: "REPRO-001", family: .reproducibility, severity: .medium, title: "Random split or estimator without a seed",
                 issue: "A random split or a stochastic estimator has no random_state, so two runs of the same code give different models and metrics.",
                 fix: "Pass random_state (from the run's config) to every splitter and stochastic estimator.",
                 triggers: ["train_test_split(", "classifier(", "regressor(", "kmeans(", "forest(", "kfold(", "shufflesplit("], files: .python) { s, _ in
            for name in ["train_test_split"] + stochastic {
                guard let args = s.argumentsOf(name) else { continue }
                let unshuffled = args.replacingOccurrences(of: " ", with: "").contains("shuffle=False")
                if !args.contains("random_state") && !args.contains("seed") && !unshuffled { return "Evidence: \(name)(…) on line \(s.lines.lowerBound) has no random_state." }
            }
            for name in ["KFold", "StratifiedKFold", "ShuffleSplit"] {
                guard let args = s.argumentsOf(name) else { continue }
                if args.replacingOccurrences(of: " ", with: "").contains("shuffle=True") && !args.contains("random_state") { return "Evidence: \(name)(shuffle=True) on line \(s.lines.lowerBound) has no random_state." }
            }
            return nil
        },
        HintRule(id: "REPRO-002", family: .reproducibility, severity: .medium, title: "Training without seeding",
                 issue: "This code trains a model but seeds none of Python's, NumPy's or the framework's random generators, so runs cannot be repeated.",
                 fix: "Seed random, numpy and torch (or set_seed / seed_everything) from the config at the start of the run, and record the seed.",
                 triggers: ["def ", ".fit(", ".backward(", ".step()", "trainer.train(", "lgb.train(", "xgb.train("], files: .python) { s, f in
            let seeds = ["seed(", "set_seed", "manual_seed", "random_state", "seed_everything", "set_random_seed", "default_rng(", "seed="]
            guard !seeds.contains(where: f.mentions) else { return nil }
            if s.isDef {
                guard let step = f.body(of: s).lazy.compactMap({ st in randomTrainingStep(st, f) }).first else { return nil }
                return "Evidence: \(s.code.split(separator: "(").first ?? "") trains (\(step.trimmingCharacters(in: [".", "("]))), and nothing in \(f.path) sets a seed."
            }
            // Training at module level (a script or a notebook): the first training step.
            guard f.enclosingDef(s) == nil, let step = randomTrainingStep(s, f) else { return nil }
            let first = f.remember("first module-level training step") {
                f.statements.first { st in f.enclosingDef(st) == nil && randomTrainingStep(st, f) != nil }?.index
            }
            guard first == s.index else { return nil }
            return "Evidence: \(step.trimmingCharacters(in: [".", "("])) on line \(s.lines.lowerBound), and nothing in \(f.path) sets a seed."
        },
        HintRule(id: "REPRO-003", family: .reproducibility, severity: .low, title: "Nondeterministic GPU settings",
                 issue: "cuDNN benchmark mode or disabled deterministic algorithms make GPU results vary between runs.",
                 fix: "For training runs that must be repeatable: torch.backends.cudnn.benchmark = False and torch.use_deterministic_algorithms(True).",
                 triggers: ["cudnn", "deterministic"], files: .python) { s, _ in
            let t = s.lower.replacingOccurrences(of: " ", with: "")
            if let setting = ["cudnn.benchmark=true", "cudnn.deterministic=false", "use_deterministic_algorithms(false"].first(where: t.contains) {
                return "Evidence: \(setting)\(setting.hasSuffix("(false") ? ")" : "") on line \(s.lines.lowerBound)."
            }
            return nil
        },
        HintRule(id: "REPRO-004", family: .reproducibility, severity: .medium, title: "Model or data downloaded without a pinned revision",
                 issue: "from_pretrained or a hub download follows the latest revision, so the same code can load different weights tomorrow.",
                 fix: "Pin revision= to a commit hash (and record it with the run).",
                 triggers: ["from_pretrained(", "hf_hub_download(", "snapshot_download(", "load_dataset("], files: .python) { s, _ in
            for name in [".from_pretrained", "hf_hub_download", "snapshot_download", "load_dataset"] {
                guard let args = s.argumentsOf(name) else { continue }
                guard !args.contains("revision"), let first = PythonCode.arguments(args).positional.first else { continue }
                // A hub id: a literal that is not a path, or a name or setting that holds one
                // (`BASE`, `cfg.model_name`); a folder the run wrote itself is local.
                let literal = first.hasPrefix("\"") || first.hasPrefix("'")
                let text = first.trimmingCharacters(in: ["\"", "'", "f"])
                if literal { if text.hasPrefix("/") || text.hasPrefix(".") || text.hasPrefix("~") || text.contains("{") { continue } }
                let words = PythonCode.words(first)
                let local = ["dir", "path", "output", "out", "local", "tmp", "folder", "save", "checkpoint", "ckpt", "root", "os"].contains { words.contains(Substring($0)) }
                if literal || !local { return "Evidence: \(name.trimmingCharacters(in: ["."]))(\(first.prefix(40))) on line \(s.lines.lowerBound) has no revision=." }
            }
            return nil
        },
        HintRule(id: "REPRO-005", family: .reproducibility, severity: .low, title: "Unpinned ML dependency",
                 issue: "An ML library is required without an exact version, so a rebuild can change preprocessing, defaults or numerics.",
                 fix: "Pin exact versions (==) in the training and serving environments, or use a lock file.",
                 triggers: [], files: .requirements) { s, f in
            let libs = ["torch", "pytorch", "tensorflow", "scikit-learn", "sklearn", "xgboost", "lightgbm", "transformers", "numpy", "pandas", "keras",
                        "catboost", "jax", "datasets", "accelerate", "onnxruntime", "scipy", "sentence-transformers", "peft"]
            // A line of a requirements file, a conda list item, a pyproject key, or the quoted specs
            // of setup.py's install_requires (each on its own line).
            let specs: [(text: String, line: Int)]
            if f.isPython {
                specs = s.lines.compactMap { n in f.rawLine(n).map { ($0, n) } }.filter { $0.text.contains("\"") || $0.text.contains("'") }
            } else {
                specs = [(s.text, s.lines.lowerBound)]
            }
            let conda = f.lowerPath.hasSuffix(".yml") || f.lowerPath.hasSuffix(".yaml")
            for (text, line) in specs {
                // A VCS dependency must name a commit, not a branch or nothing.
                if let r = text.range(of: "git+") {
                    let ref = text[r.upperBound...].split(separator: "@").dropFirst().last.map { $0.prefix { $0.isHexDigit } } ?? ""
                    if ref.count < 40 { return Found("Evidence: \(text.trimmingSpaces()) on line \(line) follows a branch, not a commit.", line: line) }
                    continue
                }
                let t = text.lowercased().trimmingSpaces().trimmingCharacters(in: ["-", " "]).replacingOccurrences(of: "\"", with: "").replacingOccurrences(of: "'", with: "").replacingOccurrences(of: ",", with: "")
                let name = t.prefix { $0.isLetter || $0 == "-" || $0 == "_" }
                guard libs.contains(String(name)), !t.hasPrefix("#") else { continue }
                let rest = t.dropFirst(name.count).trimmingSpaces()
                let pinned = rest.hasPrefix("==") || rest.hasPrefix("~=") || conda && rest.hasPrefix("=") && rest.dropFirst().first?.isNumber == true
                    || rest.hasPrefix("=") && rest.contains("\"") == false && rest.dropFirst().trimmingSpaces().first?.isNumber == true
                if !pinned { return Found("Evidence: \(name) \(rest.isEmpty ? "without a version" : "as \(rest)") on line \(line).", line: line) }
            }
            return nil
        },
        HintRule(id: "REPRO-007", family: .reproducibility, severity: .medium, title: "Unseeded global random generator",
                 issue: "A split, sample or shuffle draws from the global random generator and nothing in the file seeds it, so every run picks different rows.",
                 fix: "Use a generator seeded from the config (np.random.default_rng(seed), random.Random(seed), torch.Generator().manual_seed(seed)).",
                 triggers: ["random.", "randperm(", ".sample("], files: .python) { s, f in
            // pandas: `df.sample(frac=…)` without random_state.
            if let args = s.argumentsOf(".sample"), !s.has("random.sample"), args.contains("frac=") || args.contains("n="), !args.contains("random_state") {
                return "Evidence: .sample(\(args)) on line \(s.lines.lowerBound) has no random_state."
            }
            let calls = ["np.random.permutation", "np.random.shuffle", "np.random.choice", "np.random.rand", "np.random.randn", "np.random.randint",
                         "numpy.random.permutation", "numpy.random.shuffle", "numpy.random.choice", "random.shuffle", "random.sample", "random.choice",
                         "random.choices", "torch.randperm", "np.random.default_rng"]
            guard let call = calls.first(where: { s.calls($0) }) else { return nil }
            if call == "np.random.default_rng" { return (s.argumentsOf(call) ?? "x").isEmpty ? "Evidence: default_rng() without a seed on line \(s.lines.lowerBound)." : nil }
            if call == "torch.randperm", (s.argumentsOf(call) ?? "").contains("generator") { return nil }
            return f.mentions("seed") ? nil : "Evidence: \(call)() on line \(s.lines.lowerBound), and nothing in \(f.path) sets a seed."
        },
        HintRule(id: "REPRO-008", family: .reproducibility, severity: .medium, title: "Floating image or unpinned install in a build",
                 issue: "The image is built from a moving tag or installs packages without versions, so rebuilding the same commit gives a different environment.",
                 fix: "Pin the base image (a version tag, better a digest) and install from a lock file or with == pins.",
                 triggers: ["from ", "pip install", "pip3 install"], files: [.shell, .python]) { s, f in
            let code = s.code.trimmingSpaces()
            // In Python only a notebook's shell line (`!pip install`, `%pip install`).
            if f.isPython && !(code.hasPrefix("!") || code.hasPrefix("%")) { return nil }
            let lower = code.lowercased()
            if lower.hasPrefix("from "), f.lowerPath.contains("dockerfile") {
                let image = code.split(separator: " ").dropFirst().first { !$0.hasPrefix("--") }.map(String.init) ?? ""
                guard !image.contains("@sha256:"), image.lowercased() != "scratch", !image.hasPrefix("$") else { return nil }
                let tag = image.split(separator: "/").last?.split(separator: ":").dropFirst().first
                if tag == nil || tag == "latest" { return "Evidence: FROM \(image) on line \(s.lines.lowerBound) follows a moving tag." }
                return nil
            }
            guard let r = lower.range(of: "pip install") ?? lower.range(of: "pip3 install") else { return nil }
            let args = lower[r.upperBound...].split(separator: " ").filter { !$0.hasPrefix("-") && !$0.hasPrefix("\"") }
            guard !lower.contains(" -r ") && !lower.contains("--requirement"), !args.isEmpty else { return nil }
            // The ML stack, whose versions change numerics and defaults (pip itself and build tools do not).
            let stack: Set<String> = ["torch", "torchvision", "tensorflow", "scikit-learn", "sklearn", "xgboost", "lightgbm", "transformers", "numpy", "pandas",
                                      "keras", "catboost", "jax", "datasets", "accelerate", "scipy", "onnxruntime", "mlflow", "sentence-transformers", "peft", "tokenizers"]
            let loose = args.filter { arg in stack.contains(String(arg.split(whereSeparator: { "<>=~![".contains($0) }).first ?? arg)) && !arg.contains("==") }
            return loose.isEmpty ? nil : "Evidence: pip install \(loose.prefix(4).joined(separator: " ")) on line \(s.lines.lowerBound) without versions."
        },
    ]
}
