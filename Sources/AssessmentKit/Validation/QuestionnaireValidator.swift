/// Checks the meaning of a questionnaire that its shape alone cannot show: unique ids,
/// references that resolve, scores and levels in range, scales that fit their items.
public enum QuestionnaireValidator {
  public static func validate(_ document: Document<Questionnaire>) -> [Diagnostic] {
    validate(document, compiled: CompiledQuestionnaire(document.model))
  }

  /// - Parameter compiled: the same questionnaire, compiled, so its expression problems are reported too.
  public static func validate(_ document: Document<Questionnaire>, compiled: CompiledQuestionnaire) -> [Diagnostic] {
    let questionnaire = document.model
    var checks = CommonChecks()
    checks.checkPackageID(questionnaire.id, what: "questionnaire")
    checks.checkVersion(questionnaire.version)
    checks.checkLanguages(defaultLanguage: questionnaire.defaultLanguage, languages: questionnaire.languages)
    checks.checkTranslations(
      document.texts, defaultLanguage: questionnaire.defaultLanguage.value,
      languages: questionnaire.languages.map(\.value))
    checks.checkActorDefinitions(questionnaire.actors)
    checks.checkReferences(questionnaire.references)
    checkScales(questionnaire.scales, into: &checks)
    checkScoring(questionnaire.scoring, into: &checks)
    checkSections(questionnaire, into: &checks)
    checkProfiles(questionnaire, into: &checks)
    MigrationValidator.check(questionnaire, into: &checks)
    return checks.diagnostics + compiled.diagnostics
  }

  private static func checkScales(_ scales: [Scale], into checks: inout CommonChecks) {
    checks.checkUnique(scales.map(\.id), what: "scale")
    for scale in scales {
      checks.checkID(scale.id, what: "scale")
      checks.checkUnique(scale.options.map(\.value), what: "option value")
      for option in scale.options {
        checkOption(option, into: &checks)
      }
    }
  }

  private static func checkOption(_ option: ScaleOption, into checks: inout CommonChecks) {
    let value = option.value.value
    if option.notApplicable && option.unknown {
      checks.add(
        .error(
          .schemaConflict, "option `\(value)` is marked both `na` and `unknown`",
          hint: "an option is either \"not applicable\" or \"don't know\", not both", at: option.location))
    }
    if let score = option.score {
      if !option.isScored {
        checks.add(
          .error(
            .schemaConflict, "option `\(value)` has a score, but \(option.notApplicable ? "`na`" : "`unknown`") options are not scored",
            hint: "remove `score`", at: score.location))
      } else if !(0...1).contains(score.value) {
        checks.add(
          .error(
            .numberOutOfRange, "score \(format(score.value)) of option `\(value)` is outside 0…1",
            hint: "scores run from 0 (worst) to 1 (best)", at: score.location))
      }
    } else if option.isScored {
      checks.add(
        .error(
          .schemaMissingKey, "option `\(value)` has no `score`",
          hint: "add `score:` from 0 to 1, or mark it `na: true` or `unknown: true`", at: option.location))
    }
    if let level = option.level, !(0...4).contains(level.value) {
      checks.add(
        .error(.numberOutOfRange, "level \(level.value) is outside 0…4", hint: "maturity levels run from 0 to 4", at: level.location))
    }
    if option.deficient && !option.isScored {
      checks.add(
        .error(
          .schemaConflict, "option `\(value)` is marked `deficient`, but it is not a scored answer",
          hint: "remove `deficient`", at: option.location))
    }
  }

