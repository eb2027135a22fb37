/// Checks answers against the questionnaires they answer: the items exist, each value is one
/// the item accepts, numbers are within limits, and the versions match.
public enum AnswersValidator {
  /// - Parameter questionnaires: every questionnaire known to this run, any version.
  public static func validate(_ document: Document<AnswerSet>, against questionnaires: [Questionnaire]) -> [Diagnostic] {
    validate(document, against: questionnaires.map(CompiledQuestionnaire.init))
  }

  /// - Parameter questionnaires: every questionnaire known to this run, any version, compiled once.
  public static func validate(_ document: Document<AnswerSet>, against questionnaires: [CompiledQuestionnaire]) -> [Diagnostic] {
    var checks = CommonChecks()
    let respondent = document.model.respondent
    if let date = respondent.date, !IdentifierRules.isValidDate(date.value) {
      checks.add(
        .error(.schemaInvalidValue, "`\(date.value)` is not a date", hint: "write it as YYYY-MM-DD, such as `2026-03-14`", at: date.location))
    }
    if let language = respondent.language, !IdentifierRules.isValidLanguage(language.value) {
      checks.add(
        .error(.schemaInvalidValue, "`\(language.value)` is not a language code", hint: "use a code such as `en` or `fr`", at: language.location))
    }
    var seen: [String: SourceLocation] = [:]
    for block in document.model.questionnaires {
      if let first = seen[block.questionnaireID.value] {
        checks.add(
          .error(
            .answerDuplicateQuestionnaire, "questionnaire `\(block.questionnaireID.value)` is answered twice in this file; first at line \(first.line)",
            hint: "merge the two lists of answers", at: block.questionnaireID.location))
        continue
      }
      seen[block.questionnaireID.value] = block.questionnaireID.location
      checkBlock(block, questionnaires: questionnaires, into: &checks)
    }
    return checks.diagnostics
  }

  private static func checkBlock(_ block: QuestionnaireAnswers, questionnaires: [CompiledQuestionnaire], into checks: inout CommonChecks) {
    let candidates = questionnaires.filter { $0.questionnaire.id.value == block.questionnaireID.value }
    guard !candidates.isEmpty else {
      let known = Set(questionnaires.map(\.questionnaire.id.value)).sorted()
      checks.add(
        .error(
          .refUnknownQuestionnaire, "no questionnaire with id `\(block.questionnaireID.value)` was found",
          hint: Suggestion.hint(for: block.questionnaireID.value, among: known)
            ?? (known.isEmpty
              ? "pass the questionnaire file or its folder too, e.g. `assess validate Questionnaires \(block.location.file)`"
              : "known questionnaires: \(known.joined(separator: ", "))"),
          at: block.questionnaireID.location))
      return
    }
    checks.checkVersion(block.version)
    guard let compiled = pick(candidates, for: block.version, into: &checks) else { return }
    let questionnaire = compiled.questionnaire
    if let profile = block.profile, questionnaire.profile(profile.value) == nil {
      let known = questionnaire.profiles.map(\.id.value)
      checks.add(
        .error(
          .refUnknownProfile, "questionnaire `\(questionnaire.id.value)` has no profile `\(profile.value)`",
          hint: Suggestion.hint(for: profile.value, among: known)
            ?? (known.isEmpty ? "remove `profile`" : "its profiles: \(known.joined(separator: ", "))"),
          at: profile.location))
    }
    checks.checkUnique(block.answers.map(\.itemID), what: "answered item")
    let itemIDs = questionnaire.items.map(\.id.value)
    var wellFormed: [Answer] = []
    for answer in block.answers {
      guard let item = questionnaire.item(answer.itemID.value) else {
        let isSection = questionnaire.section(answer.itemID.value) != nil
        checks.add(
          .error(
            .answerUnknownItem,
            isSection
              ? "`\(answer.itemID.value)` is a section; answer its items one by one"
              : "questionnaire `\(questionnaire.id.value)` has no item `\(answer.itemID.value)`",
            hint: isSection ? nil : Suggestion.hint(for: answer.itemID.value, among: itemIDs),
            at: answer.itemID.location))
        continue
      }
      if let value = answer.value {
        let before = checks.diagnostics.count
        checkValue(value, of: item, in: questionnaire, into: &checks)
        if checks.diagnostics.count == before { wellFormed.append(answer) }
      }
      if let consensus = answer.consensus {
        checkConsensus(consensus, of: item, in: questionnaire, into: &checks)
      }
    }
    checkLogic(block, wellFormed: wellFormed, compiled: compiled, into: &checks)
  }

