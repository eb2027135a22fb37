/// Turns a baseline answers file into the start of a follow-up: the same answers, moved to the
/// current version of each questionnaire through its `migrations`, with every answer that
/// cannot be carried reported (where it is in the baseline, and why).
public enum CarryForward {
  public struct Outcome: Sendable {
    /// The follow-up answers file; nil when nothing could be written (see ``problems``).
    public var text: String?
    /// How many answers were carried.
    public var carried: Int
    /// `carry.not-carried` warnings for each answer left behind; errors for questionnaires
    /// that cannot be carried at all.
    public var problems: [Diagnostic]
    /// Each questionnaire carried: its id, the baseline's version and the version carried to.
    public var moves: [(questionnaire: String, from: String, to: String)]
  }

  public static let defaultRound = "follow-up"

  public static func carry(_ document: Document<AnswerSet>, questionnaires: [CompiledQuestionnaire], round: String?) -> Outcome {
    let answers = document.model
    var problems: [Diagnostic] = []
    var carried = 0
    var moves: [(questionnaire: String, from: String, to: String)] = []
    var blocks: [String] = []
    var notCarried: [String] = []
    var newItems: [String] = []
    for block in answers.questionnaires {
      let candidates = questionnaires.filter { $0.questionnaire.id.value == block.questionnaireID.value }
      let zero = SemanticVersion(major: 0, minor: 0, patch: 0)
      guard let current = candidates.max(by: { ($0.questionnaire.parsedVersion ?? zero) < ($1.questionnaire.parsedVersion ?? zero) })?.questionnaire
      else {
        problems.append(
          .error(
            .refUnknownQuestionnaire, "no questionnaire `\(block.questionnaireID.value)` was found, so its answers cannot be carried",
            hint: "pass the questionnaire file too, or check ASSESS_HOME", at: block.questionnaireID.location))
        continue
      }
      let written = block.version.value
      let version = current.version.value
      let migration = written == version ? nil : current.migrations.first { $0.applies(to: written) }
      if written != version, migration == nil, SemanticVersion(written)?.major != current.parsedVersion?.major {
        problems.append(
          .error(
            .carryNotCarried,
            "answers were written for version \(written) of `\(current.id.value)`, the current one is \(version), and it has no migration from \(written)",
            hint: "add `migrations: [{from: \"\(written)\", items: {OLD-ID: NEW-ID, GONE-ID: null}}]` to the questionnaire, or answer it afresh",
            at: block.version.location))
        continue
      }
      var lines = ["  - id: \(AnswersFileText.quote(current.id.value))", "    version: \(AnswersFileText.quote(version))"]
      if let profile = block.profile {
        if current.profile(profile.value) != nil {
          lines.append("    profile: \(AnswersFileText.quote(profile.value))")
        } else {
          problems.append(
            .warning(
              .carryNotCarried, "version \(version) of `\(current.id.value)` has no profile `\(profile.value)`; the follow-up has none",
              hint: "choose one of its profiles: \(current.profiles.map(\.id.value).joined(separator: ", "))", at: profile.location))
        }
      }
      lines.append("    answers:")
      var reached = Set<String>()
      for answer in block.answers {
        switch carry(answer, to: current, migration: migration, from: written) {
        case .success(let (id, value)):
          reached.insert(id)
          lines += answerLines(id: id, value: value, answer: answer)
          carried += 1
        case .failure(let problem):
          problems.append(problem)
          notCarried.append(answer.itemID.value)
        }
      }
      if written != version {
        newItems += current.items.map(\.id.value).filter { !reached.contains($0) }
      }
      blocks.append(lines.joined(separator: "\n"))
      moves.append((current.id.value, written, version))
    }
    guard !problems.hasErrors else { return Outcome(text: nil, carried: carried, problems: problems, moves: moves) }
    var header = [
      "# Follow-up started from \(document.path)\(answers.respondent.round.map { " (round \($0))" } ?? "") by assess carry-forward.",
      "# The answers are the baseline's: check each one, change what has changed, and set `date`.",
    ]
    if !notCarried.isEmpty {
      header.append("# Not carried, to answer afresh: \(notCarried.joined(separator: ", ")).")
    }
    if !newItems.isEmpty {
      header.append("# Items of the new version without an answer yet: \(newItems.joined(separator: ", ")).")
    }
    let respondent = answers.respondent
    var lines = header + ["schema: assess/answers@1", "respondent:", "  country: \(AnswersFileText.quote(respondent.country))"]
    if let agency = respondent.agency { lines.append("  agency: \(AnswersFileText.quote(agency))") }
    if let role = respondent.role { lines.append("  role: \(AnswersFileText.quote(role))") }
    if let name = respondent.name { lines.append("  name: \(AnswersFileText.quote(name))") }
    lines.append("  round: \(AnswersFileText.quote(round ?? defaultRound))")
    if let language = respondent.language { lines.append("  language: \(AnswersFileText.quote(language.value))") }
    lines.append("questionnaires:")
    return Outcome(text: (lines + blocks).joined(separator: "\n") + "\n", carried: carried, problems: problems, moves: moves)
  }

