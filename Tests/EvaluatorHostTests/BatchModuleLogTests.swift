import AssessmentKit
import Foundation
import Testing

/// An executable module's log in a batch: one process for every file, and each result shows
/// the lines written for its own file only.
@Suite("Executable module logs in a batch")
struct BatchModuleLogTests {
  @Test("each result carries its own file's log lines, from one process for the batch")
  func logPerFile() throws {
    let folder = try ExampleModuleTests.swiftModuleFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let catalog = Catalog.load(SearchPaths(toolkitHome: nil, pluginDirectories: [folder.path]))
    let questionnaire = Fixtures.packageRoot.appendingPathComponent("Questionnaires/border-management.yaml").path
    guard case .questionnaire(let document)? = DocumentLoader.load(path: questionnaire).document else {
      Issue.record("the border-management questionnaire did not load")
      return
    }
    let answers = Fixtures.packageRoot.appendingPathComponent("Examples/examplia/border-police.answers.yaml").path
    let batch = AssessmentBatch(
      questionnaires: [CompiledQuestionnaire(document.model)], modules: catalog.modules, toolkitVersion: "test", parallelism: 2)
    var logs: [String] = []
    try batch.run([answers, answers, answers]) { entry in
      let run = try #require(entry.result?.modules.first { $0.id == "org.example.gap-ranker" })
      #expect(run.status == .ok, "\(run.error ?? "")")
      logs.append(run.log ?? "")
    }
    // gap-ranker logs one line per request; requests are numbered across the batch's one process.
    #expect(logs.count == 3)
    for (index, log) in logs.enumerated() {
      #expect(log.contains("request r\(index + 1):"), "\(log)")
      for other in 1...3 where other != index + 1 {
        #expect(!log.contains("request r\(other):"), "\(log)")
      }
    }
  }
}
