import AssessmentKit
import Foundation

/// The terminal view of a workshop: who took part, then per questionnaire the items to
/// discuss (most divergent first, with each respondent's answer), then every item's median,
/// spread and agreement.
public struct WorkshopText: Sendable {
  public var colour: Bool

  static let listedNumbers = 8

  public init(colour: Bool) {
    self.colour = colour
  }

  public func text(for summary: WorkshopSummary) -> String {
    var out = bold("Workshop on \(summary.country)") + " — \(summary.respondents.count) respondent\(summary.respondents.count == 1 ? "" : "s")"
    let rounds = Set(summary.respondents.compactMap(\.round))
    if rounds.count == 1, let round = rounds.first { out += ", round \(round)" }
    out += "\n"
    if summary.perRespondentDetail {
      for (index, respondent) in summary.respondents.enumerated() {
        out += "  \(index + 1). \(respondent.label)" + (respondent.source.map { "  " + dim($0) } ?? "") + "\n"
      }
    } else {
      out += "  " + dim("too many respondents to list; per-respondent answers are not kept above \(WorkshopAggregator.detailLimit)") + "\n"
    }
    for area in summary.areas {
      out += "\n" + bold(area.title) + dim("  \(area.questionnaire) \(area.version)" + (area.profile.map { ", profile \($0)" } ?? "")) + "\n"
      out += discussion(area)
      out += table(area)
    }
    return out
  }

  private func discussion(_ area: WorkshopArea) -> String {
    let rule = area.rule
    var ruleText = "IQR above \(number(rule.discussWhenIQRAbove)) level\(rule.discussWhenIQRAbove == 1 ? "" : "s")"
    if let agreement = rule.discussWhenAgreementBelow { ruleText += " or agreement below \(number(agreement))" }
    ruleText += "; critical items weigh ×\(number(rule.criticalFactor))"
    guard !area.discussion.isEmpty else {
      return "  " + paint("Nothing to discuss", "32") + dim(" (rule: \(ruleText))") + "\n"
    }
    var out = "  " + paint("To discuss: \(area.discussion.count) of \(area.items.count) items", "1;33") + dim(", most divergent first (rule: \(ruleText))") + "\n"
    let items = Dictionary(area.items.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    for entry in area.discussion {
      guard let item = items[entry.item] else { continue }
      var line = "  " + String(format: "%3d", entry.rank) + ". " + bold(item.id)
      if item.critical { line += " " + paint("critical", "31") }
      line += "  IQR \(number(entry.iqr))  range \(levelRange(item.levels))  agreement \(entry.agreement.map(number) ?? "–")"
      line += "  median \(median(item))"
      out += line + "\n"
      out += "       " + truncate(item.text, 100) + "\n"
      if let answers = item.answers {
        let given = answers.filter { $0.answer != nil }
        out += "       " + given.map { "\($0.respondent): \(($0.answer ?? []).joined(separator: ", "))" }.joined(separator: " · ") + "\n"
      } else {
        out += "       " + distribution(item) + "\n"
      }
    }
    return out
  }

  private func table(_ area: WorkshopArea) -> String {
    var out = "  All items" + dim(" (median, IQR and range in levels 0–4; agreement 0–1)") + "\n"
    let idWidth = max(4, area.items.map(\.id.count).max() ?? 4)
    out += dim("    " + "item".padding(toLength: idWidth, withPad: " ", startingAt: 0) + "  median  IQR   range  agree  answers") + "\n"
    for item in area.items {
      var line = "    " + item.id.padding(toLength: idWidth, withPad: " ", startingAt: 0)
      line += "  " + (item.levels.map { number($0.median) } ?? "–").padding(toLength: 6, withPad: " ", startingAt: 0)
      line += "  " + (item.levels.map { number($0.iqr) } ?? "–").padding(toLength: 4, withPad: " ", startingAt: 0)
      line += "  " + levelRange(item.levels).padding(toLength: 5, withPad: " ", startingAt: 0)
      line += "  " + (item.agreement.map(number) ?? "–").padding(toLength: 5, withPad: " ", startingAt: 0)
      line += "  " + distribution(item)
      out += (item.discuss ? paint(line, "33") : line) + "\n"
    }
    return out
  }

  private func median(_ item: WorkshopItem) -> String {
    guard let levels = item.levels else { return "–" }
    let proposed = item.proposed.map { " → \($0.joined(separator: ", "))" } ?? ""
    return number(levels.median) + proposed
  }

  private func distribution(_ item: WorkshopItem) -> String {
    // Numbers can take as many values as there are respondents: past a handful, their spread says more.
    let tooMany = item.numbers != nil && item.distribution.count > Self.listedNumbers
    var parts = tooMany ? ["\(item.distribution.count) different numbers"] : item.distribution.map { "\($0.value) ×\($0.count)" }
    if item.unanswered > 0 { parts.append(dim("unanswered ×\(item.unanswered)")) }
    if let numbers = item.numbers, numbers.range > 0 {
      parts.append(dim("numbers: median \(number(numbers.median)), IQR \(number(numbers.iqr)), range \(number(numbers.minimum))–\(number(numbers.maximum))"))
    }
    return parts.isEmpty ? "–" : parts.joined(separator: ", ")
  }

  private func levelRange(_ spread: Spread?) -> String {
    guard let spread else { return "–" }
    return spread.range == 0 ? number(spread.minimum) : "\(number(spread.minimum))–\(number(spread.maximum))"
  }

  private func number(_ value: Double) -> String {
    let rounded = (value * 100).rounded() / 100
    return rounded == rounded.rounded() ? String(Int(rounded)) : String(format: "%.2f", rounded)
  }

  private func truncate(_ text: String, _ width: Int) -> String {
    text.count <= width ? text : String(text.prefix(width - 1)) + "…"
  }

  private func bold(_ text: String) -> String { paint(text, "1") }
  private func dim(_ text: String) -> String { paint(text, "2") }
  private func paint(_ text: String, _ code: String) -> String { colour ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text }
}
