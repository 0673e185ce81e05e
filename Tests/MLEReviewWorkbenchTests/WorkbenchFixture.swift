import Foundation
import MLEReviewCore
@testable import MLEReviewWorkbench

/// A small two-file diff and a workbench on it, for state and view tests.
enum WorkbenchFixture {
    static let diff = """
    diff --git a/pipelines/train.py b/pipelines/train.py
    index 1111111..2222222 100644
    --- a/pipelines/train.py
    +++ b/pipelines/train.py
    @@ -20,5 +20,6 @@ def train(path, out_path):
         df = load(path)
    -    X_train, X_test = split(df)
    +    X = scaler.fit_transform(df)
    +    X_train, X_test = split(X)
         model.fit(X_train)
         print("done")
         return model
    @@ -40,3 +41,3 @@ def evaluate(model):
         auc = score(model)
    -    return auc > 0.8
    +    return auc > 0.7
         # end
    diff --git a/serving/predict.py b/serving/predict.py
    new file mode 100644
    --- /dev/null
    +++ b/serving/predict.py
    @@ -0,0 +1,3 @@
    +import joblib
    +bundle = joblib.load("latest.pkl")
    +log.info("scored %s", customer["email"])

    """

    static func make(_ text: String = diff, width: Int = 120, height: Int = 40, findings: [Finding] = []) -> Workbench {
        let parsed = DiffParser.parse(Array(text.utf8))
        let checklist = ChecklistLoader.builtIn
        var review = Review(source: ReviewSource(kind: .patch, patchPath: "pr.diff", diffSHA256: "x"), checklist: ChecklistRef(checklist),
                            reviewers: [Reviewer(name: "Ada")])
        review.findings = findings
        return Workbench(document: DiffDocument(parsed), review: review, checklist: checklist, reviewer: Reviewer(name: "Ada"),
                         sourceLabel: "pr.diff", width: width, height: height)
    }
}

extension Workbench {
    /// Types keys by name (`j`, `Tab`, `Ctrl-S`) or text (`"text:hello"`), collecting the effects.
    @discardableResult
    mutating func press(_ keys: String...) -> [Effect] {
        var effects: [Effect] = []
        for k in keys {
            if k.hasPrefix("text:") {
                for c in k.dropFirst(5) { effects += handle(.char(c)) }
            } else {
                effects += handle(Key.parse(k)!)
            }
        }
        return effects
    }
}

/// A large patch made up for tests: `files` Python files of 1,000 lines, each changing every
/// fiftieth line (`-old_F_I = I` / `+new_F_I = I+1`, twenty of each a file). 60 files are about
/// 2 MB.
enum SyntheticPatch {
    static func make(files: Int) -> String {
        var text = ""
        for f in 0..<files {
            text += "diff --git a/pkg/m\(f).py b/pkg/m\(f).py\n--- a/pkg/m\(f).py\n+++ b/pkg/m\(f).py\n@@ -1,1000 +1,1000 @@\n"
            for i in 0..<1000 { text += i % 50 == 0 ? "-old_\(f)_\(i) = \(i)\n+new_\(f)_\(i) = \(i + 1)\n" : " same_\(f)_\(i) = \(i)\n" }
        }
        return text
    }
}
