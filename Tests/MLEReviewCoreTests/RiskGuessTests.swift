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
    ])
    func leakagePhrasingsReadAsLeakage(title: String, risk: RiskCategory) {
        #expect(RiskGuess.from(title) == risk)
    }
}
