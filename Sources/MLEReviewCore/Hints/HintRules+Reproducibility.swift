import Foundation

// MARK: reproducibility

extension HintRules {

    static let stochastic = ["RandomForestClassifier", "RandomForestRegressor", "GradientBoostingClassifier", "GradientBoostingRegressor",
                             "ExtraTreesClassifier", "ExtraTreesRegressor", "MLPClassifier", "MLPRegressor", "SGDClassifier", "SGDRegressor",
                             "KMeans", "XGBClassifier", "XGBRegressor", "LGBMClassifier", "LGBMRegressor", "HistGradientBoostingClassifier",
                             "HistGradientBoostingRegressor", "IsolationForest", "DecisionTreeClassifier", "DecisionTreeRegressor"]

    static let reproducibility: [HintRule] = [
        HintRule(id: "REPRO-001", family: .reproducibility, severity: .medium, title: "Random split or estimator without a seed",
                 issue: "A random split or a stochastic estimator has no random_state, so two runs of the same code give different models and metrics.",
                 fix: "Pass random_state (from the run's config) to every splitter and stochastic estimator.",
                 triggers: ["train_test_split(", "classifier(", "regressor(", "kmeans(", "forest(", "kfold(", "shufflesplit("], files: .python) { s, _ in
            for name in ["train_test_split"] + stochastic {
                guard let args = s.argumentsOf(name) else { continue }
                let unshuffled = args.replacingOccurrences(of: " ", with: "").contains("shuffle=False")
                if !args.contains("random_state") && !args.contains("seed") && !unshuffled { return "(\(name))" }
            }
            for name in ["KFold", "StratifiedKFold", "ShuffleSplit"] {
                guard let args = s.argumentsOf(name) else { continue }
                if args.replacingOccurrences(of: " ", with: "").contains("shuffle=True") && !args.contains("random_state") { return "(\(name))" }
            }
            return nil
        },
        HintRule(id: "REPRO-002", family: .reproducibility, severity: .medium, title: "Training entry point without global seeding",
                 issue: "This training script seeds none of Python's, NumPy's or the framework's random generators, so runs cannot be repeated.",
                 fix: "Seed random, numpy and torch (or set_seed) from the config at the start of the entry point, and record the seed.",
                 triggers: ["__main__"], files: .python) { s, f in
            guard s.has("if __name__ == \"__main__\"") || s.has("if __name__ == '__main__'") else { return nil }
            let trains = f.mentions(".fit(") || f.mentions("optimizer.step") || f.mentions("trainer.train(")
            let seeds = ["seed(", "set_seed", "manual_seed", "random_state", "seed_everything"]
            return trains && !seeds.contains(where: f.mentions) ? "" : nil
        },
        HintRule(id: "REPRO-003", family: .reproducibility, severity: .low, title: "Nondeterministic GPU settings",
                 issue: "cuDNN benchmark mode or disabled deterministic algorithms make GPU results vary between runs.",
                 fix: "For training runs that must be repeatable: torch.backends.cudnn.benchmark = False and torch.use_deterministic_algorithms(True).",
                 triggers: ["cudnn", "deterministic"], files: .python) { s, _ in
            let t = s.lower.replacingOccurrences(of: " ", with: "")
            if t.contains("cudnn.benchmark=true") || t.contains("cudnn.deterministic=false") || t.contains("use_deterministic_algorithms(false") { return "" }
            return nil
        },
        HintRule(id: "REPRO-004", family: .reproducibility, severity: .medium, title: "Model or data downloaded without a pinned revision",
                 issue: "from_pretrained or a hub download follows the latest revision, so the same code can load different weights tomorrow.",
                 fix: "Pin revision= to a commit hash (and record it with the run).",
                 triggers: ["from_pretrained(", "hf_hub_download(", "snapshot_download(", "load_dataset("], files: .python) { s, _ in
            for name in [".from_pretrained", "hf_hub_download", "snapshot_download", "load_dataset"] {
                guard let args = s.argumentsOf(name) else { continue }
                let local = args.hasPrefix("\"/") || args.hasPrefix("'/") || args.hasPrefix("\"./") || args.hasPrefix("'./") || args.hasPrefix("os.") || args.hasPrefix("path")
                if !args.contains("revision") && !local { return "" }
            }
            return nil
        },
        HintRule(id: "REPRO-005", family: .reproducibility, severity: .low, title: "Unpinned ML dependency",
                 issue: "An ML library is required without an exact version, so a rebuild can change preprocessing, defaults or numerics.",
                 fix: "Pin exact versions (==) in the training and serving environments, or use a lock file.",
                 triggers: [], files: .requirements) { s, _ in
            let t = s.lower.trimmingSpaces().replacingOccurrences(of: "\"", with: "").replacingOccurrences(of: "'", with: "").replacingOccurrences(of: ",", with: "")
            let libs = ["torch", "tensorflow", "scikit-learn", "sklearn", "xgboost", "lightgbm", "transformers", "numpy", "pandas", "keras", "catboost", "jax"]
            let name = t.prefix { $0.isLetter || $0 == "-" || $0 == "_" }
            guard libs.contains(String(name)), !t.hasPrefix("#") else { return nil }
            return t.contains("==") || t.contains("~=") ? nil : "(\(name))"
        },
    ]
}
