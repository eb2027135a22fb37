import AssessmentKit
import Foundation

/// The terminal view of a comparison: per area the level and score then and now, progress to
/// date and percent to target, the sections, the items that regressed (first) or improved, the
/// critical safeguards that appeared or were resolved; then the recommendations done and open.
public struct ComparisonText: Sendable {
  public var colour: Bool

  public init(colour: Bool) {
    self.colour = colour
  }

  public func text(for comparison: Comparison) -> String {
    let before = comparison.baseline
    let after = comparison.followUp
    var out = bold("Progress in \(after.country)") + ": \(roundName(before)) → \(roundName(after))\n"
    out += "  " + dim("baseline \(before.source); follow-up \(after.source)") + "\n"
    for area in comparison.areas {
      out += "\n" + bold(area.title) + dim("  \(area.questionnaire)") + "\n"
      guard let then = area.baseline, let now = area.followUp else {
        out += "  " + dim(area.baseline == nil ? "not assessed in the baseline" : "not assessed in the follow-up") + "\n"
        continue
      }
      var line = "  level \(then.level.map(String.init) ?? "–") → \(now.level.map(String.init) ?? "–")"
      if let change = area.levelChange, change != 0 { line += " (" + signed(change) + ")" }
      line += "   score \(score(then.score)) → \(score(now.score))"
      if let change = area.scoreChange { line += " (" + String(format: "%+.2f", change) + ")" }
      if let progress = area.progressToDate { line += "   progress to date \(percent(progress))" }
      if then.percentToTarget != nil || now.percentToTarget != nil {
        line += "   to target \(then.percentToTarget.map(percent) ?? "–") → \(now.percentToTarget.map(percent) ?? "–")"
      }
      out += line + "\n"
      let width = min(44, area.sections.map(\.title.count).max() ?? 20)
      for section in area.sections {
        var row = "    " + truncate("\(section.id) \(section.title)", width + 6).padding(toLength: width + 6, withPad: " ", startingAt: 0)
        row += "  level \(section.baselineLevel.map(String.init) ?? "–") → \(section.followUpLevel.map(String.init) ?? "–")"
        if let target = section.target { row += "  target \(target)" }
        if let progress = section.progressToDate { row += "  progress \(percent(progress))" }
        let changed = section.levelChange ?? 0
        out += (changed < 0 ? paint(row, "31") : changed > 0 ? paint(row, "32") : row) + "\n"
      }
      let items = Dictionary(area.items.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
      if !area.regressed.isEmpty {
        out += "  " + paint("Regressed (\(area.regressed.count))", "1;31") + "\n"
        for id in area.regressed { if let item = items[id] { out += "    " + paint("▼", "31") + " " + describe(item) + "\n" } }
      }
      if !area.improved.isEmpty {
        out += "  " + paint("Improved (\(area.improved.count))", "1;32") + "\n"
        for id in area.improved { if let item = items[id] { out += "    " + paint("▲", "32") + " " + describe(item) + "\n" } }
      }
      if !area.newlyCritical.isEmpty {
        out += "  " + paint("Newly critical: \(area.newlyCritical.joined(separator: ", "))", "1;31") + "\n"
      }
      if !area.resolvedCritical.isEmpty {
        out += "  " + paint("Critical safeguards no longer deficient: \(area.resolvedCritical.joined(separator: ", "))", "32") + "\n"
      }
      if area.regressed.isEmpty && area.improved.isEmpty { out += "  " + dim("no item changed level") + "\n" }
    }
    let progress = comparison.recommendations
    out += "\n" + bold("Recommendations") + ": \(progress.done.count) done, \(progress.open.count) still open, \(progress.new.count) new\n"
    for recommendation in progress.done { out += "  " + paint("✓ done", "32") + "  \(recommendation.title)  " + dim(recommendation.questionnaire) + "\n" }
    for recommendation in progress.new { out += "  " + paint("+ new ", "33") + "  \(recommendation.title)  " + dim(recommendation.questionnaire) + "\n" }
    for recommendation in progress.open {
      out += "  " + "  open" + "  \(recommendation.title)  " + dim("\(recommendation.questionnaire), priority \(recommendation.baselinePriority.map(String.init) ?? "–") → \(recommendation.followUpPriority.map(String.init) ?? "–")") + "\n"
    }
    return out
  }

  private func describe(_ item: ItemComparison) -> String {
    var text = bold(item.id) + "  \(answer(item.baselineAnswer)) → \(answer(item.followUpAnswer))"
    if let change = item.levelChange { text += "  (" + signedScore(change) + " level" + (abs(change) == 1 ? "" : "s") + ")" }
    if item.critical { text += "  " + paint("critical", "31") }
    return text
  }

  private func roundName(_ round: ComparedRound) -> String {
    [round.round, round.date].compactMap { $0 }.joined(separator: ", ").nonEmpty ?? round.source
  }

  private func answer(_ values: [String]?) -> String { values.map { $0.joined(separator: ", ") } ?? "–" }
  private func score(_ value: Double?) -> String { value.map { String(format: "%.2f", $0) } ?? "–" }
  private func percent(_ value: Double) -> String { "\(Int((value * 100).rounded()))%" }
  private func signed(_ value: Int) -> String { value > 0 ? "+\(value)" : "\(value)" }

  private func signedScore(_ value: Double) -> String {
    let rounded = (value * 100).rounded() / 100
    let text = rounded == rounded.rounded() ? String(Int(rounded)) : String(format: "%.2f", rounded)
    return rounded > 0 ? "+" + text : text
  }

  private func truncate(_ text: String, _ width: Int) -> String {
    text.count <= width ? text : String(text.prefix(width - 1)) + "…"
  }

  private func bold(_ text: String) -> String { paint(text, "1") }
  private func dim(_ text: String) -> String { paint(text, "2") }
  private func paint(_ text: String, _ code: String) -> String { colour ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text }
}

extension String {
  fileprivate var nonEmpty: String? { isEmpty ? nil : self }
}
