import Foundation

/// The running counts of one item: how often each answer was given, the answers' places on
/// the level scale and, for numbers, the numbers, each as a ``Histogram``.
struct ItemAccumulator {
  let item: Item
  private var counts: [String: Int] = [:]
  private var firstSeen: [String] = []
  private var levels = Histogram()
  private var numbers = Histogram()
  private var notApplicable = 0
  private var dontKnow = 0
  private var unanswered = 0
  var answers: [RespondentAnswer]? = []

  init(item: Item) {
    self.item = item
  }

  /// Free text and dates are counted, never tallied: thousands of distinct texts would grow without bound.
  private var tallies: Bool { item.kind != .text && item.kind != .date }

  mutating func fold(_ result: ItemResult, questionnaire: Questionnaire, respondent: String, keepDetail: Bool) {
    var level: Double?
    var written: [String]?
    switch result.status {
    case .answered, .calculated:
      written = result.answer
      level = Self.level(of: result, item: item, in: questionnaire)
      if let level { levels.add(level) }
      if item.kind.isNumeric, let number = result.answer?.first.flatMap(Double.init) { numbers.add(number) }
    case .notApplicable:
      written = result.answer
      notApplicable += 1
    case .unknown:
      written = result.answer
      dontKnow += 1
    case .unanswered, .notAsked, .outOfProfile:
      unanswered += 1
    }
    if let written, tallies {
      let key = written.joined(separator: ", ")
      if counts[key] == nil { firstSeen.append(key) }
      counts[key, default: 0] += 1
    }
    if keepDetail {
      answers?.append(RespondentAnswer(respondent: respondent, answer: written, status: result.status, level: level, notes: result.notes))
    }
  }

  /// An answer's place on the level scale: the option's level on a maturity scale, else four
  /// times its score, so yes (1) is 4, partial (0.5) is 2 and no (0) is 0.
  static func level(of result: ItemResult, item: Item, in questionnaire: Questionnaire) -> Double? {
    if item.kind == .choice, let value = result.answer?.first,
      let level = item.scale.flatMap({ questionnaire.scale($0.value) })?.option(value)?.level?.value
    {
      return Double(level)
    }
    return result.score.map { $0 * 4 }
  }

  static func level(of option: ScaleOption) -> Double? {
    option.level.map { Double($0.value) } ?? option.score.map { $0.value * 4 }
  }

  func summary(in questionnaire: Questionnaire, rule: AppliedWorkshopRule, language: String, keepDetail: Bool) -> WorkshopItem {
    let defaultLanguage = questionnaire.defaultLanguage.value
    let scale = item.scale.flatMap { questionnaire.scale($0.value) }
    let levelSpread = Spread(levels)
    let agreement = levels.total >= 2 ? levels.agreement(width: 4) : nil
    var reasons: [String] = []
    if levels.total >= 2, let spread = levelSpread {
      if spread.iqr > rule.discussWhenIQRAbove {
        reasons.append("IQR of \(short(spread.iqr)) levels is above \(short(rule.discussWhenIQRAbove))")
      }
      if let threshold = rule.discussWhenAgreementBelow, let agreement, agreement < threshold {
        reasons.append("agreement \(short(agreement)) is below \(short(threshold))")
      }
    }
    return WorkshopItem(
      id: item.id.value, section: questionnaire.sections.first { $0.items.contains { $0.id.value == item.id.value } }?.id.value ?? "",
      text: item.text.resolved(in: language, defaultLanguage: defaultLanguage), kind: item.kind.rawValue,
      weight: item.effectiveWeight, critical: item.critical, scored: levels.total, notApplicable: notApplicable,
      dontKnow: dontKnow, unanswered: unanswered,
      distribution: distribution(scale: scale, language: language, defaultLanguage: defaultLanguage),
      levels: levelSpread, numbers: item.kind.isNumeric ? Spread(numbers) : nil, agreement: agreement,
      proposed: proposed(scale: scale), discuss: !reasons.isEmpty, reasons: reasons, answers: keepDetail ? answers : nil)
  }

  private func distribution(scale: Scale?, language: String, defaultLanguage: String) -> [AnswerCount] {
    if item.kind == .choice, let scale {
      let known = Set(scale.options.map(\.value.value))
      return scale.options.compactMap { option -> AnswerCount? in
        guard let count = counts[option.value.value] else { return nil }
        return AnswerCount(
          value: option.value.value, label: option.label.resolved(in: language, defaultLanguage: defaultLanguage),
          level: option.isScored ? Self.level(of: option) : nil, count: count)
      } + firstSeen.filter { !known.contains($0) }.map { AnswerCount(value: $0, label: nil, level: nil, count: counts[$0] ?? 0) }
    }
    let keys = item.kind.isNumeric
      ? firstSeen.sorted { (Double($0) ?? .infinity, $0) < (Double($1) ?? .infinity, $1) } : firstSeen
    return keys.map { AnswerCount(value: $0, label: nil, level: nil, count: counts[$0] ?? 0) }
  }

  /// What the consensus file starts from: the most common special answer when "not
  /// applicable" or "don't know" outnumber real answers; else the option nearest the median
  /// level (the lower one on a tie, erring towards the safeguard being weaker), the median
  /// number, or the most common answer.
  private func proposed(scale: Scale?) -> [String]? {
    let special = notApplicable + dontKnow
    if special > 0, special > levels.total + numbers.total, let scale {
      let specialValues = Set(scale.options.filter { !$0.isScored }.map(\.value.value))
      return mode(among: firstSeen.filter { specialValues.contains($0) }).map { [$0] }
    }
    if item.kind == .choice, let scale, let median = levels.median {
      let nearest = scale.scoredOptions.compactMap { option in Self.level(of: option).map { (option, $0) } }
        .min { left, right in
          let (a, b) = (abs(left.1 - median), abs(right.1 - median))
          return a != b ? a < b : left.1 < right.1
        }
      if let nearest { return [nearest.0.value.value] }
    }
    if item.kind.isNumeric, let median = numbers.median {
      let value = item.integer == true || numbers.counts.keys.allSatisfy { $0 == $0.rounded() } ? median.rounded(.down) : median
      return [format(value)]
    }
    guard tallies else { return nil }
    return mode(among: firstSeen).map { item.kind == .multi ? $0.components(separatedBy: ", ") : [$0] }
  }

  private func mode(among keys: [String]) -> String? {
    var best: String?
    for key in keys where best == nil || (counts[key] ?? 0) > (counts[best!] ?? 0) {
      best = key
    }
    return best
  }
}

/// A number with at most two decimals, as the workshop texts show it.
func short(_ value: Double) -> String {
  format((value * 100).rounded() / 100)
}
