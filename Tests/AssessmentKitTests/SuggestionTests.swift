import AssessmentKit
import Testing

@Suite struct SuggestionTests {
  @Test(arguments: [
    ("BM-3.22", ["BM-3.2", "BM-3.1", "BM-4.2"], "BM-3.2"),
    ("wieght", ["weight", "weights", "width"], "weight"),
    ("maturty", ["maturity", "yes-partial-no"], "maturity"),
    ("partail", ["yes", "partial", "no"], "partial"),
    ("border-guard", ["border-guards", "coastguard"], "border-guards"),
  ])
  func suggestsTheClosestName(word: String, candidates: [String], expected: String) {
    #expect(Suggestion.closest(to: word, among: candidates) == expected)
  }

  @Test func staysQuietWhenNothingIsClose() {
    #expect(Suggestion.closest(to: "recommendation", among: ["id", "title", "when"]) == nil)
    #expect(Suggestion.closest(to: "x", among: [String]()) == nil)
  }
}
