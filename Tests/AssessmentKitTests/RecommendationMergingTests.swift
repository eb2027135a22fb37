@testable import AssessmentKit
import EvaluatorProtocol
import Testing

/// Merging recommendations with the same title, ordering them by priority with stable ids, and
/// grouping them into the action plan. Priorities are worked by hand on the questionnaire of
/// `RecommendationPriorityTests` (a 0.25 weight 2, b 0 critical, c 0.75, d 0.5 weight 4, e
/// unanswered; heaviest item weight 4; no profile, so every aim is 1).
@Suite("Recommendations: merging, order, action plan")
struct RecommendationMergingTests {
  static func area() -> AreaResult? { RecommendationPriorityTests.area() }

  // high, [a]: G 1 − 0.25 = 0.75, W 2/4 = 0.5, C 0 → 100 × (0.3375 + 0.225 + 0.075) = 63.75 → 64
  static let trainAlpha = recommendationFinding(
    module: "org.test.alpha", rule: "R1", severity: .high, items: ["a"], title: "Train border staff on screening",
    actions: ["Write a course"], actors: ["police", "ngos"], horizon: .long, component: .prevention,
    references: [CitedReference(title: "OHCHR Border Guidelines", pinpoint: "Guideline 6")])
  // critical, [b]: G 1, W 1/4 = 0.25, C 1 → 100 × (0.45 + 0.30 + 0.0375 + 0.10) = 88.75 → 89
  static let trainBeta = recommendationFinding(
    module: "org.test.beta", rule: "B1", severity: .critical, items: ["b"], title: "  train BORDER staff\ton   screening.",
    actions: ["Write a course", "Run it every year"], actors: ["ngos", "border-guards"], horizon: .short,
    component: .accountability,
    references: [
      CitedReference(title: "OHCHR Border Guidelines", pinpoint: "Guideline 6"), CitedReference(title: "Convention against Torture", pinpoint: nil),
    ])
  // medium, [c]: G 0.25, W 0.25, C 0 → 100 × (0.225 + 0.075 + 0.0375) = 33.75 → 34
  static let other = recommendationFinding(module: "org.test.alpha", rule: "R2", severity: .medium, items: ["c"], title: "Publish the figures")

  @Test("two findings with the same title (any case and spacing) from two modules become one recommendation")
  func mergesSameTitle() throws {
    let area = try #require(Self.area())
    let recommendations = PriorityFormula.recommendations(for: [Self.trainAlpha, Self.other, Self.trainBeta], areas: [area])
    #expect(recommendations.count == 2)
    let merged = try #require(recommendations.first)
    // It cites both findings, and keeps the higher priority (89 > 64) with its formula.
    #expect(merged.sources == ["org.test.alpha/R1", "org.test.beta/B1"])
    #expect(merged.priority == 89)
    #expect(merged.priorityFormula.worked == "100 × (0.45×1 + 0.30×1 + 0.15×0.25 + 0.10×1) = 89")
    // The higher severity, the shorter horizon, the union of actions, actors, items, references.
    #expect(merged.severity == .critical)
    #expect(merged.horizon == .short)
    #expect(merged.actions == ["Write a course", "Run it every year"])
    #expect(merged.actors == ["police", "ngos", "border-guards"])
    #expect(merged.items == ["a", "b"])
    #expect(merged.references.map(\.title) == ["OHCHR Border Guidelines", "Convention against Torture"])
    // The first finding's title; both findings' reasons.
    #expect(merged.title == "Train border staff on screening")
    #expect(merged.why.contains("Why R1 matters."))
    #expect(merged.why.contains("Why B1 matters."))
    #expect(merged.id == "REC-01")
    // The other recommendation: 34, second.
    #expect(recommendations[1].title == "Publish the figures")
    #expect(recommendations[1].priority == 34)
    #expect(recommendations[1].id == "REC-02")
  }

  @Test("the merged recommendation takes the component of the finding with the higher priority")
  func mergedComponent() throws {
    let area = try #require(Self.area())
    // Either order: accountability comes with priority 89.
    for findings in [[Self.trainAlpha, Self.trainBeta], [Self.trainBeta, Self.trainAlpha]] {
      let recommendations = PriorityFormula.recommendations(for: findings, areas: [area])
      #expect(recommendations.count == 1)
      #expect(recommendations.first?.component == .accountability)
      #expect(recommendations.first?.priority == 89)
      #expect(Set(recommendations.first?.sources ?? []) == ["org.test.alpha/R1", "org.test.beta/B1"])
    }
  }

  @Test("the same title for another questionnaire, or a different title, is not merged")
  func notMerged() throws {
    let area = try #require(Self.area())
    var otherArea = area
    otherArea.questionnaire = "u"
    let elsewhere = recommendationFinding(
      module: "org.test.beta", rule: "B1", severity: .critical, items: ["b"], questionnaire: "u", title: "Train border staff on screening")
    let similar = recommendationFinding(module: "org.test.beta", rule: "B2", severity: .low, items: [], title: "Train border staff on rescue")
    let recommendations = PriorityFormula.recommendations(for: [Self.trainAlpha, elsewhere, similar], areas: [area, otherArea])
    #expect(recommendations.count == 3)
    #expect(recommendations.allSatisfy { $0.sources.count == 1 })
    #expect(Set(recommendations.map(\.questionnaire)) == ["t", "u"])
  }

