import EvaluatorProtocol
import Foundation

/// The checks `assess plugin test` runs on a module: its manifest, its rules or its protocol
/// conformance, and its content tests. Each check passes or fails with a reason.
public struct ModuleCheckReport: Hashable, Sendable, Codable {
  public struct Check: Hashable, Sendable, Codable {
    public var name: String
    public var passed: Bool
    /// What was seen: the reason for a failure, the detail of a pass.
    public var detail: String
  }

  public var module: String
  public var version: String
  public var kind: String
  public var checks: [Check]

  public var passed: Int { checks.count { $0.passed } }
  public var failed: Int { checks.count { !$0.passed } }
}

public enum ModuleCheck {
  /// Checks the module in `folder` (a folder holding `evaluator.yaml`).
  ///
  /// - Parameters:
  ///   - questionnaires: the questionnaires known to this run; the module is checked against
  ///     those it applies to.
  public static func run(folder: String, questionnaires: [CompiledQuestionnaire], toolkitVersion: String) -> ModuleCheckReport {
    let manifestPath = FileDiscovery.join(folder, "evaluator.yaml")
    let outcome = DocumentLoader.load(path: manifestPath)
    guard case .evaluator(let document)? = outcome.document else {
      return ModuleCheckReport(
        module: folder, version: "", kind: "",
        checks: [Check(name: "manifest is valid", passed: false, detail: firstLines(outcome.diagnostics, fallback: "no evaluator.yaml here"))])
    }
    let manifest = document.model
    var report = ModuleCheckReport(module: manifest.id.value, version: manifest.version.value, kind: manifest.kind.rawValue, checks: [])
    let diagnostics = (outcome.diagnostics + EvaluatorValidator.validate(document, against: questionnaires)).filter { $0.severity == .error }
    report.checks.append(Check(name: "manifest is valid", passed: diagnostics.isEmpty, detail: firstLines(diagnostics, fallback: manifestPath)))
    let applicable = questionnaires.filter { manifest.applies(to: $0.questionnaire.id.value, version: $0.questionnaire.parsedVersion) }
    if applicable.isEmpty {
      report.checks.append(
        Check(name: "applies to a known questionnaire", passed: false, detail: "none of its `applies_to` entries matches a questionnaire found"))
    }
    switch manifest.kind {
    case .rules:
      for questionnaire in applicable {
        let evaluator = RulesEvaluator(manifest: manifest, questionnaire: questionnaire, peers: applicable)
        let name = "rules check against \(questionnaire.questionnaire.id.value) \(questionnaire.questionnaire.version.value)"
        let running = manifest.rules.filter { $0.runs(in: questionnaire.questionnaire.id.value) }.count
        report.checks.append(
          Check(name: name, passed: evaluator.problem == nil, detail: evaluator.problem ?? (running == 1 ? "1 rule" : "\(running) rules")))
      }
    case .executable:
      report.checks += ConformanceKit.run(document: document, questionnaires: applicable, toolkitVersion: toolkitVersion)
    }
    report.checks += contentTests(folder: folder, entry: Catalog.Entry(document: document, origin: .argument), questionnaires: questionnaires, toolkitVersion: toolkitVersion)
    return report
  }

  /// Each `tests/*.yaml` of the module: the findings it raises on the answers must be exactly
  /// those the test expects.
  static func contentTests(
    folder: String, entry: Catalog.Entry<EvaluatorManifest>, questionnaires: [CompiledQuestionnaire], toolkitVersion: String
  ) -> [ModuleCheckReport.Check] {
    let tests = FileDiscovery.yamlFiles(in: FileDiscovery.join(folder, "tests")).compactMap { path -> Document<ModuleTest>? in
      if case .moduleTest(let test)? = DocumentLoader.load(path: path).document { return test }
      return nil
    }
    guard !tests.isEmpty else {
      return [Check(name: "content tests", passed: false, detail: "no tests/*.yaml with `schema: assess/module-test@1`; add one per case the module must get right")]
    }
    let runner = AssessmentRunner(questionnaires: questionnaires, modules: [entry], toolkitVersion: toolkitVersion)
    defer { runner.finish() }
    return tests.map { test in
      let name = "test \(((test.path as NSString).lastPathComponent as NSString).deletingPathExtension)"
      let problems = ModuleTestValidator.validate(test).filter { $0.severity == .error }
      guard problems.isEmpty else { return Check(name: name, passed: false, detail: firstLines(problems, fallback: "")) }
      let answersPath = ModuleTestValidator.resolvedAnswersPath(test)
      let loaded = DocumentLoader.load(path: answersPath)
      guard case .answers(let answers)? = loaded.document, !loaded.diagnostics.hasErrors else {
        return Check(name: name, passed: false, detail: "its answers file does not load: " + firstLines(loaded.diagnostics, fallback: answersPath))
      }
      let result = runner.assess(answers)
      if let failure = result.modules.first(where: { $0.status == .failed }) {
        return Check(name: name, passed: false, detail: failure.error ?? "the module failed")
      }
      let raised = Set(result.findings.filter { $0.module == entry.document.model.id.value }.map(\.rule))
      let expected = Set(test.model.expectFindings.map(\.value))
      let missing = expected.subtracting(raised).sorted()
      let unexpected = raised.subtracting(expected).sorted()
      if missing.isEmpty && unexpected.isEmpty {
        return Check(name: name, passed: true, detail: expected.isEmpty ? "no finding, as expected" : expected.sorted().joined(separator: ", "))
      }
      let parts = (missing.isEmpty ? [] : ["missing " + missing.joined(separator: ", ")]) + (unexpected.isEmpty ? [] : ["unexpected " + unexpected.joined(separator: ", ")])
      return Check(name: name, passed: false, detail: parts.joined(separator: "; "))
    }
  }

  typealias Check = ModuleCheckReport.Check

  static func firstLines(_ diagnostics: [Diagnostic], fallback: String) -> String {
    guard !diagnostics.isEmpty else { return fallback }
    let shown = diagnostics.sorted().prefix(3).map { "\($0.location): \($0.text) [\($0.code)]" }
    return shown.joined(separator: "; ") + (diagnostics.count > 3 ? "; and \(diagnostics.count - 3) more" : "")
  }
}
