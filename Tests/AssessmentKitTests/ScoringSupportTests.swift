import Foundation
import Testing
@testable import AssessmentKit

// Helpers shared by the Scoring*, Recommendation* and RulesEvaluator* test files: small
// questionnaires written for the purpose, loaded and validated the way `assess score` does, then
// scored; a reader of `Formula.worked`; and the bundled `Fixtures/scoring` folder.
//
// Every name here starts with `Scoring`/`scoring` so nothing clashes with other test files.

/// The start of every test questionnaire (id `t`, version 1.0.0): the scales the tests use.
///
/// | scale    | options (score)                                                                          |
/// |----------|------------------------------------------------------------------------------------------|
/// | maturity | 0 (0, level 0, deficient), 1 (0.25, level 1, deficient), 2 (0.5), 3 (0.75), 4 (1), na, dk  |
/// | ypn      | yes (1), partial (0.5), no (0, deficient), na, dk                                         |
/// | tools    | radio (0.5), boat (0.25), drone (0.75), none (0)   — for multi items                     |
/// | special  | na, dk                                                                                   |
let scoringScales = """
  scales:
    - id: maturity
      options:
        - {value: "0", label: Absent, score: 0, level: 0, deficient: true}
        - {value: "1", label: Initial, score: 0.25, level: 1, deficient: true}
        - {value: "2", label: Formalised, score: 0.5, level: 2}
        - {value: "3", label: Implemented, score: 0.75, level: 3}
        - {value: "4", label: Monitored, score: 1, level: 4}
        - {value: na, label: Not applicable, na: true}
        - {value: dk, label: Don't know, unknown: true}
    - id: ypn
      options:
        - {value: "yes", label: "Yes", score: 1}
        - {value: partial, label: Partly, score: 0.5}
        - {value: "no", label: "No", score: 0, deficient: true}
        - {value: na, label: Not applicable, na: true}
        - {value: dk, label: Don't know, unknown: true}
    - id: tools
      options:
        - {value: radio, label: Radio, score: 0.5}
        - {value: boat, label: Boat, score: 0.25}
        - {value: drone, label: Drone, score: 0.75}
        - {value: none, label: None, score: 0}
    - id: special
      options:
        - {value: na, label: Not applicable, na: true}
        - {value: dk, label: Don't know, unknown: true}

  """

enum ScoringLoad {
  /// A questionnaire made of the header, `scoringScales`, and `body` (the `scoring`, `sections`
  /// and `profiles` keys), checked as `assess validate` checks it: any error is recorded.
  static func compiled(_ body: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) -> CompiledQuestionnaire? {
    let text = "schema: assess/questionnaire@1\nid: t\nversion: 1.0.0\ntitle: Test area\n" + scoringScales + body
    return compiledFile(text, path: "t.yaml", sourceLocation: sourceLocation)
  }

  /// A whole questionnaire file, loaded, compiled and validated; any error is recorded.
  static func compiledFile(_ text: String, path: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) -> CompiledQuestionnaire? {
    let outcome = DocumentLoader.load(SourceText(path: path, text: text))
    guard case .questionnaire(let document)? = outcome.document else {
      Issue.record("not loaded as a questionnaire: \(outcome.diagnostics.map(\.text))", sourceLocation: sourceLocation)
      return nil
    }
    let compiled = CompiledQuestionnaire(document.model)
    let errors = (outcome.diagnostics + QuestionnaireValidator.validate(document, compiled: compiled)).filter { $0.severity == .error }
    guard errors.isEmpty else {
      Issue.record("the test questionnaire has errors: \(errors.map { "\($0.location): \($0.text)" })", sourceLocation: sourceLocation)
      return nil
    }
    return compiled
  }

