/// Compares two assessments of the same country, area by area (see ``Comparison``).
public enum ProgressComparison {
  /// - Parameter questionnaires: the questionnaires both were scored with, to place answers on the level scale.
  public static func compare(baseline: AssessmentResult, followUp: AssessmentResult, questionnaires: [CompiledQuestionnaire]) -> Comparison {
    var areas: [AreaComparison] = []
    let laterAreas = Dictionary(followUp.areas.map { ($0.questionnaire, $0) }, uniquingKeysWith: { first, _ in first })
    let earlierIDs = Set(baseline.areas.map(\.questionnaire))
    for area in baseline.areas {
      areas.append(compare(area, laterAreas[area.questionnaire], questionnaires: questionnaires))
    }
    for area in followUp.areas where !earlierIDs.contains(area.questionnaire) {
      areas.append(compare(nil, area, questionnaires: questionnaires))
    }
    return Comparison(
      baseline: round(baseline), followUp: round(followUp), areas: areas,
      recommendations: recommendations(baseline.recommendations, followUp.recommendations))
  }

  private static func round(_ result: AssessmentResult) -> ComparedRound {
    ComparedRound(
      source: result.source, country: result.respondent.country, agency: result.respondent.agency, round: result.respondent.round,
      date: result.respondent.date)
  }

  private static func standing(_ area: AreaResult?) -> RoundStanding? {
    area.map { RoundStanding(version: $0.version, score: $0.score, level: $0.level?.level, percentToTarget: $0.percentToTarget) }
  }

