import AssessmentKit
import EvaluatorProtocol
import Foundation
import Testing

/// Paths and builders shared by the tests. Fixtures are reached from this file's path, so the
/// modules run from the source tree where their `bin/` scripts keep their executable bit.
enum Fixtures {
  static let testsDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
  static let packageRoot = testsDirectory.deletingLastPathComponent().deletingLastPathComponent()
  static let modules = testsDirectory.appendingPathComponent("Fixtures/modules")
  static let requests = testsDirectory.appendingPathComponent("Fixtures/requests")

  /// The manifest path of a fault module under `Fixtures/modules/`.
  static func faultModule(_ name: String) -> String {
    modules.appendingPathComponent(name).appendingPathComponent("evaluator.yaml").path
  }

  static func manifest(at path: String) throws -> EvaluatorManifest {
    let outcome = DocumentLoader.load(path: path)
    guard case .evaluator(let document)? = outcome.document else {
      throw FixtureError("\(path) is not an evaluator manifest: \(outcome.diagnostics)")
    }
    return document.model
  }

  static func session(_ name: String) throws -> ExecutableModuleSession {
    try session(manifestPath: faultModule(name))
  }

  static func session(manifestPath path: String) throws -> ExecutableModuleSession {
    ExecutableModuleSession(manifest: try manifest(at: path), manifestPath: path, toolkitVersion: "0.0.0-test")
  }

  /// The request for `Examples/examplia/border-police.answers.yaml` under the national profile.
  static func goldenRequest() throws -> EvaluateRequest {
    try decode(EvaluateRequest.self, from: requests.appendingPathComponent("border-police.request.json"))
  }

  static func decode<Value: Decodable>(_ type: Value.Type, from url: URL) throws -> Value {
    try JSONDecoder().decode(type, from: Data(contentsOf: url))
  }

  /// A small request: two items of one section.
  static func smallRequest(id: String = "r1", items count: Int = 2) -> EvaluateRequest {
    let items = (1...count).map { index in
      ItemState(
        id: "BM-A.\(index)", section: "BM-A", type: "choice", critical: index == 1, weight: 1, status: .answered,
        value: .text("partial"), score: 0.5, level: nil, deficient: false)
    }
    return EvaluateRequest(
      requestId: id, questionnaire: QuestionnaireIdentity(id: "border-management", version: "0.1.0"), language: "en",
      respondent: RespondentSummary(country: "Examplia", agency: "Border Police", round: "baseline"), profile: "national",
      items: items, sections: [SectionState(id: "BM-A", score: 0.5, level: 2, target: 3, answered: count, applicable: count)])
  }

  /// Where SwiftPM put the products of this build (the test runner sits among them).
  static var productsDirectory: URL? {
    var candidates: [URL] = []
    if let executable = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
      candidates.append(URL(fileURLWithPath: executable).deletingLastPathComponent())
    }
    candidates.append(URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent())
    return candidates.first { FileManager.default.isExecutableFile(atPath: $0.appendingPathComponent("gap-ranker-evaluator").path) }
  }
}

struct FixtureError: Error, CustomStringConvertible {
  var description: String
  init(_ description: String) { self.description = description }
}

extension Result {
  var failure: Failure? {
    if case .failure(let failure) = self { return failure }
    return nil
  }

  var success: Success? {
    if case .success(let success) = self { return success }
    return nil
  }
}

/// Whether a process is gone for good, waiting for it up to `limit`: a SIGKILL sent to a process
/// group is delivered asynchronously, so a grandchild may still be running for a moment after
/// the host returns. The wait ends as soon as the process is gone; the limit only bounds a failure.
func processIsGone(_ pid: Int32, within limit: Duration = .seconds(10)) -> Bool {
  let clock = ContinuousClock()
  let deadline = clock.now.advanced(by: limit)
  while !processIsGoneNow(pid) {
    guard clock.now < deadline else { return false }
    usleep(5_000)
  }
  return true
}

/// Whether a process is gone now (absent, or a zombie waiting to be reaped by someone else).
private func processIsGoneNow(_ pid: Int32) -> Bool {
  guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8) else { return true }
  // The state is the field after the parenthesised command name.
  guard let close = stat.lastIndex(of: ")") else { return true }
  let state = stat[stat.index(after: close)...].split(separator: " ").first
  return state == "Z" || state == "X"
}