  /// An answers file for questionnaire `t` 1.0.0 with `answers` (YAML lines `ITEM: value`, one per
  /// line, or empty), checked against `compiled`; any error is recorded.
  static func answers(
    _ answers: String, profile: String? = nil, for compiled: CompiledQuestionnaire, id: String = "t",
    sourceLocation: Testing.SourceLocation = #_sourceLocation
  ) -> Document<AnswerSet>? {
    let lines = answers.split(separator: "\n", omittingEmptySubsequences: true)
    let block = lines.isEmpty ? " {}" : "\n" + lines.map { "      " + $0 }.joined(separator: "\n")
    var text = "schema: assess/answers@1\n"
    text += "respondent: {country: Testland, agency: Test agency, date: \"2026-01-02\", round: baseline}\n"
    text += "questionnaires:\n  - id: \(id)\n    version: 1.0.0\n"
    if let profile { text += "    profile: \(profile)\n" }
    text += "    answers:\(block)\n"
    let outcome = DocumentLoader.load(SourceText(path: "test.answers.yaml", text: text))
    guard case .answers(let document)? = outcome.document else {
      Issue.record("not loaded as answers: \(outcome.diagnostics.map(\.text))\n\(text)", sourceLocation: sourceLocation)
      return nil
    }
    let errors = (outcome.diagnostics + AnswersValidator.validate(document, against: [compiled])).filter { $0.severity == .error }
    guard errors.isEmpty else {
      Issue.record("the test answers have errors: \(errors.map { "\($0.location): \($0.text)" })\n\(text)", sourceLocation: sourceLocation)
      return nil
    }
    return document
  }

  /// Scores `answers` on the questionnaire made from `body`.
  static func area(
    _ body: String, answers: String, profile: String? = nil, sourceLocation: Testing.SourceLocation = #_sourceLocation
  ) -> AreaResult? {
    guard let compiled = compiled(body, sourceLocation: sourceLocation) else { return nil }
    return area(compiled, answers: answers, profile: profile, sourceLocation: sourceLocation)
  }

  static func area(
    _ compiled: CompiledQuestionnaire, answers: String, profile: String? = nil, sourceLocation: Testing.SourceLocation = #_sourceLocation
  ) -> AreaResult? {
    guard let document = self.answers(answers, profile: profile, for: compiled, sourceLocation: sourceLocation),
      let block = document.model.questionnaires.first
    else { return nil }
    let environment = AnswerEnvironment(compiled, answers: block)
    return ScoringEngine.score(environment, answers: block, language: "en")
  }

  /// The bundled `Fixtures/scoring` folder.
  static var fixturesFolder: String {
    Bundle.module.url(forResource: "Fixtures", withExtension: nil)!.path + "/scoring"
  }

  static func fixtureText(_ name: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) -> String? {
    let path = fixturesFolder + "/" + name
    guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
      Issue.record("cannot read fixture \(path)", sourceLocation: sourceLocation)
      return nil
    }
    return text
  }

  /// An evaluator manifest, loaded and validated against `compiled`; errors are recorded unless
  /// `allowErrors` (a module whose rules do not check is what some tests want).
  static func module(
    _ text: String, path: String = "evaluator.yaml", against compiled: CompiledQuestionnaire, allowErrors: Bool = false,
    sourceLocation: Testing.SourceLocation = #_sourceLocation
  ) -> Document<EvaluatorManifest>? {
    let outcome = DocumentLoader.load(SourceText(path: path, text: text))
    guard case .evaluator(let document)? = outcome.document else {
      Issue.record("not loaded as a module: \(outcome.diagnostics.map(\.text))", sourceLocation: sourceLocation)
      return nil
    }
    if !allowErrors {
      let errors = (outcome.diagnostics + EvaluatorValidator.validate(document, against: [compiled])).filter { $0.severity == .error }
      if !errors.isEmpty {
        Issue.record("the test module has errors: \(errors.map { "\($0.location): \($0.text)" })", sourceLocation: sourceLocation)
        return nil
      }
    }
    return document
  }
}

extension AreaResult {
  func section(_ id: String) -> SectionResult? { sections.first { $0.id == id } }
  func item(_ id: String) -> ItemResult? { items.first { $0.id == id } }
}

/// Numbers equal to within `tolerance` (1e-9 unless told).
func scoringClose(_ a: Double?, _ b: Double, tolerance: Double = 1e-9) -> Bool {
  guard let a else { return false }
  return abs(a - b) <= tolerance
}

