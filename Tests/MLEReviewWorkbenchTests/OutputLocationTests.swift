import Testing
@testable import MLEReviewWorkbench

/// The place a check's output points at, as `:` in a run's output takes it.
struct OutputLocationTests {
    @Test(arguments: [
        ("tests/test_model.py:6: AssertionError", "tests/test_model.py:6"),
        ("src/model.py:1:8: F401 [*] `os` imported but unused", "src/model.py:1"),
        ("  File \"/repo/serving/predict.py\", line 12, in predict", "/repo/serving/predict.py:12"),
        ("FAILED tests/test_a.py::test_x - assert 6 == 4", nil),
    ] as [(String, String?)])
    func aLineNamesItsPlace(line: String, place: String?) {
        #expect(OutputLocation.last(in: [line][...]) == place)
    }

    @Test func theLastPlaceWins() {
        let lines = ["a.py:1: first", "noise", "b.py:2: second", "1 failed in 0.3s"]
        #expect(OutputLocation.last(in: lines[...]) == "b.py:2")
    }
}
