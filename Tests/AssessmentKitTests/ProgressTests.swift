import AssessmentKit
import Foundation
import Testing

/// `ProgressComparison` on Examplia's two rounds, and `CarryForward` with migrations, through the public API.
@Suite("Progress: compare and carry forward")
struct ProgressTests {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

  static func load(_ relative: String) -> LoadOutcome {
    DocumentLoader.load(path: root.appendingPathComponent(relative).path)
  }

  static func answers(_ relative: String) throws -> Document<AnswerSet> {
    let outcome = load(relative)
    guard case .answers(let document)? = outcome.document else { throw Failure("\(relative): \(outcome.diagnostics.map(\.text))") }
    return document
  }

  static func questionnaires(_ relatives: [String]) throws -> [CompiledQuestionnaire] {
    try relatives.map { relative in
      guard case .questionnaire(let document)? = load(relative).document else { throw Failure("\(relative) did not load") }
      return CompiledQuestionnaire(document.model)
    }
  }

  /// The shipped rules modules (the executable examples need a build of their own).
  static var rulesModules: [Catalog.Entry<EvaluatorManifest>] {
    Catalog.load(SearchPaths(toolkitHome: root.path)).modules.filter { $0.document.model.kind == .rules }
  }

  static var shipped: [String] {
    ((try? FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("Questionnaires").path)) ?? [])
      .filter { $0.hasSuffix(".yaml") }.sorted().map { "Questionnaires/" + $0 }
  }

  struct Failure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
  }

  @Test("Examplia's follow-up: BM-D.3 regressed, BM-C.2 improved and is no longer critical, the border level rose, recommendations done")
  func exampliaProgress() throws {
    let compiled = try Self.questionnaires(Self.shipped)
    let runner = AssessmentRunner(questionnaires: compiled, modules: Self.rulesModules, toolkitVersion: "test")
    let baseline = runner.assess(try Self.answers("Examples/examplia/national-baseline.answers.yaml"))
    let followUp = runner.assess(try Self.answers("Examples/examplia/national-followup-2027.answers.yaml"))
    let comparison = ProgressComparison.compare(baseline: baseline, followUp: followUp, questionnaires: compiled)
    let border = try #require(comparison.areas.first { $0.questionnaire == "border-management" })
    #expect(border.regressed == ["BM-D.3"])
    #expect(border.improved.contains("BM-C.2"))
    #expect(border.resolvedCritical == ["BM-C.2"])
    #expect(border.newlyCritical.isEmpty)
    #expect(border.levelChange == 1)
    let regression = try #require(border.items.first { $0.id == "BM-D.3" })
    #expect(regression.change == .regressed && (regression.levelChange ?? 0) < 0)
    // Section C rose from level 1 to 2 of a target of 3: half the way.
    let force = try #require(border.sections.first { $0.id == "BM-C" })
    #expect(force.levelChange == 1 && force.progressToDate == 0.5)
    // Area: Σ(now − then) / Σ(target − then) over the sections below target.
    let below = border.sections.filter { ($0.target ?? 0) > ($0.baselineLevel ?? 99) }
    let expected = Double(below.map { ($0.followUpLevel ?? 0) - ($0.baselineLevel ?? 0) }.reduce(0, +))
      / Double(below.map { ($0.target ?? 0) - ($0.baselineLevel ?? 0) }.reduce(0, +))
    #expect(border.progressToDate == expected)
    #expect(comparison.recommendations.done.contains { $0.title.hasPrefix("Require independent investigation of every death") })
    #expect(border.followUp?.percentToTarget == followUp.areas.first { $0.questionnaire == "border-management" }?.percentToTarget)
  }

  @Test("recommendations are matched across rounds by the findings behind them")
  func recommendationsMatched() throws {
    let compiled = try Self.questionnaires(Self.shipped)
    let runner = AssessmentRunner(questionnaires: compiled, modules: Self.rulesModules, toolkitVersion: "test")
    let baseline = runner.assess(try Self.answers("Examples/examplia/national-baseline.answers.yaml"))
    var followUp = baseline
    let dropped = try #require(followUp.recommendations.first)
    followUp.recommendations.removeFirst()
    let comparison = ProgressComparison.compare(baseline: baseline, followUp: followUp, questionnaires: compiled)
    #expect(comparison.recommendations.done.map(\.title) == [dropped.title])
    #expect(comparison.recommendations.open.count == baseline.recommendations.count - 1)
    #expect(comparison.recommendations.new.isEmpty)
    #expect(comparison.areas.allSatisfy { $0.improved.isEmpty && $0.regressed.isEmpty })
  }

  static let fixtures = "Tests/AssessCLITests/Fixtures/carry-forward/"

  @Test("carry forward follows the migration: renamed items and options move, removed and unmapped ones are reported")
  func carryThroughMigration() throws {
    let compiled = try Self.questionnaires([Self.fixtures + "drills-1.0.0.questionnaire.yaml", Self.fixtures + "drills-2.0.0.questionnaire.yaml"])
    let baseline = try Self.answers(Self.fixtures + "drills-baseline.answers.yaml")
    let outcome = CarryForward.carry(baseline, questionnaires: compiled, round: "follow-up-2027")
    #expect(outcome.carried == 3)
    #expect(outcome.problems.map(\.code) == [.carryNotCarried, .carryNotCarried])
    #expect(outcome.problems.map(\.location.line) == [17, 19])
    #expect(outcome.problems.first?.text.contains("removed in version 2.0.0") == true)
    #expect(outcome.problems.last?.hint?.contains("`d5: NEW-ID`") == true)
    let text = try #require(outcome.text)
    let written = DocumentLoader.load(SourceText(path: "followup.answers.yaml", text: text))
    guard case .answers(let followUp)? = written.document else {
      Issue.record("not loaded: \(written.diagnostics.map(\.text))\n\(text)")
      return
    }
    #expect(AnswersValidator.validate(followUp, against: compiled).isEmpty)
    let block = try #require(followUp.model.questionnaires.first)
    #expect(block.version.value == "2.0.0")
    #expect(block.answers.map(\.itemID.value) == ["D-1", "d2", "d4"])
    #expect(block.answer("d2")?.value.map { if case .single(let value) = $0 { value.value } else { "" } } == "partly")
    #expect(block.answer("D-1")?.evidence == ["Drill manual 2024"])
    #expect(followUp.model.respondent.round == "follow-up-2027")
    #expect(followUp.model.respondent.date == nil)
    #expect(text.contains("# Not carried, to answer afresh: d3, d5."))
  }

  @Test("answers to another major version with no migration from it are not carried at all")
  func noMigration() throws {
    let compiled = try Self.questionnaires([Self.fixtures + "drills-2.0.0.questionnaire.yaml"])
    let outcome = DocumentLoader.load(
      SourceText(
        path: "old.answers.yaml",
        text: "schema: assess/answers@1\nrespondent: {country: Examplia}\nquestionnaires:\n  - id: drills\n    version: 0.9.0\n    answers: {d1: \"2\"}\n"))
    guard case .answers(let document)? = outcome.document else {
      Issue.record("not loaded")
      return
    }
    let carried = CarryForward.carry(document, questionnaires: compiled, round: nil)
    #expect(carried.text == nil)
    #expect(carried.problems.map(\.code) == [.carryNotCarried])
    #expect(carried.problems.first?.severity == .error)
    #expect(carried.problems.first?.location == SourceLocation(file: "old.answers.yaml", line: 5, column: 14))
  }

  @Test("a migration's `from` names a version or a prefix of one", arguments: [
    ("1", "1.2.3", true), ("1", "10.0.0", false), ("0.1", "0.1.5", true), ("0.1", "0.10.0", false),
    ("1.0.0", "1.0.0", true), ("1.0.0", "1.0.1", false), ("2", "2.0.0-draft", true),
  ])
  func migrationApplies(_ from: String, _ version: String, _ applies: Bool) throws {
    let text = """
      schema: assess/questionnaire@1
      id: x
      version: 9.0.0
      title: X
      scales:
        - id: s
          options: [{value: "yes", label: "Yes", score: 1}]
      sections:
        - {id: A, title: A, items: [{id: a, text: A, scale: s}]}
      migrations:
        - from: "\(from)"
      """
    guard case .questionnaire(let document)? = DocumentLoader.load(SourceText(path: "x.yaml", text: text)).document else {
      Issue.record("not loaded")
      return
    }
    let migration = try #require(document.model.migrations.first)
    #expect(migration.applies(to: version) == applies)
  }

  @Test("migrations that cannot work are reported where they are written")
  func invalidMigrations() throws {
    let outcome = Self.load(Self.fixtures + "bad-migration.questionnaire.yaml")
    guard case .questionnaire(let document)? = outcome.document else {
      Issue.record("not loaded: \(outcome.diagnostics.map(\.text))")
      return
    }
    let problems = QuestionnaireValidator.validate(document).filter { $0.severity == .error }
    let found = problems.map { "\($0.location.line):\($0.location.column) \($0.code)" }
    #expect(
      found.sorted() == [
        "24:7 migration.invalid", "25:11 ref.unknown-item", "27:22 migration.invalid", "28:11 migration.invalid",
        "8:27 number.out-of-range",
      ].sorted(), "\(problems.map(\.text))")
  }
}
