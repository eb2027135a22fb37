@testable import AssessmentKit
import EvaluatorProtocol
import Foundation
import Testing

/// Rules modules: which rules fire, what their findings record, a module whose rules do not
/// check, and the whole pipeline through `AssessmentRunner`. The questionnaire and modules are in
/// `Fixtures/scoring` (patrol.questionnaire.yaml, alpha/beta/broken.evaluator.yaml).
@Suite("RulesEvaluator and AssessmentRunner")
struct RulesEvaluatorTests {
  static func patrol(sourceLocation: Testing.SourceLocation = #_sourceLocation) -> CompiledQuestionnaire? {
    guard let text = ScoringLoad.fixtureText("patrol.questionnaire.yaml", sourceLocation: sourceLocation) else { return nil }
    return ScoringLoad.compiledFile(text, path: ScoringLoad.fixturesFolder + "/patrol.questionnaire.yaml", sourceLocation: sourceLocation)
  }

  /// A module from the fixtures, loaded from its path (so its hash can be taken).
  static func module(
    _ name: String, against compiled: CompiledQuestionnaire, allowErrors: Bool = false,
    sourceLocation: Testing.SourceLocation = #_sourceLocation
  ) -> Document<EvaluatorManifest>? {
    let path = ScoringLoad.fixturesFolder + "/" + name
    guard let text = ScoringLoad.fixtureText(name, sourceLocation: sourceLocation) else { return nil }
    return ScoringLoad.module(text, path: path, against: compiled, allowErrors: allowErrors, sourceLocation: sourceLocation)
  }

  /// p1 "1" (0.25, weight 2), p2 "no" (0, critical), p3 "2" (0.5), p4 "don't know", p5 20 (band ≥ 2 → 0).
  static let answers = "p1: \"1\"\np2: \"no\"\np3: \"2\"\np4: dk\np5: 20"

  struct Evaluated {
    var area: AreaResult
    var findings: [Finding]
    var evaluator: RulesEvaluator
  }

  static func evaluate(
    _ moduleName: String, answers: String = answers, allowErrors: Bool = false, sourceLocation: Testing.SourceLocation = #_sourceLocation
  ) -> Evaluated? {
    guard let compiled = patrol(sourceLocation: sourceLocation),
      let module = module(moduleName, against: compiled, allowErrors: allowErrors, sourceLocation: sourceLocation),
      let document = ScoringLoad.answers(answers, for: compiled, id: "patrol", sourceLocation: sourceLocation),
      let block = document.model.questionnaires.first
    else { return nil }
    let environment = AnswerEnvironment(compiled, answers: block)
    let area = ScoringEngine.score(environment, answers: block, language: "en")
    let evaluator = RulesEvaluator(manifest: module.model, questionnaire: compiled)
    return Evaluated(area: area, findings: evaluator.evaluate(environment, area: area, language: "en"), evaluator: evaluator)
  }

  @Test("a rule whose `when` holds fires; one whose `when` does not hold stays silent")
  func firesAndDoesNotFire() throws {
    let run = try #require(Self.evaluate("alpha.evaluator.yaml"))
    #expect(run.evaluator.problem == nil)
    // A1 (p1 in ['0','1']), A2 (p2 no and p3 != 4), A4 (p1 = 1 and p4 not answered), A5 (score(P1) 0.25 < 0.5) fire;
    // A3 (p4 = 'yes' while p4 is "don't know") does not.
    #expect(run.findings.map(\.rule) == ["A1", "A2", "A4", "A5"])
    #expect(run.findings.map(\.id) == ["org.test.alpha/A1", "org.test.alpha/A2", "org.test.alpha/A4", "org.test.alpha/A5"])
    let a1 = try #require(run.findings.first)
    #expect(a1.module == "org.test.alpha")
    #expect(a1.questionnaire == "patrol")
    #expect(a1.severity == .high)
    #expect(a1.title == "Patrol rules are not written down")
    #expect(a1.summary == "No written patrol rules.")
    #expect(a1.why == "Officers improvise.")
    #expect(a1.recommendation.title == "Write the patrol rules down")
    #expect(a1.recommendation.actors == ["border-guards"])
    #expect(a1.recommendation.horizon == .medium)
    #expect(a1.recommendation.component == .legislationOperations)
    // The citation's title is the module reference's title.
    #expect(a1.recommendation.references == [CitedReference(title: "Basic Principles on the Use of Force and Firearms", pinpoint: "Principle 1")])
  }

