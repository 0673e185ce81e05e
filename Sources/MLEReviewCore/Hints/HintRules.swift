import Foundation

/// The rules, by family. Each looks at one statement of added code and, where it needs to, at the
/// rest of the file's new side (an import, a seed, a split later on).
public enum HintRules {
    public static let all: [HintRule] = leakage + reproducibility + deserialization + evaluation + serving + monitoring + privacy + threshold + secrets + safeguards

    static let preprocessors = ["StandardScaler", "MinMaxScaler", "RobustScaler", "MaxAbsScaler", "Normalizer", "PCA", "TruncatedSVD",
                                "SelectKBest", "SelectPercentile", "VarianceThreshold", "TfidfVectorizer", "CountVectorizer", "SimpleImputer",
                                "KNNImputer", "IterativeImputer", "OneHotEncoder", "OrdinalEncoder", "TargetEncoder", "QuantileTransformer",
                                "PowerTransformer", "PolynomialFeatures", "scaler", "encoder", "imputer", "vectorizer", "selector", "pca"]
    static let splitCalls = ["train_test_split(", "GroupShuffleSplit(", "TimeSeriesSplit(", "random_split(", ".split(", "KFold(", "StratifiedKFold("]

    /// A later statement splits the data.
    static func splitLater(_ s: Statement, _ f: SourceFile) -> Bool {
        f.statements(after: s).contains { later in splitCalls.contains(where: later.has) }
    }

    static func trainingOnly(_ args: String) -> Bool {
        let a = args.lowercased()
        return a.contains("train") || a.contains("fold") || a.isEmpty
    }
}
