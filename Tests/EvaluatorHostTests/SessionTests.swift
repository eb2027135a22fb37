import AssessmentKit
import EvaluatorProtocol
import Foundation
import Testing

@Suite("Module sessions")
struct SessionTests {
  @Test func oneProcessServesManyRequests() throws {
    let session = try Fixtures.session("ok")
    defer { session.shutdown() }
    try session.start()
    let pid = try #require(session.processID)
    for number in 1...200 {
      let result = try session.evaluate(Fixtures.smallRequest(id: "r\(number)")).get()
      #expect(result.requestId == "r\(number)")
      // The module names its own pid and how many requests it has seen.
      #expect(result.findings.map(\.id) == ["P\(pid)"])
      #expect(result.findings.first?.summary == "request \(number)")
    }
    #expect(session.spawnCount == 1)
    #expect(session.processID == pid)
    #expect(session.protocolVersion == 1)
    #expect(session.reportedIdentity == ModuleIdentity(id: "org.test.ok", version: "1.0.0"))
  }

  @Test func contentErrorLeavesTheSessionUsable() throws {
    let session = try Fixtures.session("error-then-ok")
    defer { session.shutdown() }
    try session.start()
    let failure = try #require(session.evaluate(Fixtures.smallRequest(id: "first")).failure)
    #expect(failure.kind == .contentError)
    #expect(failure.message == "module org.test.error-then-ok could not evaluate request first: cannot read answer BM-A.1")
    let result = try session.evaluate(Fixtures.smallRequest(id: "second")).get()
    #expect(result.findings.map(\.items) == [["BM-A.1"]])
    #expect(session.spawnCount == 1)
  }

  @Test func environmentIsScrubbedAndTheDirectoryFresh() throws {
    let session = try Fixtures.session("environment")
    try session.start()
    let directory = try #require(session.workingDirectory)
    let result = try session.evaluate(Fixtures.smallRequest()).get()
    let summary = try #require(result.findings.first?.summary)
    let report = try JSONDecoder().decode(EnvironmentReport.self, from: Data(summary.utf8))
    #expect(
      report.env == [
        "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "HOME": directory, "ASSESS_PROTOCOL_VERSIONS": "1",
      ])
    #expect(URL(fileURLWithPath: report.cwd).resolvingSymlinksInPath() == URL(fileURLWithPath: directory).resolvingSymlinksInPath())
    #expect(report.entries.isEmpty)
    #expect(report.argv == ["environment", "org.test.environment"])
    #expect(report.pgid_is_pid, "the module should lead its own process group")
    session.shutdown()
    #expect(!FileManager.default.fileExists(atPath: directory), "the working directory should be removed")
  }

  struct EnvironmentReport: Decodable {
    var env: [String: String]
    var cwd: String
    var entries: [String]
    var argv: [String]
    var pgid_is_pid: Bool
  }

  @Test func eachSessionGetsItsOwnDirectory() throws {
    let first = try Fixtures.session("ok")
    let second = try Fixtures.session("ok")
    defer {
      first.shutdown()
      second.shutdown()
    }
    try first.start()
    try second.start()
    #expect(first.workingDirectory != nil)
    #expect(first.workingDirectory != second.workingDirectory)
    #expect(first.processID != second.processID)
  }

  @Test func shutdownEndsTheModule() throws {
    let session = try Fixtures.session("ok")
    try session.start()
    let pid = try #require(session.processID)
    _ = try session.evaluate(Fixtures.smallRequest()).get()
    session.shutdown()
    #expect(!session.isRunning)
    #expect(processIsGone(pid))
    #expect(session.evaluate(Fixtures.smallRequest()).failure?.kind == .startFailed)
  }

  @Test func aModuleIgnoringShutdownIsKilled() throws {
    let session = try Fixtures.session("ignore-shutdown")
    try session.start()
    let pid = try #require(session.processID)
    session.shutdown()
    #expect(!session.isRunning)
    #expect(processIsGone(pid))
  }

  @Test func evaluateBeforeStartFails() throws {
    let session = try Fixtures.session("ok")
    let failure = try #require(session.evaluate(Fixtures.smallRequest()).failure)
    #expect(failure.kind == .startFailed)
    #expect(failure.message.contains("was not started"))
    #expect(session.spawnCount == 0)
  }

  @Test func stderrIsDrainedWhileWaitingAndKeptCapped() throws {
    // Each answer follows 1.2 MB of stderr: far more than a pipe holds, so the host must read
    // stderr while it waits or both sides would block.
    let session = try Fixtures.session("stderr-flood")
    defer { session.shutdown() }
    try session.start()
    for number in 1...3 {
      #expect(throws: Never.self) { try session.evaluate(Fixtures.smallRequest(id: "r\(number)")).get() }
    }
    let log = session.log
    #expect(log.hasPrefix("[… "))
    #expect(log.contains("noise noise"))
    #expect(log.utf8.count < 64 * 1024 + 100)
  }

  @Test func largeRequestsAreWrittenWhileRepliesAreRead() throws {
    // About 3 MB of request: many times the pipe's buffer.
    let session = try Fixtures.session("ok")
    defer { session.shutdown() }
    try session.start()
    let request = Fixtures.smallRequest(id: "big", items: 20_000)
    let result = try session.evaluate(request).get()
    #expect(result.findings.first?.items == ["BM-A.1"])
  }

  @Test func aModuleMustRefuseAVersionItDoesNotSpeak() throws {
    let path = ExampleModuleTests.pythonModule.appendingPathComponent("evaluator.yaml").path
    let session = ExecutableModuleSession(
      manifest: try Fixtures.manifest(at: path), manifestPath: path, toolkitVersion: "0.0.0-test", offeredVersions: [99])
    let failure = try #require(#expect(throws: EvaluatorFailure.self) { try session.start() })
    #expect(failure.kind == .noCommonVersion)
    #expect(failure.message == "module org.example.unanswered-critical speaks protocol 1; this toolkit speaks 99 — upgrade one of them")
    #expect(session.spawnCount == 1)
  }

  @Test func malformedRequestProbe() throws {
    let answering = try Fixtures.session(manifestPath: ExampleModuleTests.pythonModule.appendingPathComponent("evaluator.yaml").path)
    try answering.start()
    let answered = answering.sendMalformedRequest()
    #expect(answered.passed)
    #expect(answered.detail.hasPrefix("answered evaluateError"))
    #expect(answering.isRunning)
    answering.shutdown()

    let exiting = try Fixtures.session("exit-mid-request")
    try exiting.start()
    let exited = exiting.sendMalformedRequest()
    #expect(exited.passed)
    #expect(exited.detail == "exited (exited with status 0)")
    #expect(!exiting.isRunning)

    let hanging = try Fixtures.session("hang-on-evaluate")
    try hanging.start()
    let hung = hanging.sendMalformedRequest()
    #expect(!hung.passed)
    #expect(hung.detail.contains("neither answered nor exited within 1 s"))
    #expect(hanging.failure?.kind == .timeout)
  }
}
