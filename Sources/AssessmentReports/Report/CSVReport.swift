import AssessmentKit
import Foundation

/// The two tables an analyst opens in a spreadsheet: one row per item answered (or not) and one
/// row per recommendation, for every answers file of the report.
///
/// The files are RFC 4180: comma-separated, CRLF line ends, a field quoted when it holds a comma,
/// a quote or a line break, quotes doubled. They start with a UTF-8 byte-order mark, so Excel
/// reads accented and non-Latin text as UTF-8. Text cells that start with `=`, `+`, `-`, `@`, a
/// tab or a carriage return get a leading apostrophe, so a spreadsheet shows them as text
/// instead of running them as formulas (numbers the toolkit writes are never negative, so never
/// touched).
public enum CSVReport {
  public enum Table: String, Sendable, CaseIterable {
    case items, recommendations
  }

  public static let byteOrderMark = "\u{FEFF}"

  public static func render(_ table: Table, _ context: ReportContext) -> String {
    switch table {
    case .items: return items(context)
    case .recommendations: return recommendations(context)
    }
  }

  static func items(_ context: ReportContext) -> String {
    var rows: [[Cell]] = [
      [
        "source", "country", "agency", "questionnaire", "section", "item", "ref", "question", "status", "answer", "score",
        "weight", "critical", "deficient", "critical_flag", "notes", "evidence", "references",
      ].map(Cell.text)
    ]
    for respondent in context.respondents {
      for area in respondent.areas {
        for section in area.sections {
          for item in section.items {
            rows.append([
              .text(respondent.source), .text(respondent.country), .text(respondent.agency ?? ""), .text(area.questionnaire),
              .text(section.id), .text(item.id), .text(item.itemRef ?? ""), .text(item.text), .text(item.status),
              .text(item.answer == "–" ? "" : item.answer), .number(item.score == "–" ? "" : item.score), .number(item.weight),
              .number(item.critical ? "1" : "0"), .number(item.deficient ? "1" : "0"), .number(item.flagged ? "1" : "0"),
              .text(item.notes ?? ""), .text(item.evidence.joined(separator: "\n")), .text(item.references.joined(separator: "\n")),
            ])
          }
        }
      }
    }
    return document(rows)
  }

  static func recommendations(_ context: ReportContext) -> String {
    var rows: [[Cell]] = [
      [
        "source", "country", "agency", "id", "priority", "severity", "questionnaire", "title", "component", "horizon",
        "actors", "actions", "why", "S", "G", "W", "C", "priority_formula", "items", "sources", "references",
      ].map(Cell.text)
    ]
    for respondent in context.respondents {
      for recommendation in respondent.recommendations {
        let factors = Dictionary(recommendation.factors.map { ($0.symbol, $0.value) }, uniquingKeysWith: { first, _ in first })
        rows.append(
          [
            .text(respondent.source), .text(respondent.country), .text(respondent.agency ?? ""), .text(recommendation.id),
            .number(String(recommendation.priority)), .text(recommendation.severity), .text(recommendation.questionnaire),
            .text(recommendation.title), .text(recommendation.component), .text(recommendation.horizon), .text(recommendation.actors),
            .text(recommendation.actions.joined(separator: "\n")), .text(recommendation.why),
          ] + ["S", "G", "W", "C"].map { .number(factors[$0] ?? "") } + [
            .text(recommendation.formula), .text(recommendation.items), .text(recommendation.sources),
            .text(recommendation.references.joined(separator: "\n")),
          ])
      }
    }
    return document(rows)
  }

  enum Cell {
    case text(String)
    /// Written by the toolkit, never by people: not neutralised.
    case number(String)
  }

  static func document(_ rows: [[Cell]]) -> String {
    byteOrderMark + rows.map { $0.map(field).joined(separator: ",") + "\r\n" }.joined()
  }

  static func field(_ cell: Cell) -> String {
    switch cell {
    case .number(let value): return quoted(value)
    case .text(let value): return quoted(neutralised(value))
    }
  }

  /// A leading apostrophe before what a spreadsheet would read as a formula.
  public static func neutralised(_ text: String) -> String {
    guard let first = text.unicodeScalars.first, ["=", "+", "-", "@", "\t", "\r"].contains(first) else { return text }
    return "'" + text
  }

  /// The field quoted when RFC 4180 needs it; line breaks inside a field are written as CRLF.
  public static func quoted(_ text: String) -> String {
    let needsQuotes = text.unicodeScalars.contains { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }
    guard needsQuotes else { return text }
    let normalized = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\n", with: "\r\n")
    return "\"" + normalized.replacingOccurrences(of: "\"", with: "\"\"") + "\""
  }
}
