import AssessmentKit
import EvaluatorProtocol
import Foundation

/// The terminal view of a result: per area the level, score and coverage, the critical flags
/// first, the sections, the formula, then the top recommendations with priority and why.
public struct ScoreSummary: Sendable {
  public var colour: Bool
  /// How many recommendations to show (all with 0 or less).
  public var top: Int

  public init(colour: Bool, top: Int = 10) {
    self.colour = colour
    self.top = top
  }

  public func text(for result: AssessmentResult) -> String {
    var out = ""
    let respondent = result.respondent
    let who = [respondent.country, respondent.agency].compactMap { $0 }.joined(separator: " — ")
    let when = [respondent.round, respondent.date].compactMap { $0 }.joined(separator: ", ")
    out += bold(who) + (when.isEmpty ? "" : " (\(when))") + "  " + dim(result.source) + "\n"
    for area in result.areas {
      out += "\n" + bold(area.title) + dim("  \(area.questionnaire) \(area.version)" + (area.profile.map { ", profile \($0)" } ?? "")) + "\n"
      out += "  " + levelText(area.level) + "   score " + score(area.score) + "   coverage " + area.coverage.summary
      if let percent = area.percentToTarget { out += "   \(Int((percent * 100).rounded()))% to target" }
      out += "\n"
      if let level = area.level { out += "  " + dim("level: \(level.basis)") + "\n" }
      if !area.criticalFlags.isEmpty {
        out += "  " + paint("Critical safeguards answered deficient", "1;31") + "\n"
        for flag in area.criticalFlags {
          out += "    " + paint("✗", "31") + " \(flag.item)  \(flag.text) — answered \(flag.answer.map { "“\($0)”" }.joined(separator: ", "))\n"
        }
      }
      out += "  Sections\n"
      let width = min(48, area.sections.map { ($0.ref.map { "\($0) " } ?? "").count + $0.title.count }.max() ?? 20)
      let levelWidth = area.sections.map { levelText($0.level, short: true).count }.max() ?? 0
      for section in area.sections {
        let name = truncate((section.ref.map { "\($0) " } ?? "") + section.title, width)
        var line = "    " + name.padding(toLength: width, withPad: " ", startingAt: 0)
        line += "  " + score(section.score).padding(toLength: 5, withPad: " ", startingAt: 0)
        line += "  " + levelText(section.level, short: true).padding(toLength: levelWidth, withPad: " ", startingAt: 0)
        line += "  " + section.coverage.summary
        if let target = section.target { line += "  target \(target.target)" + (target.gap > 0 ? " (gap \(target.gap))" : " (met)") }
        out += line + "\n"
      }
      if let formula = area.formula {
        out += "  " + dim("area score = \(formula.rule)") + "\n"
        out += "  " + dim("           = \(formula.worked)") + "\n"
      }
    }
    let shown = top > 0 ? Array(result.recommendations.prefix(top)) : result.recommendations
    if !shown.isEmpty {
      out += "\n" + bold("Recommendations") + dim(" (\(shown.count) of \(result.recommendations.count), by priority)") + "\n"
      for recommendation in shown {
        out += "  " + bold(String(format: "%3d", recommendation.priority)) + "  " + severity(recommendation.severity)
          + "  \(recommendation.title)  " + dim(recommendation.id) + "\n"
        out += "       " + dim("\(recommendation.component.label) · \(recommendation.horizon.label) · \(recommendation.actors.joined(separator: ", "))") + "\n"
        out += "       why: \(recommendation.why)\n"
        out += "       " + dim("priority = \(recommendation.priorityFormula.worked); from \(recommendation.sources.joined(separator: ", "))") + "\n"
      }
    }
    out += "\n" + bold("Evaluator modules") + "\n"
    if result.modules.isEmpty { out += "  none applied\n" }
    for module in result.modules {
      let status = module.status == .ok ? paint("ok", "32") : paint("FAILED", "1;31")
      out += "  \(module.id) \(module.version) (\(module.kind.rawValue)): \(status), \(module.findings) finding\(module.findings == 1 ? "" : "s")\n"
      if let error = module.error { out += "    " + paint(error, "31") + "\n" }
    }
    return out
  }

  private func levelText(_ level: LevelResult?, short: Bool = false) -> String {
    guard let level else { return "no level (nothing answered)" }
    var text = "Level \(level.level) \(level.name)"
    if let uncapped = level.uncapped { text += short ? " (capped from \(uncapped))" : " (capped from \(uncapped) by a critical safeguard)" }
    return short ? text : bold(text)
  }

  private func score(_ value: Double?) -> String {
    value.map { String(format: "%.2f", $0) } ?? "–"
  }

  private func severity(_ severity: Rule.Severity) -> String {
    let label = severity.rawValue.padding(toLength: 8, withPad: " ", startingAt: 0)
    switch severity {
    case .critical: return paint(label, "1;31")
    case .high: return paint(label, "31")
    case .medium: return paint(label, "33")
    case .low, .info: return label
    }
  }

  private func truncate(_ text: String, _ width: Int) -> String {
    text.count <= width ? text : String(text.prefix(width - 1)) + "…"
  }

  private func bold(_ text: String) -> String { paint(text, "1") }
  private func dim(_ text: String) -> String { paint(text, "2") }
  private func paint(_ text: String, _ code: String) -> String { colour ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text }
}
