import AssessmentKit
import EvaluatorProtocol
import Foundation

/// Turns results into the ``ReportContext`` every report format renders: the questions' text,
/// answer labels and references come from the questionnaires the answers were scored against.
public struct ReportBuilder: Sendable {
  public var questionnaires: [Questionnaire]
  public var generator: String
  public var date: String?
  /// The toolkit's own folder: module manifests under it are shown relative to it, so a report
  /// never holds this machine's paths.
  public var toolkitHome: String?

  public init(questionnaires: [Questionnaire], generator: String, date: String? = nil, toolkitHome: String? = nil) {
    self.questionnaires = questionnaires
    self.generator = generator
    self.date = date
    self.toolkitHome = toolkitHome
  }

  /// - Parameters:
  ///   - consensus: a workshop's consensus file read back, for the workshop section.
  ///   - comparison: the follow-up against its baseline, for the progress section.
  public func context(
    for results: [AssessmentResult], consensus: ConsensusReview? = nil, comparison: Comparison? = nil
  ) -> ReportContext {
    let countries = results.map(\.respondent.country).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
    return ReportContext(
      title: "Assessment report: " + UserText.visible(countries.joined(separator: ", ")),
      generator: generator, date: date, language: results.first?.language ?? "en",
      respondents: results.enumerated().map { respondent($1, number: $0 + 1) },
      multipleRespondents: results.count > 1, method: Self.method, workshop: consensus.map(workshopSection),
      comparison: comparison.map(comparisonSection))
  }