/// `Formula.worked` of a weighted mean read back: `(v1×w1 + v2×w2) / (w1 + w2) = result`.
struct ScoringWorkedMean: Equatable {
  var terms: [(value: Double, weight: Double)]
  var denominator: [Double]
  var result: Double

  static func == (lhs: Self, rhs: Self) -> Bool {
    lhs.terms.map(\.value) == rhs.terms.map(\.value) && lhs.terms.map(\.weight) == rhs.terms.map(\.weight)
      && lhs.denominator == rhs.denominator && lhs.result == rhs.result
  }

  init?(_ worked: String) {
    guard let match = worked.wholeMatch(of: #/\((.+)\) / \((.+)\) = ([0-9.]+)/#), let result = Double(match.3) else { return nil }
    var terms: [(Double, Double)] = []
    for term in match.1.components(separatedBy: " + ") {
      let parts = term.components(separatedBy: "×")
      guard parts.count == 2, let value = Double(parts[0]), let weight = Double(parts[1]) else { return nil }
      terms.append((value, weight))
    }
    var denominator: [Double] = []
    for weight in match.2.components(separatedBy: " + ") {
      guard let number = Double(weight) else { return nil }
      denominator.append(number)
    }
    self.terms = terms
    self.denominator = denominator
    self.result = result
  }

  /// Σ(value × weight) / Σ(weight) from the printed numbers.
  var recomputed: Double {
    terms.reduce(0) { $0 + $1.value * $1.weight } / denominator.reduce(0, +)
  }
}

/// `Formula.worked` of a priority read back: `100 × (0.45×S + 0.30×G + 0.15×W + 0.10×C) = P`.
struct ScoringWorkedPriority {
  var severity: Double
  var gap: Double
  var weight: Double
  var critical: Double
  var result: Int

  init?(_ worked: String) {
    guard
      let match = worked.wholeMatch(of: #/100 × \(0\.45×([0-9.]+) \+ 0\.30×([0-9.]+) \+ 0\.15×([0-9.]+) \+ 0\.10×([0-9.]+)\) = ([0-9]+)/#),
      let s = Double(match.1), let g = Double(match.2), let w = Double(match.3), let c = Double(match.4), let p = Int(match.5)
    else { return nil }
    severity = s
    gap = g
    weight = w
    critical = c
    result = p
  }

  var recomputed: Int { Int((100 * (0.45 * severity + 0.30 * gap + 0.15 * weight + 0.10 * critical)).rounded()) }
}

@Suite("Scoring test support")
struct ScoringSupportTests {
  @Test("the worked-formula reader reads what the docs print and recomputes it")
  func readsDocumentedWorking() throws {
    // Docs/scoring.md: (0.625×1 + 0.5×1 + 0.406×1 + 0.625×1 + 0.333×1 + 0.438×1) / (1 + 1 + 1 + 1 + 1 + 1) = 0.488
    let worked = try #require(
      ScoringWorkedMean("(0.625×1 + 0.5×1 + 0.406×1 + 0.625×1 + 0.333×1 + 0.438×1) / (1 + 1 + 1 + 1 + 1 + 1) = 0.488"))
    #expect(worked.terms.count == 6)
    // (0.625 + 0.5 + 0.406 + 0.625 + 0.333 + 0.438) / 6 = 2.927 / 6 = 0.48783…
    #expect(scoringClose(worked.recomputed, 2.927 / 6))
    #expect(abs(worked.recomputed - worked.result) < 0.0005)
    #expect(ScoringWorkedMean("0.5") == nil)
    let priority = try #require(ScoringWorkedPriority("100 × (0.45×1 + 0.30×0.75 + 0.15×1 + 0.10×1) = 93"))
    // 100 × (0.45 + 0.225 + 0.15 + 0.1) = 92.5 → 93 (rounded half away from zero)
    #expect(priority.recomputed == 93)
    #expect(priority.result == 93)
  }

  @Test("the test scales load")
  func helpersLoadTheScales() {
    let good = ScoringLoad.compiled(
      """
      sections:
        - id: S1
          title: One
          items:
            - {id: a, text: A, scale: maturity}
      """)
    #expect(good?.questionnaire.scales.map(\.id.value) == ["maturity", "ypn", "tools", "special"])
  }
}
