import AssessmentKit
import Foundation
import Testing

/// Module content tests (`tests/*.yaml` in a module folder) and `ModuleCheck`, on a module
/// written to a temporary folder.
@Suite struct ModuleContentTestTests {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

  static let questionnaires: [CompiledQuestionnaire] = {
    let path = root.appendingPathComponent("Questionnaires/border-management.yaml").path
    guard case .questionnaire(let document)? = DocumentLoader.load(path: path).document else { return [] }
    return [CompiledQuestionnaire(document.model)]
  }()

  private func makeModule(test: String) throws -> String {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("module-test-\(UUID().uuidString)").path
    let module = Self.root.appendingPathComponent("Plugins/org.unodc.border-management/evaluator.yaml").path
    try FileManager.default.createDirectory(atPath: folder + "/tests", withIntermediateDirectories: true)
    try FileManager.default.copyItem(atPath: module, toPath: folder + "/evaluator.yaml")
    let answers = Self.root.appendingPathComponent("Examples/examplia/border-police.answers.yaml").path
    try FileManager.default.copyItem(atPath: answers, toPath: folder + "/tests/examplia.answers.yaml")
    try Data(test.utf8).write(to: URL(fileURLWithPath: folder + "/tests/case.yaml"))
    return folder
  }

  @Test func aTestExpectingAnUnknownRuleIsReportedWhereTheIDIsWritten() throws {
    let folder = try makeModule(
      test: "schema: assess/module-test@1\nanswers: examplia.answers.yaml\nexpect_findings: [BM-R02, BM-R99]\n")
    defer { try? FileManager.default.removeItem(atPath: folder) }
    guard case .moduleTest(let document)? = DocumentLoader.load(path: folder + "/tests/case.yaml").document else {
      Issue.record("the test file did not load as a module test")
      return
    }
    let diagnostics = ModuleTestValidator.validate(document)
    #expect(diagnostics.map(\.code) == [.refUnknownRule])
    #expect(diagnostics.first?.location.line == 3)
    #expect(diagnostics.first?.location.column == 27)
    #expect(diagnostics.first?.hint == "did you mean `BM-R09`?" || diagnostics.first?.hint?.contains("BM-R") == true)
  }

  @Test func aMissingAnswersFileIsReported() throws {
    let folder = try makeModule(test: "schema: assess/module-test@1\nanswers: nowhere.answers.yaml\nexpect_findings: []\n")
    defer { try? FileManager.default.removeItem(atPath: folder) }
    guard case .moduleTest(let document)? = DocumentLoader.load(path: folder + "/tests/case.yaml").document else {
      Issue.record("the test file did not load as a module test")
      return
    }
    let diagnostics = ModuleTestValidator.validate(document)
    #expect(diagnostics.map(\.code) == [.fileUnreadable])
    #expect(diagnostics.first?.location.line == 2)
  }

  @Test func theCheckPassesWhenTheFindingsMatchAndNamesWhatDiffersWhenNot() throws {
    let passing = try makeModule(
      test: "schema: assess/module-test@1\nanswers: examplia.answers.yaml\nexpect_findings: [BM-R02, BM-R08, BM-R11, BM-R12]\n")
    defer { try? FileManager.default.removeItem(atPath: passing) }
    let good = ModuleCheck.run(folder: passing, questionnaires: Self.questionnaires, toolkitVersion: "test")
    #expect(good.failed == 0, "\(good.checks.filter { !$0.passed })")
    #expect(good.checks.contains { $0.name == "test case" && $0.passed })

    let failing = try makeModule(
      test: "schema: assess/module-test@1\nanswers: examplia.answers.yaml\nexpect_findings: [BM-R01, BM-R02, BM-R08, BM-R11]\n")
    defer { try? FileManager.default.removeItem(atPath: failing) }
    let bad = ModuleCheck.run(folder: failing, questionnaires: Self.questionnaires, toolkitVersion: "test")
    let check = try #require(bad.checks.first { $0.name == "test case" })
    #expect(!check.passed)
    #expect(check.detail == "missing BM-R01; unexpected BM-R12")
  }
}
