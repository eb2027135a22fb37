/// Turns one respondent's answers to one questionnaire into scores: per item, per section and
/// for the area, each with its coverage, its level, its formula, and the critical safeguards
/// that cap it. The model and its parameters come from the questionnaire's `scoring`.
public enum ScoringEngine {
  public static func score(_ environment: AnswerEnvironment, answers: QuestionnaireAnswers?, language: String) -> AreaResult {
    let questionnaire = environment.compiled.questionnaire
    let scoring = questionnaire.scoring
    let defaultLanguage = questionnaire.defaultLanguage.value
    let written = Dictionary(answers?.answers.map { ($0.itemID.value, $0) } ?? [], uniquingKeysWith: { first, _ in first })
    var items: [ItemResult] = []
    var sections: [SectionResult] = []
    for section in questionnaire.sections {
      let results = section.items.map { item(for: $0, section: section, in: environment, written: written[$0.id.value]) }
      items += results
      sections.append(
        score(section, items: results, questionnaire: questionnaire, profile: environment.profile, language: language))
    }
    var area = AreaResult(
      questionnaire: questionnaire.id.value, version: questionnaire.version.value,
      title: questionnaire.title.resolved(in: language, defaultLanguage: defaultLanguage),
      profile: environment.profile?.id.value, model: scoring.model.rawValue, score: nil, formula: nil, level: nil,
      coverage: sections.reduce(Coverage()) { $0 + $1.coverage }, percentToTarget: nil,
      criticalFlags: sections.flatMap(\.criticalFlags), sections: sections, items: items)
    let inputs = sections.compactMap { section in
      section.score.map { Formula.Input(id: section.id, value: $0, weight: section.weight) }
    }.filter { ($0.weight ?? 1) > 0 }
    if let (value, formula) = Formula.weightedMean(inputs, of: "section scores") {
      area.score = value
      area.formula = formula
      area.level = areaLevel(value, sections: sections, flags: area.criticalFlags, questionnaire: questionnaire, language: language)
    }
    let targeted = sections.compactMap(\.target)
    let totalTarget = targeted.reduce(0) { $0 + $1.target }
    if totalTarget > 0 {
      area.percentToTarget = 1 - Double(targeted.reduce(0) { $0 + $1.gap }) / Double(totalTarget)
    }
    return area
  }

  // MARK: - Items

  private static func item(for item: Item, section: Section, in environment: AnswerEnvironment, written: Answer?) -> ItemResult {
    let id = item.id.value
    let scorable = item.effectiveWeight > 0 && (item.kind.needsScale || (item.kind.isNumeric && !item.bands.isEmpty))
    var result = ItemResult(
      id: id, section: section.id.value, status: .unanswered, answer: environment.writtenOptions(of: id), score: nil, level: nil,
      weight: item.effectiveWeight, critical: item.critical, deficient: false, scored: false, notes: written?.notes,
      evidence: written?.evidence ?? [])
    guard environment.scope.contains(id) else {
      result.status = .outOfProfile
      return result
    }
    // Scorable items count in coverage even when not asked or not applicable.
    result.scored = scorable
    guard environment.isAsked(id) else {
      result.status = .notAsked
      return result
    }
    switch environment.value(of: id) {
    case .missing(.notApplicable): result.status = .notApplicable
    case .missing(.unknown): result.status = .unknown
    case .missing(.unanswered), .missing(.undefined): result.status = .unanswered
    default: result.status = item.calculate == nil ? .answered : .calculated
    }
    if item.calculate != nil, case let value = environment.value(of: id), !value.isMissing {
      result.answer = [value.description.trimmingQuotes]
    }
    result.scored = scorable
    if result.status == .answered || result.status == .calculated {
      result.score = environment.score(of: id)
      result.level = environment.level(of: id)
    }
    result.deficient = environment.isDeficient(id)
    return result
  }

  // MARK: - Sections

  private static func score(
    _ section: Section, items: [ItemResult], questionnaire: Questionnaire, profile: Profile?, language: String
  ) -> SectionResult {
    let defaultLanguage = questionnaire.defaultLanguage.value
    var coverage = Coverage()
    var inputs: [Formula.Input] = []
    for item in items where item.scored {
      switch item.status {
      case .notAsked: coverage.notAsked += 1
      case .notApplicable: coverage.notApplicable += 1
      case .outOfProfile: break
      case .unknown:
        coverage.applicable += 1
        coverage.unknown += 1
      case .unanswered:
        coverage.applicable += 1
      case .answered, .calculated:
        coverage.applicable += 1
        if let score = item.score {
          coverage.answered += 1
          inputs.append(Formula.Input(id: item.id, value: score, weight: item.weight))
        }
      }
    }
    let flags = items.filter { $0.critical && $0.deficient && $0.status == .answered }.map { item in
      CriticalFlag(
        item: item.id, section: item.section, answer: item.answer ?? [],
        text: questionnaire.item(item.id)?.text.resolved(in: language, defaultLanguage: defaultLanguage) ?? item.id)
    }
    var result = SectionResult(
      id: section.id.value, ref: section.ref, title: section.title.resolved(in: language, defaultLanguage: defaultLanguage),
      weight: section.effectiveWeight, score: nil, formula: nil, level: nil, target: nil, coverage: coverage,
      criticalFlags: flags)
    if let (value, formula) = Formula.weightedMean(inputs, of: "item scores") {
      result.score = value
      result.formula = formula
      var level: LevelResult
      switch questionnaire.scoring.model {
      case .weightedMean: level = levelFromScore(value, questionnaire: questionnaire, language: language)
      case .levelGated: level = gatedLevel(items, questionnaire: questionnaire, language: language)
      }
      result.level = capped(level, by: flags, questionnaire: questionnaire, language: language)
    }
    let inProfile = items.contains { $0.status != .outOfProfile }
    if inProfile, let target = profile?.targets.first(where: { $0.section.value == section.id.value })?.level.value {
      result.target = TargetResult(target: target, gap: max(0, target - (result.level?.level ?? 0)))
    }
    return result
  }

