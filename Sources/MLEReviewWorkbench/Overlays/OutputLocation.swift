import Foundation

/// Where a check's output points: `tests/test_model.py:6: AssertionError` (pytest),
/// `src/model.py:1:8: F401` (ruff, mypy), `File "/repo/serving/predict.py", line 12` (a
/// traceback). `:` in a run's output puts the last of them in the go-to line.
enum OutputLocation {
    private static let colon = try! NSRegularExpression(pattern: #"([A-Za-z0-9_./\\-]+\.[A-Za-z0-9]+):([0-9]+)"#)
    private static let traceback = try! NSRegularExpression(pattern: #"File "([^"]+)", line ([0-9]+)"#)

    /// The last `path:line` in the lines, as the go-to line takes it.
    static func last(in lines: ArraySlice<String>) -> String? {
        for line in lines.reversed() {
            let range = NSRange(line.startIndex..., in: line)
            let matches = (colon.matches(in: line, range: range) + traceback.matches(in: line, range: range)).sorted { $0.range.location < $1.range.location }
            guard let m = matches.last, let path = Range(m.range(at: 1), in: line), let number = Range(m.range(at: 2), in: line) else { continue }
            return "\(line[path]):\(line[number])"
        }
        return nil
    }
}
