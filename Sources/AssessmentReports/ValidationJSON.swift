import AssessmentKit
import Foundation

/// The machine-readable form of a validation report, for editors and CI (`--format json`).
///
/// Keys are sorted and paths are written as given, so the same inputs give the same bytes.
public enum ValidationJSON {
  struct Payload: Encodable {
    var format = "assess/validation@1"
    var files: [ValidationReport.File]
    var diagnostics: [Entry]
    var summary: Summary
  }

  struct Entry: Encodable {
    var file: String
    var line: Int
    var column: Int
    var severity: String
    var code: String
    var message: String
    var hint: String?
    /// For a problem inside an expression: the expression and the caret's span in it.
    var snippet: Diagnostic.Snippet?
  }

  struct Summary: Encodable {
    var files: Int
    var errors: Int
    var warnings: Int
  }

  public static func render(_ report: ValidationReport) throws -> String {
    let payload = Payload(
      files: report.files,
      diagnostics: report.diagnostics.map {
        Entry(
          file: $0.location.file, line: $0.location.line, column: $0.location.column, severity: $0.severity.rawValue,
          code: $0.code.rawValue, message: $0.message, hint: $0.hint, snippet: $0.snippet)
      },
      summary: Summary(files: report.files.count, errors: report.diagnostics.errorCount, warnings: report.diagnostics.warningCount))
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    return String(decoding: try encoder.encode(payload), as: UTF8.self) + "\n"
  }
}
