/// The running counts of one questionnaire's items across the respondents folded so far.
struct AreaAccumulator {
  let questionnaire: Questionnaire
  let language: String
  private var items: [ItemAccumulator]
  private var profiles = Set<String?>()

  init(questionnaire: Questionnaire, language: String) {
    self.questionnaire = questionnaire
    self.language = language
    items = questionnaire.items.map { ItemAccumulator(item: $0) }
  }

  var commonProfile: String? { profiles.count == 1 ? profiles.first ?? nil : nil }

  mutating func fold(_ area: AreaResult, profile: String?, respondent: String, keepDetail: Bool) {
    profiles.insert(profile)
    for (index, result) in area.items.enumerated() where index < items.count && items[index].item.id.value == result.id {
      items[index].fold(result, questionnaire: questionnaire, respondent: respondent, keepDetail: keepDetail)
    }
  }

  mutating func dropDetail() {
    for index in items.indices { items[index].answers = nil }
  }

  func summary(respondentCount: Int, keepDetail: Bool) -> WorkshopArea {
    let rules = questionnaire.workshop
    let rule = AppliedWorkshopRule(
      discussWhenIQRAbove: rules.iqrThreshold, discussWhenAgreementBelow: rules.agreementThreshold, criticalFactor: rules.criticalWeight)
    let defaultLanguage = questionnaire.defaultLanguage.value
    let summaries = items.map { $0.summary(in: questionnaire, rule: rule, language: language, keepDetail: keepDetail) }
    let discussed = summaries.enumerated().filter { $0.element.discuss }.map { offset, item -> (Int, DiscussionEntry) in
      let factor = item.critical ? rule.criticalFactor : 1
      let iqr = item.levels?.iqr ?? 0
      let dissenters = item.answers.map { answers in
        answers.filter { $0.answer != nil && $0.answer != item.proposed }.map(\.respondent)
      }
      return (
        offset,
        DiscussionEntry(
          rank: 0, item: item.id, priority: iqr * item.weight * factor, iqr: iqr, range: item.levels?.range ?? 0,
          agreement: item.agreement, critical: item.critical, dissenters: dissenters)
      )
    }
    let ordered = discussed.sorted { left, right in
      let (a, b) = (left.1, right.1)
      if a.priority != b.priority { return a.priority > b.priority }
      if a.range != b.range { return a.range > b.range }
      if (a.agreement ?? 1) != (b.agreement ?? 1) { return (a.agreement ?? 1) < (b.agreement ?? 1) }
      return left.0 < right.0
    }
    let discussion = ordered.enumerated().map { rank, entry in
      var ranked = entry.1
      ranked.rank = rank + 1
      return ranked
    }
    return WorkshopArea(
      questionnaire: questionnaire.id.value, version: questionnaire.version.value,
      title: questionnaire.title.resolved(in: language, defaultLanguage: defaultLanguage), profile: commonProfile, rule: rule,
      respondents: respondentCount, items: summaries, discussion: discussion)
  }
}
