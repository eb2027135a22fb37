import AssessmentKit
import Foundation

extension ReportBuilder {
  /// The progress section of a follow-up's report, from the ``Comparison`` that `assess
  /// compare` prints: every figure is taken from it, none recomputed.
  public func comparisonSection(_ comparison: Comparison) -> ComparisonSection {
    let areas = comparison.areas.enumerated().map { index, area in comparisonArea(area, anchor: "p\(index + 1)") }
    let titles = Dictionary(areas.map { ($0.questionnaire, $0.title) }, uniquingKeysWith: { first, _ in first })
    func views(_ list: [RecommendationStatus]) -> [RecommendationChangeView] {
      list.map { status in
        let priority: String
        switch (status.baselinePriority, status.followUpPriority) {
        case let (then?, now?): priority = "priority \(then) → \(now)"
        case let (then?, nil): priority = "priority \(then)"
        case let (nil, now?): priority = "priority \(now)"
        case (nil, nil): priority = ""
        }
        return RecommendationChangeView(
          title: UserText.visible(status.title), areaTitle: titles[status.questionnaire] ?? status.questionnaire, priority: priority)
      }
    }
    let progress = comparison.recommendations
    return ComparisonSection(
      title: "Progress since the baseline",
      summary: "Baseline: \(Self.roundName(comparison.baseline)) → follow-up: \(Self.roundName(comparison.followUp)). "
        + "Levels run from 0 to 4; ▲ marks a rise, ▼ a fall.",
      areas: areas,
      recommendations: RecommendationProgressView(
        summary: "\(progress.done.count) done, \(progress.open.count) still open, \(progress.new.count) new",
        done: views(progress.done), hasDone: !progress.done.isEmpty, open: views(progress.open), hasOpen: !progress.open.isEmpty,
        new: views(progress.new), hasNew: !progress.new.isEmpty))
  }

  private func comparisonArea(_ area: AreaComparison, anchor: String) -> ComparisonAreaView {
    let questionnaire = questionnaires.first { $0.id.value == area.questionnaire && $0.version.value == area.followUp?.version }
      ?? questionnaires.first { $0.id.value == area.questionnaire }
    let language = questionnaire?.defaultLanguage.value ?? "en"
    let shortTitle = UserText.visible(area.title.split(separator: ":", maxSplits: 1).first.map(String.init) ?? area.title)
    let items = Dictionary(area.items.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    func answer(_ values: [String]?, item: String) -> String {
      guard let values, !values.isEmpty else { return "–" }
      return UserText.visible(values.map { answerLabel($0, item: questionnaire?.item(item), in: questionnaire, language: language) }.joined(separator: ", "))
    }
    func change(_ ids: [String]) -> [ItemChangeView] {
      ids.compactMap { items[$0] }.map { item in
        let text = questionnaire?.item(item.id).map { $0.text.resolved(in: language, defaultLanguage: language) } ?? item.id
        return ItemChangeView(
          item: item.id, itemText: UserText.visible(text), before: answer(item.baselineAnswer, item: item.id),
          after: answer(item.followUpAnswer, item: item.id),
          change: item.levelChange.map { delta in
            (delta > 0 ? "▲ " : delta < 0 ? "▼ " : "= ") + Self.signedLevels(delta) + " level" + (abs(delta) == 1 ? "" : "s")
          } ?? "–",
          critical: item.critical)
      }
    }
    let sections = area.sections.map { section in
      let label = questionnaire?.section(section.id).flatMap(\.ref).map { $0 + " " + section.title } ?? section.title
      return ComparisonRow(
        label: UserText.visible(label), before: section.baselineLevel.map { "Level \($0)" } ?? "–",
        after: section.followUpLevel.map { "Level \($0)" } ?? "–", change: Self.arrow(section.levelChange),
        direction: Self.direction(section.levelChange), target: section.target.map(String.init) ?? "–",
        progress: section.progressToDate.map(Self.percent) ?? "–")
    }
    let bothRounds = area.baseline != nil && area.followUp != nil
    var levelText = "Level \(area.baseline?.level.map(String.init) ?? "–") → \(area.followUp?.level.map(String.init) ?? "–")"
    if area.levelChange != nil { levelText += " (" + Self.arrow(area.levelChange) + ")" }
    var scoreText = "\(Self.score(area.baseline?.score)) → \(Self.score(area.followUp?.score))"
    if let delta = area.scoreChange { scoreText += " (" + String(format: "%+.2f", delta) + ")" }
    let toTarget: String? = area.baseline?.percentToTarget != nil || area.followUp?.percentToTarget != nil
      ? "\(area.baseline?.percentToTarget.map(Self.percent) ?? "–") → \(area.followUp?.percentToTarget.map(Self.percent) ?? "–")" : nil
    let regressed = change(area.regressed)
    let improved = change(area.improved)
    let newlyCritical = change(area.newlyCritical)
    let resolved = change(area.resolvedCritical)
    return ComparisonAreaView(
      anchor: anchor, questionnaire: area.questionnaire, title: shortTitle, assessedInBoth: bothRounds,
      missingNote: bothRounds ? nil : (area.baseline == nil ? "Not assessed in the baseline." : "Not assessed in the follow-up."),
      levelText: levelText, scoreText: scoreText, progressToDate: area.progressToDate.map(Self.percent), percentToTarget: toTarget,
      chart: bothRounds && !area.sections.isEmpty
        ? PairedBarChart(
          area.sections.map { section in
            let label = questionnaire?.section(section.id).flatMap(\.ref).map { $0 + " " + section.title } ?? section.title
            return PairedBarChart.Entry(
              label: UserText.visible(label), before: section.baselineLevel, after: section.followUpLevel, target: section.target)
          }, subject: "section of \(shortTitle)") : nil,
      sections: sections, regressed: regressed, hasRegressed: !regressed.isEmpty, improved: improved, hasImproved: !improved.isEmpty,
      newlyCritical: newlyCritical, hasNewlyCritical: !newlyCritical.isEmpty, resolvedCritical: resolved,
      hasResolvedCritical: !resolved.isEmpty, unchanged: bothRounds && regressed.isEmpty && improved.isEmpty)
  }

  static func roundName(_ round: ComparedRound) -> String {
    let name = [round.round, round.date].compactMap { $0 }.joined(separator: ", ")
    return UserText.visible(name.isEmpty ? ((round.source as NSString).lastPathComponent) : name)
  }

  static func arrow(_ change: Int?) -> String {
    guard let change else { return "–" }
    return change > 0 ? "▲ +\(change)" : change < 0 ? "▼ −\(-change)" : "no change"
  }

  static func direction(_ change: Int?) -> String {
    guard let change else { return "same" }
    return change > 0 ? "up" : change < 0 ? "down" : "same"
  }

  static func percent(_ value: Double) -> String { "\(Int((value * 100).rounded()))%" }
}