  @Test("with other answers the same rules do not fire")
  func otherAnswersDoNotFire() throws {
    // p1 "3", p2 "yes", p3 "4", p4 "yes", p5 1: A1 (p1 not 0/1), A2 (p2 yes), A4 (p1 ≠ 1), A5 (P1 = (1.5 + 1 + 1) / 4 = 0.875)
    // stay silent; A3 (p4 yes) fires.
    let run = try #require(Self.evaluate("alpha.evaluator.yaml", answers: "p1: \"3\"\np2: \"yes\"\np3: \"4\"\np4: \"yes\"\np5: 1"))
    #expect(run.findings.map(\.rule) == ["A3"])
    // Nothing answered: comparisons with missing values are false, not(answered(p4)) is true but p1 = '1' is not.
    let empty = try #require(Self.evaluate("alpha.evaluator.yaml", answers: ""))
    #expect(empty.findings.isEmpty)
  }

  @Test("`triggers` record the items and answers `when` read, and `items` the ones the rule names")
  func triggers() throws {
    let run = try #require(Self.evaluate("alpha.evaluator.yaml"))
    let byRule = Dictionary(uniqueKeysWithValues: run.findings.map { ($0.rule, $0) })
    // A1 names p1, and its condition reads p1: one trigger.
    #expect(byRule["A1"]?.items == ["p1"])
    #expect(byRule["A1"]?.triggers == [Finding.Trigger(item: "p1", status: .answered, answer: ["1"])])
    // A2 names no items: it rests on what `when` read, p2 then p3.
    #expect(byRule["A2"]?.items == ["p2", "p3"])
    #expect(byRule["A2"]?.triggers == [
      Finding.Trigger(item: "p2", status: .answered, answer: ["no"]), Finding.Trigger(item: "p3", status: .answered, answer: ["2"]),
    ])
    // A4 names p5: the named item first, then those `when` read (p1, p4 "don't know").
    #expect(byRule["A4"]?.items == ["p5"])
    #expect(byRule["A4"]?.triggers == [
      Finding.Trigger(item: "p5", status: .answered, answer: ["20"]), Finding.Trigger(item: "p1", status: .answered, answer: ["1"]),
      Finding.Trigger(item: "p4", status: .unknown, answer: ["dk"]),
    ])
    // A5 reads only a section: no item, no trigger.
    #expect(byRule["A5"]?.items == [])
    #expect(byRule["A5"]?.triggers == [])
  }

  @Test("an unanswered item read by `when` is recorded as unanswered, without an answer")
  func unansweredTrigger() throws {
    let compiled = try #require(Self.patrol())
    let module = try #require(
      ScoringLoad.module(
        """
        schema: assess/evaluator@1
        id: org.test.gaps
        version: 1.0.0
        title: Gaps
        kind: rules
        applies_to: [{questionnaire: patrol}]
        rules:
          - id: G1
            title: Recordings never reviewed
            when: "not(answered(${p3})) and ${p2} = 'no'"
            severity: high
            finding: {summary: S, why: W}
            recommendation: {title: Review recordings, actions: [Review], actors: [police], horizon: short, component: accountability}
        """, against: compiled))
    let document = try #require(ScoringLoad.answers("p2: \"no\"", for: compiled, id: "patrol"))
    let block = try #require(document.model.questionnaires.first)
    let environment = AnswerEnvironment(compiled, answers: block)
    let area = ScoringEngine.score(environment, answers: block, language: "en")
    let findings = RulesEvaluator(manifest: module.model, questionnaire: compiled).evaluate(environment, area: area, language: "en")
    #expect(findings.map(\.rule) == ["G1"])
    #expect(findings.first?.triggers == [
      Finding.Trigger(item: "p3", status: .unanswered, answer: nil), Finding.Trigger(item: "p2", status: .answered, answer: ["no"]),
    ])
  }

  @Test("a module whose `when` does not check has a problem and gives no findings")
  func moduleThatDoesNotCheck() throws {
    let run = try #require(Self.evaluate("broken.evaluator.yaml", allowErrors: true))
    let problem = try #require(run.evaluator.problem)
    #expect(problem.contains("X1"))
    #expect(problem.contains("p9"))
    #expect(!problem.contains("X2"))
    // X2 alone would fire (p1 is "1"), but a module that does not check is not run at all.
    #expect(run.findings.isEmpty)
  }

  @Test("a `when` comparing a number item with text does not check either")
  func typeErrorIsAProblem() throws {
    let compiled = try #require(Self.patrol())
    let module = try #require(
      ScoringLoad.module(
        """
        schema: assess/evaluator@1
        id: org.test.types
        version: 1.0.0
        title: Types
        kind: rules
        applies_to: [{questionnaire: patrol}]
        rules:
          - id: T1
            title: Compares a number with text
            when: "${p5} = 'many'"
            severity: low
            finding: {summary: S, why: W}
            recommendation: {title: T, actions: [A], actors: [police], horizon: short, component: prevention}
        """, against: compiled, allowErrors: true))
    let evaluator = RulesEvaluator(manifest: module.model, questionnaire: compiled)
    #expect(evaluator.problem?.contains("T1") == true)
  }

  // MARK: - Through AssessmentRunner

  static func runner(modules names: [String], sourceLocation: Testing.SourceLocation = #_sourceLocation) -> (AssessmentRunner, CompiledQuestionnaire)? {
    guard let compiled = patrol(sourceLocation: sourceLocation) else { return nil }
    var entries: [Catalog.Entry<EvaluatorManifest>] = []
    for name in names {
      guard let document = module(name, against: compiled, allowErrors: name.hasPrefix("broken"), sourceLocation: sourceLocation) else {
        return nil
      }
      entries.append(Catalog.Entry(document: document, origin: .option))
    }
    return (AssessmentRunner(questionnaires: [compiled], modules: entries, toolkitVersion: "9.9.9-test"), compiled)
  }

  static func assess(modules names: [String], sourceLocation: Testing.SourceLocation = #_sourceLocation) -> AssessmentResult? {
    guard let made = runner(modules: names, sourceLocation: sourceLocation),
      let document = ScoringLoad.answers(answers, for: made.1, id: "patrol", sourceLocation: sourceLocation)
    else { return nil }
    let runner = made.0
    defer { runner.finish() }
    return runner.assess(document)
  }

  @Test("through AssessmentRunner, a failed rules module is reported failed and the other module still contributes")
  func runnerWithFailedModule() throws {
    let result = try #require(Self.assess(modules: ["broken.evaluator.yaml", "alpha.evaluator.yaml"]))
    #expect(result.modules.map(\.id) == ["org.test.broken", "org.test.alpha"])
    let broken = try #require(result.modules.first)
    #expect(broken.status == .failed)
    #expect(broken.findings == 0)
    let error = try #require(broken.error)
    #expect(error.contains("org.test.broken"))
    #expect(error.contains("X1"))
    let alpha = try #require(result.modules.last)
    #expect(alpha.status == .ok)
    #expect(alpha.error == nil)
    #expect(alpha.findings == 4)
    #expect(alpha.version == "1.2.0")
    #expect(alpha.kind == .rules)
    #expect(alpha.origin == .option)
    #expect(alpha.questionnaires == ["patrol"])
    #expect(alpha.sha256.wholeMatch(of: #/[0-9a-f]{64}/#) != nil)
    #expect(result.hasModuleFailures)
    // The findings are alpha's alone; none of the broken module's (X2 would have fired).
    #expect(result.findings.map(\.id) == ["org.test.alpha/A1", "org.test.alpha/A2", "org.test.alpha/A4", "org.test.alpha/A5"])
    #expect(result.recommendations.count == 4)
    #expect(result.areas.map(\.questionnaire) == ["patrol"])
    #expect(result.toolkitVersion == "9.9.9-test")
    #expect(result.format == "assess/result@1")
    #expect(result.respondent.country == "Testland")
  }

  @Test("through AssessmentRunner, two modules' findings become prioritised, merged recommendations")
  func runnerMergesAcrossModules() throws {
    let result = try #require(Self.assess(modules: ["alpha.evaluator.yaml", "beta.evaluator.yaml"]))
    #expect(!result.hasModuleFailures)
    #expect(result.findings.map(\.id) == [
      "org.test.alpha/A1", "org.test.alpha/A2", "org.test.alpha/A4", "org.test.alpha/A5", "org.test.beta/B1",
    ])
    // Heaviest item: p1, weight 2. No profile, so every aim is 1.
    // A2 critical [p2, p3]: G ((1 − 0) + (1 − 0.5)) / 2 = 0.75, W 1/2 = 0.5, C 1 (p2)
    //    → 100 × (0.45 + 0.225 + 0.075 + 0.10) = 85
    // A1 high [p1]: G 0.75, W 2/2 = 1, C 0 → 100 × (0.3375 + 0.225 + 0.15) = 71.25 → 71;
    //    B1 medium [p1] → 100 × (0.225 + 0.225 + 0.15) = 60; same title → one recommendation at 71
    // A4 medium [p5]: p5 20 scores 0 → G 1, W 1/2 → 100 × (0.225 + 0.30 + 0.075) = 60
    // A5 low, no items: G 0.5, W 0.5 → 100 × (0.1125 + 0.15 + 0.075) = 33.75 → 34
    #expect(result.recommendations.map(\.priority) == [85, 71, 60, 34])
    #expect(result.recommendations.map(\.id) == ["REC-01", "REC-02", "REC-03", "REC-04"])
    #expect(result.recommendations.map(\.title) == [
      "Record every use of force", "Write the patrol rules down", "File patrol reports the same day", "Review the patrol rules",
    ])
    let merged = result.recommendations[1]
    #expect(merged.sources == ["org.test.alpha/A1", "org.test.beta/B1"])
    #expect(merged.horizon == .short)
    #expect(merged.component == .legislationOperations)
    #expect(merged.actors == ["border-guards", "river-police"])
    #expect(merged.actions == ["Draft a patrol order", "Train river crews"])
    // The action plan: REC-01 accountability, REC-02 legislation-operations, REC-03 data-research, REC-04 prevention.
    #expect(result.actionPlan.byComponent.map(\.key) == ["data-research", "prevention", "legislation-operations", "accountability"])
    #expect(result.actionPlan.byActor.map(\.key) == ["police", "border-guards", "ministries", "nhri", "river-police"])
    #expect(result.actionPlan.byHorizon.map(\.key) == ["short", "long"])
    #expect(result.actionPlan.byHorizon.first?.recommendations == ["REC-01", "REC-02", "REC-03"])
  }

  @Test("an actor a module declares is labelled with its title in the action plan")
  func declaredActorLabel() throws {
    let result = try #require(Self.assess(modules: ["alpha.evaluator.yaml", "beta.evaluator.yaml"]))
    let group = try #require(result.actionPlan.byActor.first { $0.key == "river-police" })
    #expect(group.recommendations == ["REC-02"])
    #expect(group.label == "River police")
    // Built-in actors keep their own names.
    #expect(result.actionPlan.byActor.first { $0.key == "border-guards" }?.label == "Border guards")
  }
}