  func respondent(_ result: AssessmentResult, number: Int) -> RespondentReport {
    let anchor = "r\(number)"
    let who = result.respondent
    let areas = result.areas.enumerated().map { area($1, anchor: "\(anchor)-a\($0 + 1)", language: result.language) }
    let flags = areas.flatMap(\.criticalFlags)
    let levels = result.areas.compactMap(\.level)
    let lowest = levels.min { $0.level < $1.level }
    let scores = result.areas.compactMap(\.score)
    let coverage = result.areas.map(\.coverage).reduce(Coverage(), +)
    let titles = Dictionary(areas.map { ($0.questionnaire, $0.shortTitle) }, uniquingKeysWith: { first, _ in first })
    // The action plan already names every actor, modules' own actors included.
    let actorNames = Dictionary(result.actionPlan.byActor.map { ($0.key, $0.label) }, uniquingKeysWith: { first, _ in first })
    let recommendations = result.recommendations.enumerated().map { index, recommendation in
      self.recommendation(
        recommendation, rank: index + 1, anchor: anchor, areaTitle: titles[recommendation.questionnaire] ?? recommendation.questionnaire,
        actorNames: actorNames)
    }
    let byID = Dictionary(recommendations.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    func groups(_ groups: [ActionPlan.Group]) -> [PlanGroupView] {
      groups.map { group in
        PlanGroupView(
          label: UserText.visible(group.label),
          recommendations: group.recommendations.compactMap { byID[$0] }.map {
            PlanEntryView(id: $0.id, anchor: $0.anchor, title: $0.title, priority: $0.priority, horizon: $0.horizon)
          })
      }
    }
    let radarEntries = zip(result.areas, areas).compactMap { result, view -> RadarChart.Entry? in
      guard let level = result.level?.level else { return nil }
      return RadarChart.Entry(
        label: view.shortTitle, level: level, target: result.sections.compactMap(\.target?.target).max(), uncapped: result.level?.uncapped)
    }
    let modules = result.modules.map(module)
    let heading = [who.country, who.agency].compactMap { $0 }.map(UserText.visible).joined(separator: " — ")
    return RespondentReport(
      anchor: anchor, heading: heading, source: UserText.visible(result.source), country: UserText.visible(who.country),
      agency: who.agency.map(UserText.visible), role: who.role.map(UserText.visible), round: who.round.map(UserText.visible),
      answeredOn: who.date.map(UserText.visible),
      overall: OverallView(
        level: lowest?.level, levelName: lowest?.name, levelClass: Self.levelClass(lowest), levelText: Self.levelText(lowest),
        score: scores.isEmpty ? "–" : Self.score(scores.reduce(0, +) / Double(scores.count)),
        coverage: coverage.summary, areaCount: areas.count),
      criticalFlags: flags, criticalFlagCount: flags.count, areas: areas,
      radar: radarEntries.count == result.areas.count ? RadarChart(radarEntries) : nil,
      recommendations: recommendations, recommendationCount: recommendations.count,
      hasRecommendations: !recommendations.isEmpty,
      topRecommendations: Array(recommendations.prefix(3)),
      actionPlan: ActionPlanView(
        byComponent: groups(result.actionPlan.byComponent), byActor: groups(result.actionPlan.byActor),
        byHorizon: groups(result.actionPlan.byHorizon)),
      modules: modules, failedModules: modules.filter { !$0.ok })
  }

  func area(_ area: AreaResult, anchor: String, language: String) -> AreaView {
    let questionnaire = questionnaires.first { $0.id.value == area.questionnaire && $0.version.value == area.version }
      ?? questionnaires.first { $0.id.value == area.questionnaire }
    let defaultLanguage = questionnaire?.defaultLanguage.value ?? language
    let shortTitle = area.title.split(separator: ":", maxSplits: 1).first.map(String.init) ?? area.title
    let flags = area.criticalFlags.map { flag in
      FlagView(
        area: area.questionnaire, areaTitle: shortTitle, item: flag.item, section: flag.section, text: flag.text,
        answer: flag.answer.map { "“" + UserText.visible(answerLabel($0, item: questionnaire?.item(flag.item), in: questionnaire, language: language)) + "”" }
          .joined(separator: ", "))
    }
    let flagged = Set(area.criticalFlags.map(\.item))
    let sections = area.sections.enumerated().map { index, section in
      let items = area.items.filter { $0.section == section.id }.map { item in
        self.item(item, definition: questionnaire?.item(item.id), questionnaire: questionnaire, language: language,
                  defaultLanguage: defaultLanguage, flagged: flagged.contains(item.id))
      }
      return SectionView(
        anchor: "\(anchor)-s\(index + 1)", id: section.id, ref: section.ref,
        name: (section.ref.map { $0 + " " } ?? "") + section.title, title: section.title, score: Self.score(section.score),
        level: section.level?.level, levelClass: Self.levelClass(section.level), levelText: Self.levelText(section.level),
        sectionCapNote: section.level?.uncapped.map { "capped from \($0) by a critical safeguard" }, coverage: section.coverage.summary,
        target: section.target?.target,
        targetText: section.target.map { "target \($0.target)" + ($0.gap > 0 ? " (gap \($0.gap))" : " (met)") }, items: items)
    }
    return AreaView(
      anchor: anchor, questionnaire: area.questionnaire, version: area.version, title: area.title, shortTitle: shortTitle,
      profile: area.profile, level: area.level?.level, levelClass: Self.levelClass(area.level), levelText: Self.levelText(area.level),
      areaCapNote: area.level?.uncapped.map { "capped from \($0) by a critical safeguard" }, basis: area.level?.basis,
      score: Self.score(area.score), coverage: area.coverage.summary,
      percentToTarget: area.percentToTarget.map { "\(Int(($0 * 100).rounded()))%" }, formulaRule: area.formula?.rule,
      formulaWorked: area.formula?.worked, criticalFlags: flags, criticalFlagCount: flags.count, sections: sections,
      bars: BarChart(
        area.sections.map { BarChart.Entry(label: (($0.ref.map { $0 + " " }) ?? "") + $0.title, level: $0.level?.level, target: $0.target?.target) },
        subject: "section of \(shortTitle)"))
  }

  func item(
    _ item: ItemResult, definition: Item?, questionnaire: Questionnaire?, language: String, defaultLanguage: String, flagged: Bool
  ) -> ItemView {
    let answer = (item.answer ?? []).map { answerLabel($0, item: definition, in: questionnaire, language: language) }
    let references = (definition?.references ?? []).map { citation -> String in
      let reference = questionnaire?.reference(citation.ref.value)
      let title = reference.map { ($0.short ?? $0.title).resolved(in: language, defaultLanguage: defaultLanguage) } ?? citation.ref.value
      return title + (citation.pinpoint.map { ", " + $0 } ?? "")
    }
    return ItemView(
      id: item.id, itemRef: definition?.ref, text: definition?.text.resolved(in: language, defaultLanguage: defaultLanguage) ?? item.id,
      status: Self.status(item.status), answer: answer.isEmpty ? "–" : UserText.visible(answer.joined(separator: "; ")),
      score: Self.score(item.score), weight: Self.number(item.weight), critical: item.critical, deficient: item.deficient,
      flagged: flagged, notes: item.notes.map(UserText.visible), evidence: item.evidence.map(UserText.visible),
      references: references)
  }

  /// The option's label when the answer is one of the scale's options, else the value written.
  func answerLabel(_ value: String, item: Item?, in questionnaire: Questionnaire?, language: String) -> String {
    guard let scaleID = item?.scale?.value, let questionnaire, let option = questionnaire.scale(scaleID)?.option(value) else { return value }
    return option.label.resolved(in: language, defaultLanguage: questionnaire.defaultLanguage.value)
  }

  func recommendation(
    _ recommendation: ScoredRecommendation, rank: Int, anchor: String, areaTitle: String, actorNames: [String: String]
  ) -> RecommendationView {
    let names = Dictionary(BuiltInActors.all.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
      .merging(actorNames) { _, planned in planned }
    let inputs = Dictionary(recommendation.priorityFormula.inputs.map { ($0.id, $0.value) }, uniquingKeysWith: { first, _ in first })
    return RecommendationView(
      id: recommendation.id, anchor: "\(anchor)-\(recommendation.id.lowercased())", rank: rank,
      title: UserText.visible(recommendation.title), questionnaire: recommendation.questionnaire, areaTitle: areaTitle,
      priority: recommendation.priority, severity: recommendation.severity.rawValue, component: recommendation.component.label,
      horizon: recommendation.horizon.label,
      actors: recommendation.actors.map { names[$0] ?? $0 }.map(UserText.visible).joined(separator: ", "),
      actions: recommendation.actions.map(UserText.visible), why: UserText.visible(recommendation.why),
      formula: recommendation.priorityFormula.worked,
      factors: Self.method.factors.map { FactorView(symbol: $0.symbol, name: $0.name, value: inputs[$0.symbol].map { Self.number($0) } ?? "–") },
      references: recommendation.references.map { UserText.visible($0.title + ($0.pinpoint.map { ", " + $0 } ?? "")) },
      items: recommendation.items.joined(separator: ", "), sources: recommendation.sources.joined(separator: ", "))
  }

  func module(_ run: ModuleRun) -> ModuleView {
    var manifest = run.manifest
    if let home = toolkitHome {
      let prefix = home.hasSuffix("/") ? home : home + "/"
      if manifest.hasPrefix(prefix) { manifest = String(manifest.dropFirst(prefix.count)) }
    }
    return ModuleView(
      id: run.id, version: run.version, kind: run.kind.rawValue, manifest: UserText.visible(manifest), sha256: run.sha256,
      ok: run.status == .ok, status: run.status == .ok ? "ok" : "FAILED", findings: run.findings,
      error: run.error.map(UserText.visible), log: run.log.map(UserText.visible))
  }

  static let method = MethodReport(
    coverage:
      "Coverage = answered ÷ applicable. An item applies when the profile keeps it, it is asked, it is not answered "
      + "“not applicable” and it can be scored; “don't know” applies but is not answered.",
    areaScore:
      "Each item's answer has a score from 0 to 1 on its scale. A section's score is the weighted mean of its items' "
      + "scores, Σ(score × weight) ÷ Σ(weight); an area's score is the weighted mean of its sections' scores.",
    level:
      "A score is turned into a maturity level from 0 to 4 by the thresholds its questionnaire declares; "
      + "each area's “level” line below gives the exact basis.",
    criticalCap:
      "A critical safeguard answered deficient caps the level of its section and area, whatever the averages say, "
      + "and is listed first among the critical flags.",
    overall:
      "The overall level is the lowest of the areas' levels: a strategy is only as strong as its weakest area. "
      + "The overall score is the plain mean of the area scores, shown for reference.",
    priority: PriorityFormula.rule,
    factors: [
      FactorView(symbol: "S", name: "severity: critical 1, high 0.75, medium 0.5, low 0.25, info 0", value: ""),
      FactorView(symbol: "G", name: "gap: mean over the finding's items of (aim − score), the aim being the section's target ÷ 4, else 1", value: ""),
      FactorView(symbol: "W", name: "weight: the heaviest of the items ÷ the heaviest item of the questionnaire", value: ""),
      FactorView(symbol: "C", name: "critical: 1 when one of the items is a critical safeguard, else 0", value: ""),
    ],
    percentToTarget: "Percent to target = 1 − Σ(gap) ÷ Σ(target) over the sections the profile sets a target for.")

  static func levelText(_ level: LevelResult?) -> String {
    guard let level else { return "no level (nothing answered)" }
    return "Level \(level.level) \(level.name)"
  }

  static func levelClass(_ level: LevelResult?) -> String {
    level.map { "level-\($0.level)" } ?? "level-none"
  }

  static func score(_ value: Double?) -> String {
    value.map { String(format: "%.2f", $0) } ?? "–"
  }

  static func number(_ value: Double) -> String {
    value == value.rounded() && abs(value) < 1e9 ? String(Int(value)) : String(format: "%.2f", value)
  }

  static func status(_ status: ItemResult.Status) -> String {
    switch status {
    case .answered: return "answered"
    case .unanswered: return "unanswered"
    case .notApplicable: return "not applicable"
    case .unknown: return "don't know"
    case .notAsked: return "not asked"
    case .outOfProfile: return "outside the profile"
    case .calculated: return "calculated"
    }
  }
}
