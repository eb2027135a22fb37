import AssessmentKit
import Foundation

/// The formats `assess report` writes, and the files each writes.
public enum ReportFormat: String, Sendable, CaseIterable {
  case html, md, json, csv

  public var fileExtension: String { rawValue }
}

/// One file of a report: where it goes (`-` for standard output) and what it holds.
public struct ReportFile: Hashable, Sendable {
  public var path: String
  public var text: String
}

/// Renders a report in one format and decides where each part goes.
///
/// Names: `-o FILE` is used as given; without it the report goes to the current folder, named
/// after the answers file (`national-baseline.answers.yaml` → `national-baseline-report.html`),
/// or `assessment-report.html` for several answers files. CSV is two tables: without `--table`
/// both are written, as `BASE-items.csv` and `BASE-recommendations.csv` (BASE is FILE without
/// `.csv`); with `--table` only that one is, to FILE itself, which may be `-`.
public struct ReportRenderer: Sendable {
  public var templates: ReportTemplates

  public init(templates: ReportTemplates) {
    self.templates = templates
  }

  public static func defaultBase(for sources: [String]) -> String {
    guard sources.count == 1, let source = sources.first else { return "assessment-report" }
    var name = (source as NSString).lastPathComponent
    for suffix in [".yaml", ".yml", ".answers"] where name.hasSuffix(suffix) { name = String(name.dropLast(suffix.count)) }
    return (name.isEmpty ? "assessment" : name) + "-report"
  }

  public func files(
    _ format: ReportFormat, context: ReportContext, results: [AssessmentResult], output: String?, table: CSVReport.Table?
  ) throws -> [ReportFile] {
    let base = output ?? Self.defaultBase(for: results.map(\.source)) + "." + format.fileExtension
    switch format {
    case .html: return [ReportFile(path: base, text: templates.render(context, as: .html))]
    case .md: return [ReportFile(path: base, text: templates.render(context, as: .markdown))]
    case .json: return [ReportFile(path: base, text: try ResultJSON.render(results))]
    case .csv:
      if let table { return [ReportFile(path: base, text: CSVReport.render(table, context))] }
      let stem = base.hasSuffix(".csv") ? String(base.dropLast(4)) : base
      return CSVReport.Table.allCases.map { ReportFile(path: "\(stem)-\($0.rawValue).csv", text: CSVReport.render($0, context)) }
    }
  }
}
