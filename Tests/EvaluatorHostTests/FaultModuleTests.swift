import AssessmentKit
import EvaluatorProtocol
import Foundation
import Testing

/// One misbehaving module, the step at which it misbehaves, and what the host must make of it.
struct FaultCase: Sendable, CustomTestStringConvertible {
  enum Step: Sendable { case start, evaluate }

  var module: String
  var step: Step
  var kind: EvaluatorFailure.Kind
  /// Words the message must hold, besides the module id.
  var says: String?

  var testDescription: String { "\(module) → \(kind.rawValue)" }

  static let all: [FaultCase] = [
    FaultCase(module: "crash-at-start", step: .start, kind: .startFailed, says: "exited with status 3 before answering hello: fault: crashing"),
    FaultCase(module: "missing-program", step: .start, kind: .startFailed, says: "does not exist"),
    FaultCase(module: "not-executable", step: .start, kind: .startFailed, says: "chmod +x bin/fault"),
    FaultCase(module: "bad-interpreter", step: .start, kind: .startFailed, says: "interpreter"),
    FaultCase(module: "wrong-id", step: .start, kind: .startFailed, says: "introduced itself as org.test.someone-else"),
    FaultCase(module: "hang-on-hello", step: .start, kind: .timeout, says: "did not answer hello within 1 s"),
    FaultCase(
      module: "protocol-99", step: .start, kind: .noCommonVersion,
      says: "speaks protocol 99; this toolkit speaks 1 — upgrade one of them"),
    FaultCase(
      module: "manifest-protocol-99", step: .start, kind: .noCommonVersion,
      says: "speaks protocol 99; this toolkit speaks 1 — upgrade one of them"),
    FaultCase(module: "choose-99", step: .start, kind: .noCommonVersion, says: "chose protocol 99"),
    FaultCase(module: "stdout-before-hello", step: .start, kind: .malformedMessage, says: "printed text to stdout (\"Starting the fault module...\")"),
    FaultCase(module: "garbage-stdout", step: .start, kind: .malformedMessage, says: "not a framed message"),
    FaultCase(module: "crash-mid-request", step: .evaluate, kind: .crashed, says: "killed by signal 11 (SIGSEGV) while answering request r1"),
    FaultCase(module: "exit-mid-request", step: .evaluate, kind: .crashed, says: "exited with status 0 while answering request r1"),
    FaultCase(module: "hang-on-evaluate", step: .evaluate, kind: .timeout, says: "did not answer request r1 within 1 s"),
    FaultCase(module: "garbage-frame", step: .evaluate, kind: .malformedMessage, says: "it is not valid JSON"),
    FaultCase(module: "nan", step: .evaluate, kind: .malformedMessage, says: "it is not valid JSON"),
    FaultCase(module: "wrong-request-id", step: .evaluate, kind: .malformedMessage, says: "answered request `r1-other` when `r1` was asked"),
    FaultCase(module: "huge-output", step: .evaluate, kind: .messageTooLarge, says: "104857600-byte message"),
    FaultCase(module: "announce-4gb", step: .evaluate, kind: .messageTooLarge, says: "4294967296-byte message"),
    FaultCase(module: "unknown-item", step: .evaluate, kind: .invalidOutput, says: "item `BM-Z.99` is not among the items"),
    FaultCase(module: "bad-severity", step: .evaluate, kind: .invalidOutput, says: #"severity "urgent" is not one of"#),
  ]
}

@Suite("Misbehaving modules")
struct FaultModuleTests {
  @Test(arguments: FaultCase.all)
  func failureIsReportedNeverPassed(_ fault: FaultCase) throws {
    let session = try Fixtures.session(fault.module)
    defer { session.shutdown() }
    let failure: EvaluatorFailure
    switch fault.step {
    case .start:
      failure = try #require(#expect(throws: EvaluatorFailure.self) { try session.start() })
    case .evaluate:
      try session.start()
      failure = try #require(session.evaluate(Fixtures.smallRequest()).failure)
    }
    #expect(failure.kind == fault.kind)
    #expect(failure.module == "org.test.\(fault.module)")
    #expect(failure.message.contains("module org.test.\(fault.module)"), "\(failure.message)")
    if let words = fault.says {
      #expect(failure.message.contains(words), "\(failure.message)")
    }

    let again = session.evaluate(Fixtures.smallRequest(id: "r2"))
    if fault.kind.keepsSession {
      // The channel is intact: the module is still there, and still answers (wrongly).
      #expect(session.isRunning)
      #expect(again.failure?.kind == fault.kind)
    } else {
      // Stopped for good: no process left, and every later call fails at once the same way.
      #expect(!session.isRunning)
      #expect(session.processID == nil)
      #expect(again.failure == failure)
      #expect(throws: failure) { try session.start() }
    }
  }

  @Test func startFailuresBeforeSpawningStartNothing() throws {
    for name in ["missing-program", "manifest-protocol-99"] {
      let session = try Fixtures.session(name)
      #expect(throws: EvaluatorFailure.self) { try session.start() }
      #expect(session.spawnCount == 0)
    }
  }

  @Test func crashReportKeepsTheModulesLastWords() throws {
    let session = try Fixtures.session("crash-mid-request")
    try session.start()
    let failure = try #require(session.evaluate(Fixtures.smallRequest()).failure)
    #expect(failure.logExcerpt.contains("fault: crashing in the middle of a request"))
    #expect(session.log.contains("fault: crashing in the middle of a request"))
  }

  @Test func timeoutKillsTheWholeProcessGroup() throws {
    let session = try Fixtures.session("hang-with-grandchild")
    try session.start()
    let failure = try #require(session.evaluate(Fixtures.smallRequest()).failure)
    #expect(failure.kind == .timeout)
    let line = try #require(session.log.split(separator: "\n").first { $0.hasPrefix("grandchild=") })
    let grandchild = try #require(Int32(line.dropFirst("grandchild=".count)))
    #expect(processIsGone(grandchild), "the module's own child \(grandchild) survived")
  }

  @Test func oversizedOutputIsCutOffAtTheHeader() throws {
    let session = try Fixtures.session("huge-output")
    try session.start()
    let pid = try #require(session.processID)
    let failure = try #require(session.evaluate(Fixtures.smallRequest()).failure)
    #expect(failure.kind == .messageTooLarge)
    // The module was killed while still writing: it cannot have delivered its 100 MB.
    #expect(processIsGone(pid))
  }
}
