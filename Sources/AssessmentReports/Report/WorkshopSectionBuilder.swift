import AssessmentKit
import Foundation

extension ReportBuilder {
  /// The workshop section of a consensus file's report. Statistics come from the review's
  /// ``WorkshopSummary`` as `assess workshop` computed them; nothing is recomputed here.
  ///
  /// The heatmap shows every item on which some respondent's answer differs from the agreed one
  /// (every discussed item among them) and leaves out, with a count, the items everyone
  /// answered alike: with a handful of agencies those are most items, and a wall of identical
  /// rows would hide the few that matter.
  public func workshopSection(_ review: ConsensusReview) -> WorkshopSection {
    let summary = review.summary
    let columns = summary.respondents.map { UserText.visible($0.label) }
    let areas = summary.areas.enumerated().map { index, area in
      workshopArea(area, agreed: review.areas.first { $0.questionnaire == area.questionnaire }, anchor: "w\(index + 1)", columns: columns)
    }
    let who = summary.anonymous ? "" : ": " + columns.joined(separator: "; ")
    let discussed = summary.areas.map(\.discussion.count).reduce(0, +)
    return WorkshopSection(
      title: "Workshop: where the respondents diverged",
      summary: "\(summary.respondents.count) respondents\(who). \(discussed) item(s) were put up for discussion; "
        + "the consensus took up to \(review.rounds) round(s). Each respondent's original answer is shown against the agreed one.",
      respondentCount: summary.respondents.count, areas: areas)
  }

