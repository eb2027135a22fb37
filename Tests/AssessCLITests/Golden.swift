import Foundation
import Testing

/// Golden files: the expected rendered output of a command, kept in `Golden/`.
///
/// Run with `ASSESS_RECORD_GOLDEN=1` to write the actual output into the source tree
/// (`Tests/AssessCLITests/Golden/`) instead of comparing; a recording run records an issue so
/// it never passes silently. Review the diff, then run again without the variable.
enum Golden {
  /// The golden folder in the source tree, where recordings go.
  static let sourceFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

  static var isRecording: Bool {
    ProcessInfo.processInfo.environment["ASSESS_RECORD_GOLDEN"] == "1"
  }

  /// The placeholder written in place of the package root, so goldens hold no machine paths.
  static let rootPlaceholder = "<root>"

  /// Output made machine-independent: the package root replaced by `<root>`, line endings unified.
  static func normalize(_ text: String) -> String {
    var text = text.replacingOccurrences(of: "\r\n", with: "\n")
    let root = AssessCLI.packageRoot.path
    text = text.replacingOccurrences(of: root, with: rootPlaceholder)
    let resolved = AssessCLI.packageRoot.resolvingSymlinksInPath().path
    if resolved != root { text = text.replacingOccurrences(of: resolved, with: rootPlaceholder) }
    return text
  }

  /// The golden file as copied into this target's resource bundle at build time.
  static func expected(_ name: String) -> String? {
    guard let folder = Bundle.module.url(forResource: "Golden", withExtension: nil) else { return nil }
    return try? String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
  }

  /// Compares `actual` (normalized) with `Golden/<name>`, or records it when recording.
  static func check(_ actual: String, against name: String, sourceLocation: SourceLocation = #_sourceLocation) {
    let actual = normalize(actual)
    if isRecording {
      let url = sourceFolder.appendingPathComponent(name)
      do {
        try FileManager.default.createDirectory(at: sourceFolder, withIntermediateDirectories: true)
        try actual.write(to: url, atomically: true, encoding: .utf8)
        Issue.record(
          "Recorded golden file Golden/\(name) (ASSESS_RECORD_GOLDEN=1). Review it, then run the tests again without the variable.",
          sourceLocation: sourceLocation)
      } catch {
        Issue.record("Could not record golden file \(url.path): \(error)", sourceLocation: sourceLocation)
      }
      return
    }
    guard let expected = expected(name) else {
      Issue.record(
        "No golden file Golden/\(name); run once with ASSESS_RECORD_GOLDEN=1 to record it, then review it.\nActual output:\n\(actual)",
        sourceLocation: sourceLocation)
      return
    }
    if expected != actual {
      Issue.record(
        "Output differs from Golden/\(name) (run with ASSESS_RECORD_GOLDEN=1 to re-record if the change is intended):\n\(difference(expected: expected, actual: actual))",
        sourceLocation: sourceLocation)
    }
  }

  /// A short description of where two texts part: the first differing line, with context.
  static func difference(expected: String, actual: String) -> String {
    let expectedLines = expected.components(separatedBy: "\n")
    let actualLines = actual.components(separatedBy: "\n")
    let first =
      zip(expectedLines, actualLines).enumerated().first { $0.element.0 != $0.element.1 }?.offset
      ?? min(expectedLines.count, actualLines.count)
    let from = max(0, first - 2)
    func excerpt(_ lines: [String]) -> String {
      guard from < lines.count else { return "    (ends before line \(first + 1))" }
      return lines[from..<min(lines.count, first + 3)].enumerated().map { offset, line in
        let number = from + offset + 1
        return "\(number == first + 1 ? ">" : " ") \(number): \(line)"
      }.joined(separator: "\n")
    }
    return """
      first difference at line \(first + 1) (expected \(expectedLines.count) lines, got \(actualLines.count))
      expected:
      \(excerpt(expectedLines))
      actual:
      \(excerpt(actualLines))
      """
  }
}
