import MLEReviewCore
import Testing

/// A finding written without a risk has one guessed from its words, and the verdict's primary
/// risks name it. "Scaler fitted before split" guessed "other": only "before the split" was a
/// leakage phrase.
struct RiskGuessTests {
    @Test(arguments: [
        ("Scaler fitted before split", RiskCategory.dataLeakage),
        ("Imputer fit before splitting the data", .dataLeakage),
        ("Encoder fitted on all rows", .dataLeakage),
        ("Scaler fit on the full dataset", .dataLeakage),
        ("Normaliser fitted on the whole frame", .dataLeakage),
        ("Means computed over test rows", .dataLeakage),
        ("Validation split is not stratified", .weakEval),
        ("Split without a seed", .irreproducibleTraining),
        // "unpinned" came first and read as serving.
        ("Unpinned seed", .irreproducibleTraining),
        ("Unpinned random_state in the split is not reproducible", .irreproducibleTraining),
        ("Unpinned model version at the endpoint", .unsafeServing),
        ("Unpinned model artifact", .unsafeServing),
    ])
    func leakagePhrasingsReadAsLeakage(title: String, risk: RiskCategory) {
        #expect(RiskGuess.from(title) == risk)
    }

    /// A caller's input written unchecked where the service logs or runs it is unsafe serving,
    /// not missing monitoring: "Request headers logged unescaped (log injection)" guessed
    /// monitoring from "logged".
    @Test(arguments: [
        ("Request headers logged unescaped (log injection)", RiskCategory.unsafeServing),
        ("Unsanitized user input logged verbatim", .unsafeServing),
        ("SQL injection in the feature lookup", .unsafeServing),
        // "logged" came first and won: logging words decide only when nothing else is said.
        ("Headers logged unescaped", .unsafeServing),
        ("Seed logged but never set", .irreproducibleTraining),
        ("Model version missing from the prediction log", .missingMonitoring),
        ("Predictions logged without the model version", .missingMonitoring),
        ("No alert on drift", .missingMonitoring),
    ])
    func untrustedInputReadsAsUnsafeServing(title: String, risk: RiskCategory) {
        #expect(RiskGuess.from(title) == risk)
    }
}
