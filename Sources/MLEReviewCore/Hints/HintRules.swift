import Foundation

/// The rules, by family. Each looks at one statement of added code and, where it needs to, at the
/// rest of the file's new side (an import, a seed, a split later on).
public enum HintRules {
    public static let all: [HintRule] = leakage + reproducibility + deserialization + evaluation + serving + monitoring + privacy + threshold + secrets + safeguards + hiddenText
}
