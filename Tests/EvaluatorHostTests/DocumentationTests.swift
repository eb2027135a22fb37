import AssessmentKit
import EvaluatorProtocol
import Foundation
import Testing

/// The complete module printed in `Docs/evaluator-protocol.md` works exactly as printed.
@Suite("Protocol documentation")
struct DocumentationTests {
  static let page = Fixtures.packageRoot.appendingPathComponent("Docs/evaluator-protocol.md")

  /// The fenced block after `<!-- marker -->`.
  static func block(after marker: String) throws -> String {
    let text = try String(contentsOf: page, encoding: .utf8)
    let start = try #require(text.range(of: "<!-- \(marker) -->\n```"), "no block marked \(marker)")
    let body = try #require(text[start.upperBound...].firstIndex(of: "\n"))
    let end = try #require(text[body...].range(of: "\n```\n"))
    return String(text[text.index(after: body)..<end.lowerBound]) + "\n"
  }

  @Test func theMinimalPythonModuleRuns() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("minimal-module-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: folder) }
    let program = folder.appendingPathComponent("bin/evaluate.py")
    try FileManager.default.createDirectory(at: program.deletingLastPathComponent(), withIntermediateDirectories: true)
    try Self.block(after: "minimal-module-manifest").write(
      to: folder.appendingPathComponent("evaluator.yaml"), atomically: true, encoding: .utf8)
    let source = try Self.block(after: "minimal-module-program")
    #expect(source.split(separator: "\n", omittingEmptySubsequences: false).count < 60)
    try source.write(to: program, atomically: true, encoding: .utf8)
    try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: program.path)

    let session = try Fixtures.session(manifestPath: folder.appendingPathComponent("evaluator.yaml").path)
    defer { session.shutdown() }
    try session.start()
    let result = try session.evaluate(Fixtures.goldenRequest()).get()
    #expect(result.findings.map(\.id) == ["DC-BM-C.2"])
    #expect(result.findings.first?.summary == "BM-C.2 was answered 'no', an option marked deficient.")
  }
}