  /// Where one answer goes and what it becomes, or why it cannot go.
  private static func carry(
    _ answer: Answer, to questionnaire: Questionnaire, migration: Migration?, from written: String
  ) -> Result<(String, AnswerValue?), Diagnostic> {
    let old = answer.itemID
    let version = questionnaire.version.value
    let because = migration?.notes.map { " (\($0))" } ?? ""
    var id = old.value
    if let move = migration?.move(of: old.value) {
      guard let target = move.to else {
        return .failure(
          .warning(
            .carryNotCarried, "`\(old.value)` was removed in version \(version)\(because), so its answer is not carried",
            hint: "answer the items of version \(version) that replace it, if any", at: old.location))
      }
      id = target.value
    }
    guard let item = questionnaire.item(id) else {
      return .failure(
        .warning(
          .carryNotCarried, "version \(version) has no item `\(id)` and its migration from \(written) does not say where it went",
          hint: migration == nil
            ? "add a migration from \(written) to the questionnaire that names `\(id)`"
            : "add `\(id): NEW-ID`, or `\(id): null`, to the migration's `items`",
          at: old.location))
    }
    guard let value = answer.value, item.kind.needsScale else { return .success((id, answer.value)) }
    let moves = migration?.optionMoves(for: id) ?? []
    let options = item.scale.flatMap { questionnaire.scale($0.value) }?.options.map(\.value.value) ?? []
    func moved(_ selection: Located<String>) -> Result<Located<String>?, Diagnostic> {
      var text = selection.value
      if let move = moves.first(where: { $0.from.value == selection.value }) {
        guard let target = move.to else { return .success(nil) }
        text = target.value
      }
      guard options.contains(text) else {
        return .failure(
          .warning(
            .carryNotCarried, "`\(selection.value)` is not an option of `\(id)` in version \(version)\(because), so the answer is not carried",
            hint: "add `\(id): {\(selection.value): NEW-VALUE}` to the migration's `options`, or answer it afresh", at: selection.location))
      }
      return .success(Located(text, at: selection.location))
    }
    switch value {
    case .single(let selection):
      switch moved(selection) {
      case .failure(let problem): return .failure(problem)
      case .success(let result?): return .success((id, .single(result)))
      case .success(nil):
        return .failure(
          .warning(
            .carryNotCarried, "option `\(selection.value)` of `\(id)` was removed in version \(version)\(because), so the answer is not carried",
            hint: "answer `\(id)` afresh", at: selection.location))
      }
    case .list(let selections):
      var kept: [Located<String>] = []
      for selection in selections {
        switch moved(selection) {
        case .failure(let problem): return .failure(problem)
        case .success(let result): if let result { kept.append(result) }
        }
      }
      return .success((id, .list(kept)))
    }
  }

  private static func answerLines(id: String, value: AnswerValue?, answer: Answer) -> [String] {
    var lines = ["      \(AnswersFileText.quote(id)):"]
    if let value { lines.append("        value: \(AnswersFileText.value(value))") }
    if let notes = answer.notes { lines.append("        notes: \(AnswersFileText.quote(notes))") }
    if !answer.evidence.isEmpty {
      lines.append("        evidence:")
      lines += answer.evidence.map { "          - \(AnswersFileText.quote($0))" }
    }
    if let confidence = answer.confidence { lines.append("        confidence: \(confidence.rawValue)") }
    if lines.count == 1 { lines[0] += " null" }
    return lines
  }
}