  private static func checkScoring(_ scoring: Scoring, into checks: inout CommonChecks) {
    if let cap = scoring.criticalCap, !(0...4).contains(cap.value) {
      checks.add(
        .error(.numberOutOfRange, "`critical_cap` \(cap.value) is outside 0…4", hint: "write a level from 0 to 4", at: cap.location))
    }
    if let met = scoring.metScore, !(0...1).contains(met.value) {
      checks.add(.error(.numberOutOfRange, "`met_score` \(format(met.value)) is outside 0…1", hint: "write a score from 0 to 1", at: met.location))
    }
    var previous: MaturityLevel?
    for level in scoring.levels {
      if !(0...4).contains(level.level.value) {
        checks.add(
          .error(.numberOutOfRange, "level \(level.level.value) is outside 0…4", hint: "levels run from 0 to 4", at: level.level.location))
      }
      if !(0...1).contains(level.minimumScore.value) {
        checks.add(
          .error(
            .numberOutOfRange, "`min_score` \(format(level.minimumScore.value)) is outside 0…1",
            hint: "write a score from 0 to 1", at: level.minimumScore.location))
      }
      if let previous, level.level.value <= previous.level.value || level.minimumScore.value <= previous.minimumScore.value {
        checks.add(
          .error(
            .numberOutOfRange, "levels must rise in order, each with a higher `min_score` than the one before",
            hint: "list level 0 first, with `min_score: 0`", at: level.level.location))
      }
      previous = level
    }
    checks.checkUnique(scoring.levels.map { Located(String($0.level.value), at: $0.level.location) }, what: "level")
  }

  private static func checkSections(_ questionnaire: Questionnaire, into checks: inout CommonChecks) {
    let sectionIDs = questionnaire.sections.map(\.id)
    let itemIDs = questionnaire.items.map(\.id)
    // Sections and items share one id space: answers, targets and expressions name either.
    checks.checkUnique(sectionIDs + itemIDs, what: "section or item")
    let scaleIDs = questionnaire.scales.map(\.id.value)
    let actors = questionnaire.knownActorIDs
    for section in questionnaire.sections {
      checks.checkID(section.id, what: "section")
      checkWeight(section.weight, into: &checks)
      for item in section.items {
        checks.checkID(item.id, what: "item")
        checkWeight(item.weight, into: &checks)
        if item.hasKnownKind {
          checkItemScale(item, questionnaire: questionnaire, scaleIDs: scaleIDs, into: &checks)
          checkNumericKeys(item, into: &checks)
        }
        if let level = item.level, !(1...4).contains(level.value) {
          checks.add(
            .error(.numberOutOfRange, "item level \(level.value) is outside 1…4", hint: "write a level from 1 to 4", at: level.location))
        }
        checks.checkActors(item.actors, known: actors)
        checks.checkCitations(item.references, references: questionnaire.references)
        if item.references.isEmpty {
          checks.add(
            .warning(
              .itemUncited, "item `\(item.id.value)` cites no instrument",
              hint: "add `references: [{ref: …, pinpoint: …}]` naming what the item rests on", at: item.id.location))
        }
      }
    }
  }

  private static func checkWeight(_ weight: Located<Double>?, into checks: inout CommonChecks) {
    guard let weight, weight.value < 0 else { return }
    checks.add(
      .error(
        .weightNegative, "weight \(format(weight.value)) is below zero",
        hint: "use 0 to leave it out of the score, 1 for normal weight, 2 for double", at: weight.location))
  }

  private static func checkItemScale(
    _ item: Item, questionnaire: Questionnaire, scaleIDs: [String], into checks: inout CommonChecks
  ) {
    guard let scaleRef = item.scale else {
      if item.kind.needsScale {
        checks.add(
          .error(
            .schemaMissingKey, "\(item.kind.rawValue) item `\(item.id.value)` has no `scale`",
            hint: "add `scale:` naming one of: \(scaleIDs.joined(separator: ", "))", at: item.id.location))
      }
      return
    }
    guard let scale = questionnaire.scale(scaleRef.value) else {
      checks.add(
        .error(
          .refUnknownScale, "no scale with id `\(scaleRef.value)`",
          hint: Suggestion.hint(for: scaleRef.value, among: scaleIDs) ?? "define it under `scales`",
          at: scaleRef.location))
      return
    }
    if item.kind.needsScale && scale.scoredOptions.isEmpty {
      checks.add(
        .error(
          .scaleInvalid, "scale `\(scale.id.value)` has only \"not applicable\" and \"don't know\" options, so a \(item.kind.rawValue) item cannot be answered on it",
          hint: "use a scale with scored options", at: scaleRef.location))
    }
    if !item.kind.needsScale && !scale.scoredOptions.isEmpty {
      checks.add(
        .error(
          .scaleInvalid, "a \(item.kind.rawValue) item takes only special answers from its scale, but `\(scale.id.value)` has scored options",
          hint: "use a scale of `na` and `unknown` options only", at: scaleRef.location))
    }
  }

