import Foundation
import MLEReviewCore
import Testing

/// Which areas a change must answer for before APPROVE, checked through the export a user reads.
struct TouchedAreasCommandTests {
    let cli = CommandLineTests()

    /// A labels CSV whose rows mention predictions and an API was put in Serving (its rows were
    /// read as code), and a re-labelled holdout set was not put in Evaluation.
    @Test func aHoldoutTableAnswersForEvaluationNotForWhatItsRowsSay() throws {
        let dir = try cli.tempDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let patch = """
        diff --git a/data/holdout.csv b/data/holdout.csv
        index 1111111..2222222 100644
        --- a/data/holdout.csv
        +++ b/data/holdout.csv
        @@ -1,3 +1,3 @@
         id,text,tag
        -1,"Served predictions over a REST API to dashboards",nlp
        +1,"Served predictions over a REST API to dashboards",other
         2,"Deploy an inference endpoint with alerting",mlops

        """
        try patch.write(toFile: dir + "/pr.diff", atomically: true, encoding: .utf8)
        try "Decision: BLOCK\n".write(toFile: dir + "/ai.txt", atomically: true, encoding: .utf8)
        let store = dir + "/s.sqlite"
        let imported = try cli.run(["import", dir + "/ai.txt", "--patch", dir + "/pr.diff", "--store", store])
        #expect(imported.status == 0, "\(imported.stderrText)")
        let out = try cli.run(["export", "latest", "--allow-incomplete", "--no-finish", "--store", store])
        let text = String(decoding: out.stdout, as: UTF8.self)
        let note = try #require(text.split(separator: "\n").first { $0.hasPrefix("Note: exported while incomplete: ") }, "\(text)")
        #expect(note.contains("Evaluation and Promotion 6") && note.contains("Data Contract and Leakage 5"), "\(note)")
        #expect(!note.contains("Serving and Deployment") && !note.contains("Monitoring"), "\(note)")
    }

    /// kedro-starters 77cb1c6 redraws a confusion matrix in a reporting pipeline: error analysis,
    /// and the evaluation a promotion reads. Neither area counted as touched, so APPROVE waited
    /// on none of their items.
    @Test func aConfusionMatrixAnswersForMetricsAndEvaluation() throws {
        let dir = try cli.tempDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let patch = """
        diff --git a/src/pipelines/reporting/nodes.py b/src/pipelines/reporting/nodes.py
        index 1111111..2222222 100644
        --- a/src/pipelines/reporting/nodes.py
        +++ b/src/pipelines/reporting/nodes.py
        @@ -1,3 +1,5 @@
         def create_confusion_matrix(companies):
        -    sn.heatmap(confusion_matrix, annot=True)
        -    return plt
        +    fig, ax = plt.subplots(figsize=(8, 6))
        +    sn.heatmap(confusion_matrix, annot=True, fmt='d', ax=ax)
        +    ax.set_title('Confusion Matrix')
        +    return fig

        """
        try patch.write(toFile: dir + "/pr.diff", atomically: true, encoding: .utf8)
        try "Decision: BLOCK\n".write(toFile: dir + "/ai.txt", atomically: true, encoding: .utf8)
        let store = dir + "/s.sqlite"
        #expect(try cli.run(["import", dir + "/ai.txt", "--patch", dir + "/pr.diff", "--store", store]).status == 0)
        let out = try cli.run(["export", "latest", "--allow-incomplete", "--no-finish", "--store", store])
        let text = String(decoding: out.stdout, as: UTF8.self)
        let note = try #require(text.split(separator: "\n").first { $0.hasPrefix("Note: exported while incomplete: ") }, "\(text)")
        #expect(note.contains("Metrics, Thresholds, and Error Analysis 6") && note.contains("Evaluation and Promotion 6"), "\(note)")
    }
}
