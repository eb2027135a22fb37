@testable import AssessmentKit
import EvaluatorProtocol
import Testing

/// A finding as a module would raise it, for the recommendation tests.
func recommendationFinding(
  module: String = "org.test.alpha", rule: String, severity: Rule.Severity, items: [String], questionnaire: String = "t",
  title: String? = nil, actions: [String] = ["Act"], actors: [String] = ["police"],
  horizon: Rule.Recommendation.Horizon = .medium, component: Rule.Recommendation.Component = .prevention,
  references: [CitedReference] = []
) -> Finding {
  Finding(
    id: "\(module)/\(rule)", module: module, rule: rule, questionnaire: questionnaire, severity: severity,
    title: "Finding \(rule)", summary: "Summary of \(rule)", why: "Why \(rule) matters.", items: items, triggers: [],
    recommendation: RecommendationContent(
      title: title ?? "Recommendation of \(rule)", actions: actions, actors: actors, horizon: horizon, component: component,
      references: references))
}

/// The priority formula, `round(100 × (0.45×S + 0.30×G + 0.15×W + 0.10×C))`, on hand-worked cases.
@Suite("Recommendations: priority formula")
struct RecommendationPriorityTests {
  /// S1: a (maturity, weight 2), b (ypn, critical), c (maturity); S2: d (maturity, weight 4), e.
  /// The heaviest item of the questionnaire is d, weight 4. Profile `aims` sets S1's target to 2.
  static let body = """
    sections:
      - id: S1
        title: One
        items:
          - {id: a, text: A, scale: maturity, weight: 2}
          - {id: b, text: B, scale: ypn, critical: true}
          - {id: c, text: C, scale: maturity}
      - id: S2
        title: Two
        items:
          - {id: d, text: D, scale: maturity, weight: 4}
          - {id: e, text: E, scale: maturity}
    profiles:
      - id: aims
        title: Aims
        targets: {S1: 2}
    """

  /// a 0.25, b 0, c 0.75, d 0.5, e unanswered.
  static let answers = "a: \"1\"\nb: \"no\"\nc: \"3\"\nd: \"2\""

  static func area(profile: String? = nil) -> AreaResult? {
    ScoringLoad.area(body, answers: answers, profile: profile)
  }

  struct Case: Sendable, CustomTestStringConvertible {
    var severity: Rule.Severity
    var items: [String]
    var profile: String?
    var s: Double
    var g: Double
    var w: Double
    var c: Double
    var priority: Int
    var testDescription: String { "\(severity.rawValue) \(items) profile \(profile ?? "none") → \(priority)" }
  }

  static let cases: [Case] = [
    // high, a and c, no targets (aim 1): G = ((1 − 0.25) + (1 − 0.75)) / 2 = 0.5; W = max(2, 1) / 4 = 0.5; C 0
    // 100 × (0.45×0.75 + 0.30×0.5 + 0.15×0.5 + 0) = 33.75 + 15 + 7.5 = 56.25 → 56
    Case(severity: .high, items: ["a", "c"], s: 0.75, g: 0.5, w: 0.5, c: 0, priority: 56),
    // critical, b (critical, score 0): G = 1; W = 1 / 4 = 0.25; C 1
    // 100 × (0.45 + 0.30 + 0.0375 + 0.10) = 88.75 → 89
    Case(severity: .critical, items: ["b"], s: 1, g: 1, w: 0.25, c: 1, priority: 89),
    // medium, d and e (e unanswered counts as 0): G = ((1 − 0.5) + (1 − 0)) / 2 = 0.75; W = 4 / 4 = 1; C 0
    // 100 × (0.225 + 0.225 + 0.15) = 60
    Case(severity: .medium, items: ["d", "e"], s: 0.5, g: 0.75, w: 1, c: 0, priority: 60),
    // low, no items: G = 0.5, W = 0.5 by rule; C 0
    // 100 × (0.1125 + 0.15 + 0.075) = 33.75 → 34
    Case(severity: .low, items: [], s: 0.25, g: 0.5, w: 0.5, c: 0, priority: 34),
    // info, c alone: G = 1 − 0.75 = 0.25; W = 1/4 = 0.25; 100 × (0 + 0.075 + 0.0375) = 11.25 → 11
    Case(severity: .info, items: ["c"], s: 0, g: 0.25, w: 0.25, c: 0, priority: 11),
    // With S1's target 2 the aim is 2/4 = 0.5:
    // high, a and c: G = (max(0, 0.5 − 0.25) + max(0, 0.5 − 0.75)) / 2 = (0.25 + 0) / 2 = 0.125,
    // rounded to two decimals before use (Docs/scoring.md) → 0.13
    // 100 × (0.3375 + 0.30×0.13 + 0.075) = 33.75 + 3.9 + 7.5 = 45.15 → 45
    Case(severity: .high, items: ["a", "c"], profile: "aims", s: 0.75, g: 0.13, w: 0.5, c: 0, priority: 45),
    // critical, b: G = 0.5 − 0 = 0.5 → 100 × (0.45 + 0.15 + 0.0375 + 0.10) = 73.75 → 74
    Case(severity: .critical, items: ["b"], profile: "aims", s: 1, g: 0.5, w: 0.25, c: 1, priority: 74),
    // medium, d and e: S2 has no target, aim 1 → as without the profile, 60
    Case(severity: .medium, items: ["d", "e"], profile: "aims", s: 0.5, g: 0.75, w: 1, c: 0, priority: 60),
    // medium, c alone with aim 0.5: 0.5 − 0.75 < 0 → G = 0; W = 1/4; 100 × (0.225 + 0 + 0.0375 + 0) = 26.25 → 26
    Case(severity: .medium, items: ["c"], profile: "aims", s: 0.5, g: 0, w: 0.25, c: 0, priority: 26),
  ]