  // MARK: - Levels

  static func name(of level: Int, in questionnaire: Questionnaire, language: String) -> String {
    questionnaire.scoring.levels.first { $0.level.value == level }?.name
      .resolved(in: language, defaultLanguage: questionnaire.defaultLanguage.value) ?? "Level \(level)"
  }

  private static func levelFromScore(_ score: Double, questionnaire: Questionnaire, language: String) -> LevelResult {
    let reached = questionnaire.scoring.levels.last { score >= $0.minimumScore.value - 1e-9 }
    let level = reached?.level.value ?? 0
    let threshold = reached.map { Formula.number($0.minimumScore.value) } ?? "0"
    return LevelResult(
      level: level, name: name(of: level, in: questionnaire, language: language), uncapped: nil,
      basis: "score \(Formula.number(score)) ≥ \(threshold), the least score of level \(level)")
  }

  /// A level counts only when every applicable item of it and of the levels below is met.
  private static func gatedLevel(_ items: [ItemResult], questionnaire: Questionnaire, language: String) -> LevelResult {
    let met = questionnaire.scoring.metScore?.value ?? Scoring.defaultMetScore
    let applicable = items.filter { $0.scored && [.answered, .calculated, .unanswered, .unknown].contains($0.status) }
    func itemLevel(_ item: ItemResult) -> Int { questionnaire.item(item.id)?.level?.value ?? 1 }
    let highest = applicable.map(itemLevel).max() ?? 0
    var level = 0
    var blocker: ItemResult?
    for candidate in stride(from: 1, through: highest, by: 1) {
      if let unmet = applicable.first(where: { itemLevel($0) == candidate && ($0.score ?? -1) < met - 1e-9 }) {
        blocker = unmet
        break
      }
      level = candidate
    }
    var basis = level == 0 ? "no level is met" : "every item of levels 1–\(level) scores at least \(Formula.number(met))"
    if let blocker {
      basis += "; \(blocker.id) (level \(itemLevel(blocker))) " + (blocker.score.map { "scores \(Formula.number($0))" } ?? "has no score")
    }
    return LevelResult(level: level, name: name(of: level, in: questionnaire, language: language), uncapped: nil, basis: basis)
  }

  /// PEFA's weakest link: a critical safeguard answered deficient caps the level.
  private static func capped(_ level: LevelResult, by flags: [CriticalFlag], questionnaire: Questionnaire, language: String) -> LevelResult {
    guard let cap = questionnaire.scoring.criticalCap?.value, !flags.isEmpty, level.level > cap else { return level }
    let names = flags.map(\.item).joined(separator: ", ")
    return LevelResult(
      level: cap, name: name(of: cap, in: questionnaire, language: language), uncapped: level.level,
      basis: level.basis + "; capped at \(cap) because critical safeguard\(flags.count == 1 ? "" : "s") \(names) \(flags.count == 1 ? "is" : "are") answered deficient")
  }

  private static func areaLevel(
    _ score: Double, sections: [SectionResult], flags: [CriticalFlag], questionnaire: Questionnaire, language: String
  ) -> LevelResult {
    let level: LevelResult
    switch questionnaire.scoring.model {
    case .weightedMean:
      level = levelFromScore(score, questionnaire: questionnaire, language: language)
    case .levelGated:
      let weakest = sections.filter { $0.weight > 0 }.compactMap { section in section.level.map { (section.id, $0.uncapped ?? $0.level) } }
        .min { $0.1 < $1.1 }
      let value = weakest?.1 ?? 0
      level = LevelResult(
        level: value, name: name(of: value, in: questionnaire, language: language), uncapped: nil,
        basis: weakest.map { "the lowest section level, \($0.0)" } ?? "no section has a level")
    }
    return capped(level, by: flags, questionnaire: questionnaire, language: language)
  }
}

extension String {
  /// `'text'` as ExpressionValue prints it, without the quotes.
  fileprivate var trimmingQuotes: String {
    hasPrefix("'") && hasSuffix("'") && count >= 2 ? String(dropFirst().dropLast()) : self
  }
}