  /// Relevance, calculations and constraints, on the answers whose values are well formed.
  private static func checkLogic(
    _ block: QuestionnaireAnswers, wellFormed: [Answer], compiled: CompiledQuestionnaire, into checks: inout CommonChecks
  ) {
    guard compiled.diagnostics.isEmpty else { return }
    var usable = block
    usable.answers = wellFormed
    let environment = AnswerEnvironment(compiled, answers: usable)
    let questionnaire = compiled.questionnaire
    let language = questionnaire.defaultLanguage.value
    for answer in wellFormed {
      guard let item = questionnaire.item(answer.itemID.value) else { continue }
      let location = answer.value?.location ?? answer.location
      if let calculation = item.calculate {
        checks.add(
          .warning(
            .answerCalculated, "item `\(item.id.value)` is calculated (`\(calculation.text)`), so this answer is ignored",
            hint: "remove the answer", at: location))
      } else if !environment.scope.contains(item.id.value) {
        checks.add(
          .warning(
            .answerNotRelevant, "item `\(item.id.value)` is not part of profile `\(environment.profile?.id.value ?? "")`, so this answer is ignored",
            hint: "answer under another profile, or remove this one", at: location))
      } else if !environment.isAsked(item.id.value) {
        checks.add(
          .warning(
            .answerNotRelevant, "item `\(item.id.value)` is not asked with these answers (`relevant: \(item.relevant?.text ?? "")` is false), so this answer is ignored",
            hint: "check the answers it depends on, or remove this one", at: location))
      } else if !environment.satisfiesConstraint(item.id.value) {
        let message = item.constraintMessage?.resolved(in: language, defaultLanguage: language)
        checks.add(
          .error(
            .answerConstraint, message.map { "item `\(item.id.value)`: \($0)" } ?? "the answer to `\(item.id.value)` breaks its constraint `\(item.constraint?.text ?? "")`",
            hint: message == nil ? nil : "the rule is `\(item.constraint?.text ?? "")`", at: location))
      }
    }
  }

  /// The questionnaire of the exact version, else the newest of the same major version with a
  /// warning, else an error: answers to another major version may mean something else.
  private static func pick(
    _ candidates: [CompiledQuestionnaire], for version: Located<String>, into checks: inout CommonChecks
  ) -> CompiledQuestionnaire? {
    let id = candidates.first?.questionnaire.id.value ?? ""
    // An unreadable version is reported already; the answers are still checked, against the newest.
    if SemanticVersion(version.value) == nil {
      let zero = SemanticVersion(major: 0, minor: 0, patch: 0)
      return candidates.max { ($0.questionnaire.parsedVersion ?? zero) < ($1.questionnaire.parsedVersion ?? zero) }
    }
    guard let found = CompiledQuestionnaire.match(candidates, version: version.value) else {
      let available = candidates.map(\.questionnaire.version.value).sorted().joined(separator: ", ")
      checks.add(
        .error(
          .answerVersionMismatch, "answers were written for version \(version.value) of `\(id)`, but only \(available) was found",
          hint: "answers to another major version cannot be read as they stand; carry them over to a version found first",
          at: version.location))
      return nil
    }
    let foundVersion = found.questionnaire.version.value
    if foundVersion != version.value {
      checks.add(
        .warning(
          .answerVersionMismatch, "answers were written for version \(version.value) of `\(id)`; the questionnaire found is \(foundVersion)",
          hint: "check the answers against the changes, then write `version: \(foundVersion)`", at: version.location))
    }
    return found
  }