  private func workshopArea(_ area: WorkshopArea, agreed: ConsensusAreaReview?, anchor: String, columns: [String]) -> WorkshopAreaView {
    let questionnaire = questionnaires.first { $0.id.value == area.questionnaire && $0.version.value == area.version }
      ?? questionnaires.first { $0.id.value == area.questionnaire }
    let language = questionnaire?.defaultLanguage.value ?? "en"
    let agreedItems = Dictionary((agreed?.items ?? []).map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    let discussedIDs = Set(area.discussion.map(\.item))
    func label(_ values: [String]?, item: String) -> String {
      guard let values, !values.isEmpty else { return "–" }
      return UserText.visible(values.map { answerLabel($0, item: questionnaire?.item(item), in: questionnaire, language: language) }.joined(separator: ", "))
    }
    func agreedText(_ item: WorkshopItem) -> String {
      if let values = agreedItems[item.id]?.agreed { return label(values, item: item.id) }
      return item.levels.map { "median " + Self.levels($0.median) } ?? "–"
    }
    var rows: [HeatmapRow] = []
    var unanimous = 0
    for item in area.items {
      guard let answers = item.answers, answers.contains(where: { $0.answer != nil }) else { continue }
      let reference = agreedItems[item.id]?.agreedLevel ?? item.levels?.median
      let agreedValues = agreedItems[item.id]?.agreed ?? item.proposed
      let differs = answers.contains { answer in
        if let level = answer.level, let reference { return abs(level - reference) > 1e-9 }
        return answer.answer != agreedValues
      }
      guard differs || discussedIDs.contains(item.id) else {
        unanimous += 1
        continue
      }
      let byRespondent = Dictionary(answers.map { ($0.respondent, $0) }, uniquingKeysWith: { first, _ in first })
      let cells = area.respondentLabels(in: answers, columns: columns).map { respondent -> HeatmapCell in
        guard let answer = byRespondent[respondent], answer.answer != nil else {
          return HeatmapCell(text: "–", shade: "none", detail: "not answered")
        }
        let text = label(answer.answer, item: item.id)
        guard let level = answer.level, let reference else {
          return HeatmapCell(text: text, shade: "none", detail: "not on the level scale")
        }
        let distance = level - reference
        let away = abs(distance)
        let shade = String(min(4, Int(away.rounded())))
        if away < 1e-9 { return HeatmapCell(text: text, shade: shade, detail: "the agreed level") }
        let direction = distance < 0 ? "below" : "above"
        return HeatmapCell(
          text: text + " (" + Self.signedLevels(distance) + ")", shade: shade,
          detail: "\(Self.levels(away)) level\(away == 1 ? "" : "s") \(direction) the agreed answer")
      }
      rows.append(
        HeatmapRow(
          item: item.id, itemText: UserText.visible(Self.clipped(item.text, to: 110)), agreed: agreedText(item), discussed: discussedIDs.contains(item.id),
          cells: cells))
    }
    let itemsByID = Dictionary(area.items.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    let discussion = area.discussion.compactMap { entry -> DiscussionView? in
      guard let item = itemsByID[entry.item] else { return nil }
      let median = item.levels.map { spread -> String in
        let nearest = item.distribution.filter { $0.level != nil }.min { abs($0.level! - spread.median) < abs($1.level! - spread.median) }
        return Self.levels(spread.median) + (nearest?.label.map { " (" + UserText.visible($0) + ")" } ?? "")
      } ?? "–"
      return DiscussionView(
        rank: entry.rank, item: entry.item, itemText: UserText.visible(item.text), critical: entry.critical, median: median,
        iqr: Self.levels(entry.iqr), range: item.levels.map { Self.levels($0.minimum) + "–" + Self.levels($0.maximum) } ?? "–",
        agreement: entry.agreement.map(Self.levels) ?? "–", reasons: item.reasons.joined(separator: "; "), agreedAnswer: agreedText(item))
    }
    let dissent = (agreed?.items ?? []).compactMap { agreedItem -> DissentView? in
      guard !agreedItem.dissenters.isEmpty || agreedItem.dissent != nil, let item = itemsByID[agreedItem.id] else { return nil }
      let names = agreedItem.dissenters.map { dissenter in
        UserText.visible(dissenter.respondent) + ": " + label(dissenter.answer, item: item.id) + " ("
          + Self.signedLevels(dissenter.distance) + " levels)"
      }
      return DissentView(
        item: item.id, itemText: UserText.visible(item.text), agreedAnswer: agreedText(item),
        dissenters: names.isEmpty ? nil : names.joined(separator: "; "), note: agreedItem.dissent.map(UserText.visible),
        rounds: agreedItem.rounds)
    }
    var rule = "IQR is above \(Self.levels(area.rule.discussWhenIQRAbove)) level(s)"
    if let agreement = area.rule.discussWhenAgreementBelow { rule += " or the agreement is below \(Self.levels(agreement))" }
    let shown = rows.count
    return WorkshopAreaView(
      anchor: anchor, questionnaire: area.questionnaire, title: UserText.visible(area.title), columns: columns, rows: rows,
      hasRows: !rows.isEmpty,
      heatmapNote: "\(shown) item(s) on which some respondent's answer differs from the agreed one"
        + (unanimous > 0 ? "; \(unanimous) item(s) that everyone answered alike are left out." : "."),
      ruleText: "Discussed when the " + rule + "; most divergent first (IQR × weight, critical items × \(Self.levels(area.rule.criticalFactor))).",
      discussion: discussion, hasDiscussion: !discussion.isEmpty, dissent: dissent, hasDissent: !dissent.isEmpty)
  }

  /// The heatmap keeps rows short: the full question is in the respondents' part and the dissent list.
  static func clipped(_ text: String, to length: Int) -> String {
    guard text.count > length else { return text }
    let cut = text.prefix(length - 1)
    return (cut.lastIndex(of: " ").map { String(cut[..<$0]) } ?? String(cut)) + "…"
  }

  /// A number of levels with at most two decimals: "2", "1.5", "0.67".
  static func levels(_ value: Double) -> String {
    let rounded = (value * 100).rounded() / 100
    if rounded == rounded.rounded() { return String(Int(rounded)) }
    var text = String(format: "%.2f", rounded)
    while text.hasSuffix("0") { text.removeLast() }
    return text
  }

  /// "+2", "−1.5" (a true minus sign, as people write it).
  static func signedLevels(_ value: Double) -> String {
    (value > 0 ? "+" : value < 0 ? "−" : "") + levels(abs(value))
  }
}

extension WorkshopArea {
  /// The heatmap's columns are the workshop's respondents; answers carry the same labels,
  /// made visible-safe the same way.
  fileprivate func respondentLabels(in answers: [RespondentAnswer], columns: [String]) -> [String] {
    let raw = answers.map(\.respondent)
    return columns.map { column in raw.first { UserText.visible($0) == column } ?? column }
  }
}