  private static func checkNumericKeys(_ item: Item, into checks: inout CommonChecks) {
    guard item.kind.isNumeric else {
      if let location = item.numericKeysLocation {
        checks.add(
          .error(
            .schemaConflict, "`min`, `max`, `integer`, `unit` and `bands` apply only to number and percent items",
            hint: "set `type: number`, or remove them", at: location))
      }
      return
    }
    if item.kind == .percent, item.integer != nil || item.unit != nil, let location = item.numericKeysLocation {
      checks.add(
        .warning(.schemaConflict, "a percent item is measured in per cent already", hint: "remove `unit` and `integer`", at: location))
    }
    let (minimum, maximum) = item.bounds
    if let minimum, let maximum, minimum > maximum {
      checks.add(
        .error(
          .numberOutOfRange, "`min` \(format(minimum)) is above `max` \(format(maximum))",
          hint: "swap them", at: item.minimum?.location ?? item.maximum?.location ?? item.location))
    }
    if item.kind == .percent {
      for bound in [item.minimum, item.maximum].compactMap({ $0 }) where !(0...100).contains(bound.value) {
        checks.add(
          .error(.numberOutOfRange, "\(format(bound.value)) is outside 0…100 for a percent item", at: bound.location))
      }
    }
    for band in item.bands {
      if !(0...1).contains(band.score.value) {
        checks.add(
          .error(
            .numberOutOfRange, "band score \(format(band.score.value)) is outside 0…1",
            hint: "scores run from 0 (worst) to 1 (best)", at: band.score.location))
      }
      if let low = band.minimum, let high = band.maximum, low.value > high.value {
        checks.add(
          .error(.numberOutOfRange, "band `min` \(format(low.value)) is above its `max` \(format(high.value))", at: low.location))
      }
    }
  }

  private static func checkProfiles(_ questionnaire: Questionnaire, into checks: inout CommonChecks) {
    checks.checkUnique(questionnaire.profiles.map(\.id), what: "profile")
    let sectionIDs = questionnaire.sections.map(\.id.value)
    let allIDs = sectionIDs + questionnaire.items.map(\.id.value)
    for profile in questionnaire.profiles {
      checks.checkID(profile.id, what: "profile")
      for id in profile.include + profile.exclude where !allIDs.contains(id.value) {
        checks.add(
          .error(
            .refUnknownItem, "no section or item with id `\(id.value)`",
            hint: Suggestion.hint(for: id.value, among: allIDs), at: id.location))
      }
      for target in profile.targets {
        if !sectionIDs.contains(target.section.value) {
          checks.add(
            .error(
              .refUnknownItem, "no section with id `\(target.section.value)`",
              hint: Suggestion.hint(for: target.section.value, among: sectionIDs) ?? "targets are set per section",
              at: target.section.location))
        }
        if !(0...4).contains(target.level.value) {
          checks.add(
            .error(
              .numberOutOfRange, "target level \(target.level.value) is outside 0…4", hint: "write a level from 0 to 4",
              at: target.level.location))
        }
      }
    }
  }
}

/// A number as people write it: `2`, not `2.0`; `0.25`, not `0.25000000001`.
func format(_ value: Double) -> String {
  if value == value.rounded(), abs(value) < 1e15 { return String(Int(value)) }
  return String(value)
}