  private static func checkValue(_ value: AnswerValue, of item: Item, in questionnaire: Questionnaire, into checks: inout CommonChecks) {
    let scale = item.scale.flatMap { questionnaire.scale($0.value) }
    let optionValues = scale?.options.map(\.value.value) ?? []
    let special = scale?.options.filter { !$0.isScored }.map(\.value.value) ?? []
    switch (item.kind, value) {
    case (.multi, .list(let selections)):
      checks.checkUnique(selections, what: "selected option")
      for selection in selections {
        checkOption(selection, item: item, options: optionValues, into: &checks)
      }
      if selections.count > 1, let unscored = selections.first(where: { special.contains($0.value) }) {
        checks.add(
          .error(
            .answerInvalidOption, "`\(unscored.value)` cannot be selected together with other options",
            hint: "choose either it or the other options", at: unscored.location))
      }
    case (.multi, .single(let selection)), (.choice, .single(let selection)):
      checkOption(selection, item: item, options: optionValues, into: &checks)
    case (.choice, .list(let selections)):
      checks.add(
        .error(
          .answerWrongType, "item `\(item.id.value)` takes one answer, not a list",
          hint: "write just one of: \(optionValues.joined(separator: ", "))",
          at: selections.first?.location ?? item.location))
    case (.number, .single(let text)), (.percent, .single(let text)):
      checkNumber(text, item: item, special: special, into: &checks)
    case (.date, .single(let text)):
      if !special.contains(text.value) && !IdentifierRules.isValidDate(text.value) {
        checks.add(
          .error(.answerWrongType, "`\(text.value)` is not a date", hint: "write it as YYYY-MM-DD\(orSpecial(special))", at: text.location))
      }
    case (.text, .single):
      break
    case (_, .list(let elements)):
      checks.add(
        .error(
          .answerWrongType, "item `\(item.id.value)` takes a single \(item.kind.rawValue), not a list",
          at: elements.first?.location ?? item.location))
    }
  }

  /// A consensus keeps each respondent's own answer: each must still be a valid answer to the item.
  private static func checkConsensus(_ consensus: Consensus, of item: Item, in questionnaire: Questionnaire, into checks: inout CommonChecks) {
    if consensus.rounds.value < 1 {
      checks.add(
        .error(.numberOutOfRange, "`rounds` is \(consensus.rounds.value); a consensus takes at least one round", hint: "write `rounds: 1`", at: consensus.rounds.location))
    }
    checks.checkUnique(consensus.responses.map(\.respondent), what: "respondent")
    for response in consensus.responses {
      if let value = response.value { checkValue(value, of: item, in: questionnaire, into: &checks) }
    }
  }

  private static func checkOption(_ selection: Located<String>, item: Item, options: [String], into checks: inout CommonChecks) {
    guard !options.contains(selection.value) else { return }
    checks.add(
      .error(
        .answerInvalidOption, "`\(selection.value)` is not an option of item `\(item.id.value)`",
        hint: Suggestion.hint(for: selection.value, among: options)
          ?? "write one of: \(options.joined(separator: ", "))",
        at: selection.location))
  }

  private static func checkNumber(_ text: Located<String>, item: Item, special: [String], into checks: inout CommonChecks) {
    if special.contains(text.value) { return }
    guard let number = Double(text.value), number.isFinite else {
      checks.add(
        .error(
          .answerWrongType, "item `\(item.id.value)` takes a number, not `\(text.value)`",
          hint: "write digits such as `12`\(orSpecial(special))", at: text.location))
      return
    }
    if item.integer == true, number != number.rounded() {
      checks.add(
        .error(.answerWrongType, "item `\(item.id.value)` takes a whole number", hint: "write `\(format(number.rounded()))`", at: text.location))
    }
    let (minimum, maximum) = item.bounds
    if let minimum, number < minimum {
      checks.add(
        .error(.answerOutOfRange, "\(format(number)) is below the minimum \(format(minimum)) of item `\(item.id.value)`", at: text.location))
    }
    if let maximum, number > maximum {
      checks.add(
        .error(.answerOutOfRange, "\(format(number)) is above the maximum \(format(maximum)) of item `\(item.id.value)`", at: text.location))
    }
    if !item.bands.isEmpty, !item.bands.contains(where: { $0.contains(number) }),
      minimum.map({ number >= $0 }) ?? true, maximum.map({ number <= $0 }) ?? true
    {
      let ranges = item.bands.map { band in
        "\(band.minimum.map { format($0.value) } ?? "…")–\(band.maximum.map { format($0.value) } ?? "…")"
      }
      checks.add(
        .warning(
          .answerUnscored, "\(format(number)) falls in none of the score bands of item `\(item.id.value)` (\(ranges.joined(separator: ", "))), so it is not scored",
          hint: "check the figure; if it is right, the questionnaire's bands leave a gap", at: text.location))
    }
  }

  private static func orSpecial(_ special: [String]) -> String {
    special.isEmpty ? "" : ", or one of: \(special.joined(separator: ", "))"
  }
}