  private static func compare(_ earlier: AreaResult?, _ later: AreaResult?, questionnaires: [CompiledQuestionnaire]) -> AreaComparison {
    let either = (later ?? earlier)!
    let sectionIDs = (later ?? earlier)?.sections.map(\.id) ?? []
    let earlierSections = Dictionary((earlier?.sections ?? []).map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    let laterSections = Dictionary((later?.sections ?? []).map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    var gained = 0
    var needed = 0
    let sections = sectionIDs.map { id -> SectionComparison in
      let before = earlierSections[id]
      let after = laterSections[id]
      let target = after?.target?.target ?? before?.target?.target
      var comparison = SectionComparison(
        id: id, title: (after ?? before)?.title ?? id, baselineScore: before?.score, followUpScore: after?.score,
        baselineLevel: before?.level?.level, followUpLevel: after?.level?.level, target: target, levelChange: nil,
        progressToDate: nil, gap: after?.target?.gap)
      if let then = before?.level?.level, let now = after?.level?.level {
        comparison.levelChange = now - then
        if let target, target > then {
          comparison.progressToDate = Double(now - then) / Double(target - then)
          gained += now - then
          needed += target - then
        }
      }
      return comparison
    }
    let items = compareItems(earlier, later, questionnaires: questionnaires)
    let flaggedBefore = Set(earlier?.criticalFlags.map(\.item) ?? [])
    let flaggedAfter = Set(later?.criticalFlags.map(\.item) ?? [])
    var comparison = AreaComparison(
      questionnaire: either.questionnaire, title: either.title, baseline: standing(earlier), followUp: standing(later), scoreChange: nil,
      levelChange: nil, progressToDate: needed > 0 ? Double(gained) / Double(needed) : nil, sections: sections, items: items,
      improved: items.filter { $0.change == .improved }.map(\.id), regressed: items.filter { $0.change == .regressed }.map(\.id),
      newlyCritical: (later?.criticalFlags.map(\.item) ?? []).filter { !flaggedBefore.contains($0) },
      resolvedCritical: (earlier?.criticalFlags.map(\.item) ?? []).filter { !flaggedAfter.contains($0) })
    if let then = earlier?.score, let now = later?.score { comparison.scoreChange = now - then }
    if let then = earlier?.level?.level, let now = later?.level?.level { comparison.levelChange = now - then }
    return comparison
  }

  private static func compareItems(_ earlier: AreaResult?, _ later: AreaResult?, questionnaires: [CompiledQuestionnaire]) -> [ItemComparison] {
    func questionnaire(_ area: AreaResult?) -> Questionnaire? {
      guard let area else { return nil }
      return questionnaires.first { $0.questionnaire.id.value == area.questionnaire && $0.questionnaire.version.value == area.version }?
        .questionnaire
    }
    let earlierQuestionnaire = questionnaire(earlier)
    let laterQuestionnaire = questionnaire(later)
    let earlierItems = Dictionary((earlier?.items ?? []).map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    let laterItems = Dictionary((later?.items ?? []).map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    var ids = (later ?? earlier)?.items.map(\.id) ?? []
    if let later, let earlier {
      let known = Set(later.items.map(\.id))
      ids += earlier.items.map(\.id).filter { !known.contains($0) }
    }
    return ids.map { id in
      let before = earlierItems[id]
      let after = laterItems[id]
      let beforeLevel = level(before, in: earlierQuestionnaire)
      let afterLevel = level(after, in: laterQuestionnaire)
      let beforeAnswer = answered(before) ? before?.answer : nil
      let afterAnswer = answered(after) ? after?.answer : nil
      var change = ItemComparison.Change.notScored
      var delta: Double?
      if let beforeLevel, let afterLevel {
        delta = afterLevel - beforeLevel
        change = afterLevel > beforeLevel + 1e-9 ? .improved : afterLevel < beforeLevel - 1e-9 ? .regressed : .unchanged
      } else if beforeAnswer == nil, afterAnswer != nil {
        change = .newlyAnswered
      } else if beforeAnswer != nil, afterAnswer == nil {
        change = .noLongerAnswered
      } else if let beforeAnswer, beforeAnswer == afterAnswer {
        change = .unchanged
      }
      return ItemComparison(
        id: id, section: (after ?? before)?.section ?? "", critical: (after ?? before)?.critical ?? false, baselineAnswer: beforeAnswer,
        followUpAnswer: afterAnswer, baselineLevel: beforeLevel, followUpLevel: afterLevel, levelChange: delta, change: change)
    }
  }

  private static func answered(_ result: ItemResult?) -> Bool {
    guard let status = result?.status else { return false }
    return [.answered, .calculated, .notApplicable, .unknown].contains(status)
  }

  private static func level(_ result: ItemResult?, in questionnaire: Questionnaire?) -> Double? {
    guard let result, let questionnaire, let item = questionnaire.item(result.id),
      result.status == .answered || result.status == .calculated
    else { return nil }
    return ItemAccumulator.level(of: result, item: item, in: questionnaire)
  }

  private static func recommendations(_ earlier: [ScoredRecommendation], _ later: [ScoredRecommendation]) -> RecommendationProgress {
    func key(_ recommendation: ScoredRecommendation) -> String {
      recommendation.questionnaire + "\u{0}" + (recommendation.sources.isEmpty ? recommendation.title : recommendation.sources.sorted().joined(separator: ","))
    }
    let laterByKey = Dictionary(later.map { (key($0), $0) }, uniquingKeysWith: { first, _ in first })
    let earlierKeys = Set(earlier.map(key))
    var progress = RecommendationProgress(done: [], open: [], new: [])
    for recommendation in earlier {
      let after = laterByKey[key(recommendation)]
      let status = RecommendationStatus(
        questionnaire: recommendation.questionnaire, title: recommendation.title, sources: recommendation.sources,
        baselinePriority: recommendation.priority, followUpPriority: after?.priority)
      if after == nil { progress.done.append(status) } else { progress.open.append(status) }
    }
    for recommendation in later where !earlierKeys.contains(key(recommendation)) {
      progress.new.append(
        RecommendationStatus(
          questionnaire: recommendation.questionnaire, title: recommendation.title, sources: recommendation.sources,
          baselinePriority: nil, followUpPriority: recommendation.priority))
    }
    return progress
  }
}