  @Test("priority = round(100 × (0.45×S + 0.30×G + 0.15×W + 0.10×C))", arguments: cases)
  func priority(_ testCase: Case) throws {
    let area = try #require(Self.area(profile: testCase.profile))
    let finding = recommendationFinding(rule: "R", severity: testCase.severity, items: testCase.items)
    let (priority, formula) = PriorityFormula.score(finding, area: area)
    #expect(priority == testCase.priority)
    let inputs = Dictionary(uniqueKeysWithValues: formula.inputs.map { ($0.id, $0.value) })
    #expect(formula.inputs.map(\.id) == ["S", "G", "W", "C"])
    #expect(scoringClose(inputs["S"], testCase.s))
    #expect(scoringClose(inputs["G"], testCase.g))
    #expect(scoringClose(inputs["W"], testCase.w))
    #expect(scoringClose(inputs["C"], testCase.c))
    // The working prints the four factors and recomputes to the priority.
    let worked = try #require(ScoringWorkedPriority(formula.worked), "\(formula.worked)")
    #expect(worked.result == testCase.priority)
    #expect(worked.recomputed == testCase.priority, "\(formula.worked)")
    #expect(formula.rule == PriorityFormula.rule)
  }

  @Test("the recommendation carries the priority and its formula")
  func recommendationCarriesFormula() throws {
    let area = try #require(Self.area())
    let recommendations = PriorityFormula.recommendations(
      for: [recommendationFinding(rule: "R", severity: .critical, items: ["b"])], areas: [area])
    let recommendation = try #require(recommendations.first)
    #expect(recommendations.count == 1)
    // As computed above: 89, "100 × (0.45×1 + 0.30×1 + 0.15×0.25 + 0.10×1) = 89"
    #expect(recommendation.priority == 89)
    #expect(recommendation.priorityFormula.worked == "100 × (0.45×1 + 0.30×1 + 0.15×0.25 + 0.10×1) = 89")
    #expect(recommendation.id == "REC-01")
    #expect(recommendation.severity == .critical)
    #expect(recommendation.sources == ["org.test.alpha/R"])
    #expect(recommendation.items == ["b"])
    #expect(recommendation.why.contains("Why R matters."))
  }

  @Test("the priority's working recomputes to the priority it states")
  func priorityWorkingRecomputes() throws {
    let body = """
      sections:
        - id: S1
          title: One
          items:
            - {id: x, text: X, scale: maturity, weight: 0.3953}
            - {id: y, text: Y, scale: maturity, weight: 0.3953}
            - {id: z, text: Z, scale: maturity, weight: 1}
      """
    let area = try #require(ScoringLoad.area(body, answers: "x: \"3\"\ny: \"4\"\nz: \"4\""))
    let finding = recommendationFinding(rule: "R", severity: .high, items: ["x", "y"])
    let (priority, formula) = PriorityFormula.score(finding, area: area)
    // S 0.75; G = ((1 − 0.75) + (1 − 1)) / 2 = 0.125 → 0.13; W = 0.3953 / 1 → 0.4; C 0
    // (each factor rounded to two decimals before use, Docs/scoring.md)
    // 100 × (0.45×0.75 + 0.30×0.13 + 0.15×0.4 + 0) = 33.75 + 3.9 + 6 = 43.65 → 44
    // (unrounded factors would give 43.4295 → 43, which the working, printed to 2 decimals, did not
    // recompute to: that was the bug)
    #expect(priority == 44)
    #expect(formula.worked == "100 × (0.45×0.75 + 0.30×0.13 + 0.15×0.4 + 0.10×0) = 44")
    let worked = try #require(ScoringWorkedPriority(formula.worked))
    #expect(worked.result == 44)
    #expect(worked.recomputed == 44, "\(formula.worked)")
    #expect(formula.inputs.map(\.value) == [0.75, 0.13, 0.4, 0])
  }

  @Test("a finding for a questionnaire with no area is left out")
  func findingWithoutArea() throws {
    let area = try #require(Self.area())
    let recommendations = PriorityFormula.recommendations(
      for: [recommendationFinding(rule: "R", severity: .high, items: ["a"], questionnaire: "other")], areas: [area])
    #expect(recommendations.isEmpty)
  }
}
