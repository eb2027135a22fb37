import AssessmentReports
import Foundation
import Testing
@testable import AssessmentKit

/// `AssessmentBatch`: the same results, in the same order, as scoring the files one after
/// another, whatever the parallelism; problems reported per file; the policy after an error.
@Suite("AssessmentBatch")
struct AssessmentBatchTests {
  /// The toolkit's questionnaires and rules modules (the executable examples need builds and
  /// python3, and the runner tests cover them).
  static let catalog = Catalog.load(SearchPaths(toolkitHome: packageRoot))
  static let questionnaires = catalog.questionnaires.map { CompiledQuestionnaire($0.document.model) }
  static let rulesModules = catalog.modules.filter { $0.document.model.kind == .rules }

  static var exampliaAnswers: [String] {
    FileDiscovery.yamlFiles(in: packageRoot + "/Examples/examplia").filter { $0.hasSuffix(".answers.yaml") }
  }

  /// Each file scored alone by one runner, in order: what the batch must reproduce.
  static func sequentialJSON(_ paths: [String]) throws -> [String] {
    let runner = AssessmentRunner(questionnaires: questionnaires, modules: rulesModules, toolkitVersion: "test")
    defer { runner.finish() }
    return try paths.map { path in
      guard case .answers(let document)? = DocumentLoader.load(path: path).document else { throw LoadFailure(description: path) }
      return try ResultJSON.render([runner.assess(document)])
    }
  }

  static func batch(parallelism: Int) -> AssessmentBatch {
    AssessmentBatch(questionnaires: questionnaires, modules: rulesModules, toolkitVersion: "test", parallelism: parallelism)
  }

  @Test("the batch gives the sequential runner's results in input order", arguments: [1, 2, 3, 8])
  func sameResultsInOrder(parallelism: Int) throws {
    // Enough files to fill the window several times over, each answers file more than once.
    let paths = Array(repeating: Self.exampliaAnswers, count: 6).flatMap { $0 }
    #expect(paths.count >= 40)
    let expected = try Self.sequentialJSON(paths)
    var indices: [Int] = []
    var rendered: [String] = []
    try Self.batch(parallelism: parallelism).run(paths) { entry in
      indices.append(entry.index)
      #expect(entry.path == paths[entry.index])
      #expect(entry.kind == .answers)
      #expect(!entry.hasErrors, "\(entry.diagnostics)")
      rendered.append(try ResultJSON.render([try #require(entry.result)]))
    }
    #expect(indices == Array(paths.indices))
    #expect(rendered == expected)
  }

  @Test("problems are reported with their file; the policy decides what is scored after an error")
  func errorsAndPolicy() throws {
    let folder = try makeTemporaryFolder()
    defer { removeTemporaryFolder(folder) }
    let good = Self.exampliaAnswers[0]
    let original = try String(contentsOfFile: packageRoot + "/Examples/examplia/border-police.answers.yaml", encoding: .utf8)
    let broken = folder + "/broken.answers.yaml"
    try original.replacingOccurrences(of: "BM-A.4: yes", with: "BM-A.4: perhaps").write(toFile: broken, atomically: true, encoding: .utf8)
    let missing = folder + "/missing.answers.yaml"
    let questionnaire = packageRoot + "/Questionnaires/border-management.yaml"
    let paths = [good, broken, questionnaire, missing, good]

    var everyValid: [AssessmentBatch.Entry] = []
    try Self.batch(parallelism: 2).run(paths, policy: .scoreEveryValidFile) { everyValid.append($0) }
    #expect(everyValid.map(\.index) == [0, 1, 2, 3, 4])
    #expect(everyValid.map { $0.result != nil } == [true, false, false, false, true])
    #expect(everyValid.map(\.kind) == [.answers, .answers, .questionnaire, nil, .answers])
    #expect(everyValid[1].diagnostics.contains { $0.severity == .error && $0.location.file == broken && $0.text.contains("perhaps") })
    #expect(everyValid[3].diagnostics.map(\.code) == [.fileUnreadable])
    #expect(everyValid[2].diagnostics.isEmpty && everyValid[0].diagnostics.isEmpty)

    var stopping: [AssessmentBatch.Entry] = []
    try Self.batch(parallelism: 2).run(paths, policy: .stopScoringAtFirstError) { stopping.append($0) }
    #expect(stopping.map { $0.result != nil } == [true, false, false, false, false])
    // Later files are still checked.
    #expect(stopping[3].diagnostics.map(\.code) == [.fileUnreadable])
  }

  @Test("an error thrown while handling an entry stops the batch and comes back to the caller")
  func handlerErrorStops() {
    struct Stop: Error {}
    let paths = Array(repeating: Self.exampliaAnswers, count: 4).flatMap { $0 }
    var handled = 0
    #expect(throws: Stop.self) {
      try Self.batch(parallelism: 2).run(paths) { _ in
        handled += 1
        if handled == 3 { throw Stop() }
      }
    }
    #expect(handled == 3)
  }

  @Test("results rendered on the workers come back beside their entries, in order", arguments: [1, 3])
  func renderedInOrder(parallelism: Int) throws {
    let paths = Array(repeating: Self.exampliaAnswers, count: 4).flatMap { $0 }
    var rendered: [String] = []
    try Self.batch(parallelism: parallelism).run(paths, render: { try ResultJSON.render([$0]) }) { entry, text in
      #expect(entry.result != nil)
      rendered.append(try #require(text))
    }
    #expect(rendered == (try Self.sequentialJSON(paths)))
  }

  @Test("an error thrown while rendering comes back in place of that entry, after the earlier ones")
  func renderErrorInOrder() {
    struct Unrenderable: Error {}
    let paths = Array(repeating: Self.exampliaAnswers, count: 3).flatMap { $0 }
    let failing = paths.count / 2
    var handled: [Int] = []
    #expect(throws: Unrenderable.self) {
      try Self.batch(parallelism: 2).run(
        paths,
        render: { result in
          if result.source == paths[failing] { throw Unrenderable() }
          return result.source
        }
      ) { entry, _ in handled.append(entry.index) }
    }
    // The first path appears again later, so the first failing copy stops the batch.
    let firstFailing = paths.firstIndex(of: paths[failing])!
    #expect(handled == Array(0..<firstFailing))
  }

  @Test("an empty batch calls nothing")
  func emptyBatch() throws {
    var called = false
    try Self.batch(parallelism: 2).run([]) { _ in called = true }
    #expect(!called)
  }
}

/// `ResultJSONWriter` writes the bytes `ResultJSON.render` gives for the same results.
@Suite("ResultJSONWriter")
struct ResultJSONWriterTests {
  @Test("streamed JSON is byte for byte the whole document", arguments: [0, 1, 2, 5])
  func byteIdentical(count: Int) throws {
    let paths = Array(AssessmentBatchTests.exampliaAnswers.prefix(count))
    var results: [AssessmentResult] = []
    try AssessmentBatchTests.batch(parallelism: 2).run(paths) { entry in
      if let result = entry.result { results.append(result) }
    }
    #expect(results.count == count)
    var streamed: [UInt8] = []
    let writer = ResultJSONWriter { streamed += $0 }
    for result in results { try writer.write(result) }
    try writer.finish()
    #expect(writer.count == count)
    let whole = try ResultJSON.render(results)
    #expect(String(decoding: streamed, as: UTF8.self) == whole)
    // Blank lines inside empty lists stay blank rather than indented.
    #expect(!whole.contains("\n    \n"))
  }
}
