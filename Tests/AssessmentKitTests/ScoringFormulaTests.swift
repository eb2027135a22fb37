import Testing
@testable import AssessmentKit

/// Every score carries a formula a reader can redo by hand: `worked` shows the inputs and the
/// result, `inputs` lists them. These tests read the numbers back out of `worked` and redo it.
@Suite("Scoring: formulas")
struct ScoringFormulaTests {
  static let body = """
    sections:
      - id: S1
        title: One
        weight: 1.5
        items:
          - {id: a, text: A, scale: maturity, weight: 2}
          - {id: b, text: B, scale: maturity}
          - {id: c, text: C, scale: ypn}
      - id: S2
        title: Two
        weight: 0.25
        items:
          - {id: d, text: D, scale: maturity, weight: 0.3}
          - {id: e, text: E, type: multi, scale: tools, weight: 1.7}
          - {id: f, text: F, scale: maturity, weight: 2.25}
      - id: S3
        title: Three
        items:
          - {id: g, text: G, scale: maturity}
          - {id: h, text: H, scale: maturity}
          - {id: i, text: I, scale: maturity}
    """

  static let answers = "a: \"1\"\nb: \"4\"\nc: \"yes\"\nd: \"3\"\ne: [boat]\nf: \"2\"\ng: \"1\"\nh: \"2\"\ni: \"2\""

  @Test("the section and area working is written out in full")
  func workedText() throws {
    let area = try #require(ScoringLoad.area(Self.body, answers: Self.answers))
    // S1: (0.25×2 + 1×1 + 1×1) / (2 + 1 + 1) = 2.5 / 4 = 0.625
    #expect(area.section("S1")?.formula?.worked == "(0.25×2 + 1×1 + 1×1) / (2 + 1 + 1) = 0.625")
    #expect(area.section("S1")?.formula?.rule == "weighted mean of item scores: Σ(score × weight) / Σ(weight)")
    // S2: d 0.75 × 0.3 = 0.225, e 0.25 × 1.7 = 0.425, f 0.5 × 2.25 = 1.125 → 1.775 / 4.25 = 0.41765 → 0.418
    #expect(area.section("S2")?.formula?.worked == "(0.75×0.3 + 0.25×1.7 + 0.5×2.25) / (0.3 + 1.7 + 2.25) = 0.418")
    #expect(scoringClose(area.section("S2")?.score, 1.775 / 4.25))
    // S3: (0.25 + 0.5 + 0.5) / 3 = 1.25 / 3 = 0.41667 → 0.417
    #expect(area.section("S3")?.formula?.worked == "(0.25×1 + 0.5×1 + 0.5×1) / (1 + 1 + 1) = 0.417")
    // Area: S1 0.625 × 1.5, S2 0.41765 × 0.25, S3 0.41667 × 1:
    // (0.9375 + 0.10441 + 0.41667) / 2.75 = 1.45858 / 2.75 = 0.53039 → 0.53
    let expectedArea = (0.625 * 1.5 + 1.775 / 4.25 * 0.25 + 1.25 / 3) / 2.75
    #expect(scoringClose(area.score, expectedArea))
    #expect(area.formula?.worked == "(0.625×1.5 + 0.418×0.25 + 0.417×1) / (1.5 + 0.25 + 1) = 0.53")
    #expect(area.formula?.rule == "weighted mean of section scores: Σ(score × weight) / Σ(weight)")
  }

  @Test("every worked formula recomputes to its value from the numbers it prints")
  func workedRecomputes() throws {
    let area = try #require(ScoringLoad.area(Self.body, answers: Self.answers))
    let formulas = area.sections.compactMap { section in section.formula.map { (section.id, $0, section.score) } }
      + [("area", try #require(area.formula), area.score)]
    #expect(formulas.count == 4)
    for (id, formula, score) in formulas {
      let worked = try #require(ScoringWorkedMean(formula.worked), "\(id): \(formula.worked)")
      let score = try #require(score)
      // The printed terms are the inputs, rounded to 3 decimals.
      #expect(worked.terms.count == formula.inputs.count, "\(id)")
      for (term, input) in zip(worked.terms, formula.inputs) {
        #expect(abs(term.value - input.value) <= 0.0005 + 1e-12, "\(id): \(input.id)")
        #expect(abs(term.weight - (input.weight ?? 1)) <= 0.0005 + 1e-12, "\(id): \(input.id)")
      }
      #expect(worked.denominator == worked.terms.map(\.weight), "\(id)")
      // The printed result is the value rounded to 3 decimals …
      #expect(abs(worked.result - score) <= 0.0005 + 1e-12, "\(id)")
      // … and redoing the sum from the printed numbers lands on it, give or take the rounding.
      #expect(abs(worked.recomputed - score) < 0.001, "\(id): \(formula.worked) recomputes to \(worked.recomputed)")
      // The inputs themselves give the value exactly.
      let exact = formula.inputs.reduce(0) { $0 + $1.value * ($1.weight ?? 1) } / formula.inputs.reduce(0) { $0 + ($1.weight ?? 1) }
      #expect(scoringClose(exact, score), "\(id)")
    }
  }

  @Test("a very small weight still shows in the working")
  func smallWeightsInTheWorking() throws {
    let body = """
      sections:
        - id: S1
          title: Light items
          items:
            - {id: a, text: A, scale: maturity, weight: 0.0004}
            - {id: b, text: B, scale: maturity, weight: 0.0004}
      """
    let area = try #require(ScoringLoad.area(body, answers: "a: \"4\"\nb: \"0\""))
    // (1 × 0.0004 + 0 × 0.0004) / (0.0004 + 0.0004) = 0.5
    #expect(scoringClose(area.section("S1")?.score, 0.5))
    let formula = try #require(area.section("S1")?.formula)
    // A weight too small for 3 decimals keeps its digits (it once printed as 0, so the working
    // read (1×0 + 0×0) / (0 + 0) = 0.5).
    #expect(formula.worked == "(1×0.0004 + 0×0.0004) / (0.0004 + 0.0004) = 0.5")
    let worked = try #require(ScoringWorkedMean(formula.worked))
    #expect(worked.denominator.reduce(0, +) > 0, "\(formula.worked)")
    #expect(abs(worked.recomputed - 0.5) < 0.001, "\(formula.worked)")
  }
}