  @Test("recommendations are ordered by priority, ties in finding order, numbered REC-01 …")
  func orderAndIds() throws {
    let area = try #require(Self.area())
    let findings = [
      // low, [] → G 0.5, W 0.5 → 100 × (0.1125 + 0.15 + 0.075) = 33.75 → 34
      recommendationFinding(rule: "A", severity: .low, items: [], title: "A"),
      // critical, [b] → 89
      recommendationFinding(rule: "B", severity: .critical, items: ["b"], title: "B"),
      // high, [a] → 64
      recommendationFinding(rule: "C", severity: .high, items: ["a"], title: "C"),
      // high, [a] → 64 again: after C, which came first
      recommendationFinding(rule: "D", severity: .high, items: ["a"], title: "D"),
      // medium, [c] → 34: ties with A, after it
      recommendationFinding(rule: "E", severity: .medium, items: ["c"], title: "E"),
    ]
    let recommendations = PriorityFormula.recommendations(for: findings, areas: [area])
    #expect(recommendations.map(\.title) == ["B", "C", "D", "A", "E"])
    #expect(recommendations.map(\.priority) == [89, 64, 64, 34, 34])
    #expect(recommendations.map(\.id) == ["REC-01", "REC-02", "REC-03", "REC-04", "REC-05"])
    // The same inputs give the same recommendations.
    #expect(PriorityFormula.recommendations(for: findings, areas: [area]) == recommendations)
    // Swapping the tied C and D swaps their places and nothing else.
    var swapped = findings
    swapped.swapAt(2, 3)
    #expect(PriorityFormula.recommendations(for: swapped, areas: [area]).map(\.title) == ["B", "D", "C", "A", "E"])
  }

  @Test("ids keep two digits up to 99 recommendations")
  func idWidth() throws {
    let area = try #require(Self.area())
    let findings = (1...12).map { recommendationFinding(rule: "R\($0)", severity: .medium, items: ["c"], title: "Title \($0)") }
    let recommendations = PriorityFormula.recommendations(for: findings, areas: [area])
    #expect(recommendations.map(\.id) == (1...12).map { $0 < 10 ? "REC-0\($0)" : "REC-\($0)" })
    // All tie at 34, so they keep the findings' order.
    #expect(recommendations.map(\.title) == (1...12).map { "Title \($0)" })
  }

  @Test("the action plan groups by component, actor and horizon in the documented order")
  func actionPlan() throws {
    let area = try #require(Self.area())
    let findings = [
      // low, [] → 34 → REC-03
      recommendationFinding(
        rule: "X", severity: .low, items: [], title: "X", actors: ["asylum-authority", "police"], horizon: .long, component: .dataResearch),
      // critical, [b] → 89 → REC-01
      recommendationFinding(
        rule: "Y", severity: .critical, items: ["b"], title: "Y", actors: ["zeta-unit", "police"], horizon: .long,
        component: .internationalCooperation),
      // high, [a] → 64 → REC-02
      recommendationFinding(
        rule: "Z", severity: .high, items: ["a"], title: "Z", actors: ["nhri", "border-guards"], horizon: .short, component: .accountability),
    ]
    let recommendations = PriorityFormula.recommendations(for: findings, areas: [area])
    #expect(recommendations.map(\.title) == ["Y", "Z", "X"])
    let plan = ActionPlan(recommendations)
    // Components in the strategy's order (data-research, prevention, legislation-operations,
    // assistance-protection, accountability, international-cooperation), empty ones left out.
    #expect(plan.byComponent.map(\.key) == ["data-research", "accountability", "international-cooperation"])
    #expect(plan.byComponent.map(\.recommendations) == [["REC-03"], ["REC-02"], ["REC-01"]])
    #expect(plan.byComponent.map(\.label) == ["Data and research", "Accountability", "International cooperation"])
    // Built-in actors first in their listed order (police, border-guards, …, nhri), then the others by id.
    #expect(plan.byActor.map(\.key) == ["police", "border-guards", "nhri", "asylum-authority", "zeta-unit"])
    #expect(plan.byActor.map(\.recommendations) == [["REC-01", "REC-03"], ["REC-02"], ["REC-02"], ["REC-03"], ["REC-01"]])
    #expect(plan.byActor.prefix(3).map(\.label) == ["Police", "Border guards", "National human rights institution or preventive mechanism"])
    // Horizons short, medium, long; medium has nothing.
    #expect(plan.byHorizon.map(\.key) == ["short", "long"])
    #expect(plan.byHorizon.map(\.recommendations) == [["REC-02"], ["REC-01", "REC-03"]])
    #expect(plan.byHorizon.map(\.label) == ["short term (within a year)", "long term (over 3 years)"])
  }

  @Test("an empty list of recommendations gives an empty plan")
  func emptyPlan() {
    let plan = ActionPlan([])
    #expect(plan.byComponent.isEmpty)
    #expect(plan.byActor.isEmpty)
    #expect(plan.byHorizon.isEmpty)
  }
}
