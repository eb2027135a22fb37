import AssessmentKit
import EvaluatorProtocol
import Foundation
import Testing

/// The two executable modules shipped under `Plugins/`, run on the Examplia border police answers.
@Suite("Shipped example modules")
struct ExampleModuleTests {
  static let pythonModule = Fixtures.packageRoot.appendingPathComponent("Plugins/org.example.unanswered-critical")
  static let swiftModule = Fixtures.packageRoot.appendingPathComponent("Plugins/org.example.gap-ranker")

  @Test func pythonExampleAnswersTheGoldenRequest() throws {
    let session = try Fixtures.session(manifestPath: Self.pythonModule.appendingPathComponent("evaluator.yaml").path)
    defer { session.shutdown() }
    try session.start()
    let result = try session.evaluate(Fixtures.goldenRequest()).get()
    let expected = try Fixtures.decode(
      EvaluateResult.self, from: Fixtures.requests.appendingPathComponent("border-police.unanswered-critical.result.json"))
    #expect(result == expected)
    #expect(session.validate(result, for: try Fixtures.goldenRequest()).isEmpty)
  }

  @Test func pythonExampleFlagsCriticalSafeguardsThatCannotBeAssessed() throws {
    var request = try Fixtures.goldenRequest()
    for index in request.items.indices where ["BM-A.2", "BM-D.1"].contains(request.items[index].id) {
      request.items[index].status = request.items[index].id == "BM-A.2" ? .unknown : .unanswered
      request.items[index].value = nil
      request.items[index].score = nil
    }
    let session = try Fixtures.session(manifestPath: Self.pythonModule.appendingPathComponent("evaluator.yaml").path)
    defer { session.shutdown() }
    try session.start()
    let result = try session.evaluate(request).get()
    #expect(result.findings.map(\.id) == ["UC-BM-A.2", "UC-BM-D.1", "UC-dont-know"])
    #expect(result.findings.prefix(2).allSatisfy { $0.severity == "high" })
    #expect(result.findings.first?.summary == "Critical item BM-A.2 (section BM-A) was answered \"don't know\".")
  }

  /// A copy of the Swift module's folder whose bin/gap-ranker is the binary of this very build,
  /// so the tests never run a stale one from another build directory.
  static func swiftModuleFolder() throws -> URL {
    let products = try #require(
      Fixtures.productsDirectory, "gap-ranker-evaluator is not among this build's products; build it with the tests")
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gap-ranker-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder.appendingPathComponent("bin"), withIntermediateDirectories: true)
    try FileManager.default.copyItem(
      at: swiftModule.appendingPathComponent("evaluator.yaml"), to: folder.appendingPathComponent("evaluator.yaml"))
    try FileManager.default.createSymbolicLink(
      at: folder.appendingPathComponent("bin/gap-ranker"),
      withDestinationURL: products.appendingPathComponent("gap-ranker-evaluator"))
    return folder
  }

  @Test func swiftExampleAnswersTheGoldenRequest() throws {
    let folder = try Self.swiftModuleFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let session = try Fixtures.session(manifestPath: folder.appendingPathComponent("evaluator.yaml").path)
    defer { session.shutdown() }
    try session.start()
    let request = try Fixtures.goldenRequest()
    let result = try session.evaluate(request).get()
    let expected = try Fixtures.decode(
      EvaluateResult.self, from: Fixtures.requests.appendingPathComponent("border-police.gap-ranker.result.json"))
    #expect(result == expected)
    #expect(result.findings.map(\.id) == ["GAP-BM-B", "GAP-BM-C", "GAP-BM-E", "GAP-BM-F"])

    // Another questionnaire is the module's own content problem: reported, and the session goes on.
    var other = request
    other.requestId = "other"
    other.questionnaire = QuestionnaireIdentity(id: "detention-monitoring", version: "1.0.0")
    let failure = try #require(session.evaluate(other).failure)
    #expect(failure.kind == .contentError)
    #expect(failure.message.hasSuffix("gap-ranker knows the sections of border-management only, not detention-monitoring"))
    #expect(try session.evaluate(request).get() == expected)
    // Its print() landed in the log, and the channel was not disturbed.
    #expect(session.log.contains("gap-ranker: request examplia-border-police-baseline: 4 section(s) below target"))
  }

  @Test func evaluatorKitRefusesVersionsItDoesNotSpeak() throws {
    let folder = try Self.swiftModuleFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let path = folder.appendingPathComponent("evaluator.yaml").path
    let session = ExecutableModuleSession(
      manifest: try Fixtures.manifest(at: path), manifestPath: path, toolkitVersion: "0.0.0-test", offeredVersions: [2, 3])
    let failure = try #require(#expect(throws: EvaluatorFailure.self) { try session.start() })
    #expect(failure.kind == .noCommonVersion)
    #expect(failure.message == "module org.example.gap-ranker speaks protocol 1; this toolkit speaks 2 and 3 — upgrade one of them")
  }

  @Test func evaluatorKitExitsOnARequestItCannotRead() throws {
    let folder = try Self.swiftModuleFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let session = try Fixtures.session(manifestPath: folder.appendingPathComponent("evaluator.yaml").path)
    try session.start()
    let outcome = session.sendMalformedRequest()
    #expect(outcome == ExecutableModuleSession.ProbeOutcome(passed: true, detail: "exited (exited with status 1)"))
    #expect(session.log.contains("org.example.gap-ranker: cannot read a message from the host"))
  }

  @Test func swiftExampleLauncherRunsTheBuildOrSaysHowToBuildIt() throws {
    let built = ["debug", "release"].contains { configuration in
      FileManager.default.isExecutableFile(
        atPath: Fixtures.packageRoot.appendingPathComponent(".build/\(configuration)/gap-ranker-evaluator").path)
    }
    let session = try Fixtures.session(manifestPath: Self.swiftModule.appendingPathComponent("evaluator.yaml").path)
    defer { session.shutdown() }
    if built {
      try session.start()
      #expect(session.reportedIdentity?.id == "org.example.gap-ranker")
      #expect(throws: Never.self) { try session.evaluate(Fixtures.goldenRequest()).get() }
    } else {
      let failure = try #require(#expect(throws: EvaluatorFailure.self) { try session.start() })
      #expect(failure.kind == .startFailed)
      #expect(failure.message.contains("exited with status 127 before answering hello"))
      #expect(failure.message.contains("run `swift build --product gap-ranker-evaluator`"))
    }
  }
}
