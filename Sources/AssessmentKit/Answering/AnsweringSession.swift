import Foundation

/// The interactive answering session as a state machine: each line the person types goes in,
/// the text to show comes out, with whether the answers changed (so the caller saves them).
///
/// It does no input or output itself, so it can be driven by a terminal, a pipe or a test alike.
public struct AnsweringSession: Sendable {
  /// What one line of input produced.
  public struct Output: Hashable, Sendable {
    /// Text for the person, ending with the next prompt unless the session is finished.
    public var text: String
    /// The answers changed: save them before showing the text.
    public var changed: Bool
    public var finished: Bool
  }

  /// The respondent details asked at the start of a new file.
  enum RespondentField: String, CaseIterable, Sendable {
    case country, agency, role
  }

  struct Position: Hashable, Sendable {
    var block: Int
    var itemID: String
  }

  enum Step: Hashable, Sendable {
    case respondent(RespondentField)
    case question(Position)
    /// The next line is a note (or a piece of evidence) for the item.
    case note(Position)
    case evidence(Position)
    /// Past the last question with some still unanswered.
    case end
    case finished
  }

  public private(set) var draft: AnswersDraft
  let questionnaires: [CompiledQuestionnaire]
  private var environments: [AnswerEnvironment]
  private var step: Step
  private var pendingFields: [RespondentField]
  private var history: [Position] = []
  private let requestedLanguage: String?
  /// ANSI colour for a terminal; the caller decides (never when `NO_COLOR` is set or output is piped).
  private let colour: Bool
  /// The terminal's width to wrap long texts at; nil leaves lines as they are (pipes, files).
  private let width: Int?
  /// Where the answers are saved, for the closing messages.
  private let savePath: String

  /// - Parameters:
  ///   - questionnaires: the questionnaires to answer, in order.
  ///   - draft: the answers so far (empty for a new file, the file's for `--resume`); a block
  ///     is added for each questionnaire it does not answer yet.
  ///   - askRespondent: ask for the respondent's country, agency and role where the draft has none.
  public init(
    questionnaires: [CompiledQuestionnaire], draft: AnswersDraft, askRespondent: Bool, language: String? = nil, savePath: String,
    colour: Bool = false, width: Int? = nil
  ) {
    self.colour = colour
    self.width = width.map { max(40, $0) }
    self.questionnaires = questionnaires
    var draft = draft
    for compiled in questionnaires where draft.block(compiled.questionnaire.id.value) == nil {
      draft.blocks.append(
        AnswersDraft.Block(questionnaireID: compiled.questionnaire.id.value, version: compiled.questionnaire.version.value))
    }
    self.draft = draft
    requestedLanguage = language
    self.savePath = savePath
    environments = []
    pendingFields = RespondentField.allCases.filter { field in
      switch field {
      case .country: return draft.respondent.country?.isEmpty ?? true
      case .agency: return askRespondent && draft.respondent.agency == nil
      case .role: return askRespondent && draft.respondent.role == nil
      }
    }
    step = .finished
    refreshEnvironments()
  }

  public var isFinished: Bool { step == .finished }

  // MARK: - Driving the session

  /// The opening text: a welcome, then the first prompt.
  public mutating func start() -> Output {
    var text = wrap("Answering \(questionnaires.map { title(of: $0) }.joined(separator: "; ")).", first: 0, indent: 0) + "\n"
    text += wrap("Each answer is saved to \(savePath) as soon as it is given. Type h for help.", first: 0, indent: 0) + "\n\n"
    if let field = pendingFields.first {
      step = .respondent(field)
      return Output(text: text + respondentPrompt(field), changed: false, finished: false)
    }
    return startQuestions(text)
  }

  /// Handles one line of input (without its line break).
  public mutating func handle(_ line: String) -> Output {
    let input = line.trimmingWhitespace()
    switch step {
    case .respondent(let field):
      return handleRespondent(field, input)
    case .question(let position):
      return handleQuestion(position, input)
    case .note(let position):
      if input.isEmpty { return show(position, prefix: "No note added.\n") }
      return addNote(input, at: position)
    case .evidence(let position):
      if input.isEmpty { return show(position, prefix: "No evidence added.\n") }
      return addEvidence(input, at: position)
    case .end:
      return handleEnd(input)
    case .finished:
      return Output(text: "", changed: false, finished: true)
    }
  }

  /// Input ended (end of file, or the terminal closed): everything answered is saved already.
  public mutating func endOfInput() -> Output {
    let unfinished = step != .finished
    step = .finished
    guard unfinished else { return Output(text: "", changed: false, finished: true) }
    return Output(text: "\nEnd of input. \(closing())", changed: false, finished: true)
  }

  // MARK: - Respondent

  private func respondentPrompt(_ field: RespondentField) -> String {
    switch field {
    case .country: return "Country the answers are about: "
    case .agency: return "Your agency or organisation (Enter to leave out): "
    case .role: return "Your role or position (Enter to leave out): "
    }
  }

  private mutating func handleRespondent(_ field: RespondentField, _ input: String) -> Output {
    if field == .country && input.isEmpty {
      return Output(text: "The country is needed to score the answers.\n" + respondentPrompt(field), changed: false, finished: false)
    }
    if input == "q" && field != .country {
      step = .finished
      return Output(text: closing(), changed: true, finished: true)
    }
    let value = input.isEmpty ? nil : input
    switch field {
    case .country: draft.respondent.country = value
    case .agency: draft.respondent.agency = value
    case .role: draft.respondent.role = value
    }
    pendingFields.removeAll { $0 == field }
    if let next = pendingFields.first {
      step = .respondent(next)
      return Output(text: respondentPrompt(next), changed: false, finished: false)
    }
    var output = startQuestions("\n")
    output.changed = true
    return output
  }

  /// Goes to the first asked question without an answer (where a resumed file stopped).
  private mutating func startQuestions(_ text: String) -> Output {
    let asked = askedPositions()
    guard !asked.isEmpty else {
      step = .finished
      return Output(text: text + "None of these questions is asked under this profile.\n" + closing(), changed: false, finished: true)
    }
    if let first = asked.first(where: { !isAnswered($0) }) {
      let resumed = asked.contains(where: isAnswered)
      return show(first, prefix: text + (resumed ? "Continuing at the first unanswered question.\n\n" : ""))
    }
    return show(asked[0], prefix: text + "Every asked question has an answer; you can review them, or type q to quit.\n\n")
  }

  // MARK: - Questions

  private mutating func handleQuestion(_ position: Position, _ input: String) -> Output {
    guard let item = item(at: position) else { return show(position) }
    if input.hasPrefix("=") {
      return answer(String(input.dropFirst()).trimmingWhitespace(), at: position, item: item)
    }
    if looksLikeAnswer(input, item: item, block: position.block) {
      return answer(input, at: position, item: item)
    }
    let (command, argument) = split(input)
    switch command {
    case "":
      if isAnswered(position) { return next(from: position, prefix: "") }
      return prompt(position, "Type an answer, s to skip, or h for help.\n")
    case "h", "help":
      return prompt(position, Self.help)
    case "?":
      return prompt(position, guidance(for: item, block: position.block))
    case "r":
      return prompt(position, references(for: item, block: position.block))
    case "n":
      if argument.isEmpty {
        step = .note(position)
        return Output(text: "Note (one line; Enter alone to cancel): ", changed: false, finished: false)
      }
      return addNote(argument, at: position)
    case "e":
      if argument.isEmpty {
        step = .evidence(position)
        return Output(text: "Evidence: a document, data source or reference (Enter alone to cancel): ", changed: false, finished: false)
      }
      return addEvidence(argument, at: position)
    case "c":
      guard let confidence = Answer.Confidence(rawValue: argument.lowercased()) else {
        return prompt(position, "Write c low, c medium or c high.\n")
      }
      draft.updateBlock(blockID(position.block)) { $0.update(position.itemID) { $0.confidence = confidence.rawValue } }
      return prompt(position, "Confidence set to \(confidence.rawValue).\n", changed: true)
    case "x":
      guard isAnswered(position) else { return prompt(position, "This question has no answer to clear.\n") }
      draft.updateBlock(blockID(position.block)) { $0.update(position.itemID) { $0.value = nil } }
      refreshEnvironments()
      return show(position, prefix: "Answer cleared.\n", changed: true)
    case "s":
      return next(from: position, prefix: "Skipped \(position.itemID).\n")
    case "b":
      return back(from: position)
    case "j":
      return jump(argument, from: position)
    case "p":
      return prompt(position, overview())
    case "q":
      step = .finished
      return Output(text: closing(), changed: false, finished: true)
    default:
      return prompt(position, paint(rejection(input, item: item, block: position.block), "33"))
    }
  }

  private mutating func handleEnd(_ input: String) -> Output {
    let (command, argument) = split(input)
    switch command {
    case "j":
      return jump(argument, from: nil)
    case "b":
      if let last = history.popLast() { return show(last) }
      return Output(text: endPrompt(), changed: false, finished: false)
    case "", "q":
      step = .finished
      return Output(text: closing(), changed: false, finished: true)
    case "p":
      return Output(text: overview() + endPrompt(), changed: false, finished: false)
    default:
      return Output(text: "At the end: j ID goes to a question, b back, q (or Enter) saves and quits.\n" + endPrompt(), changed: false, finished: false)
    }
  }

  /// Records a valid answer and moves on; an invalid one is explained and asked again.
  private mutating func answer(_ input: String, at position: Position, item: Item) -> Output {
    let block = position.block
    let value: AnswersDraft.Value
    switch parse(input, item: item, block: block) {
    case .failure(let message): return prompt(position, paint(message, "33") + "\n")
    case .success(let parsed): value = parsed
    }
    var candidate = draft
    candidate.updateBlock(blockID(block)) { $0.update(item.id.value) { $0.value = value } }
    let environment = AnswerEnvironment(
      questionnaires[block], answers: candidate.questionnaireAnswers(blockID(block), file: savePath))
    if !environment.satisfiesConstraint(item.id.value) {
      let language = language(for: block)
      let message =
        item.constraintMessage?.resolved(in: language, defaultLanguage: defaultLanguage(block))
        ?? "This answer breaks the rule `\(item.constraint?.text ?? "")`."
      return prompt(position, paint("Not accepted: \(message)", "33") + "\n")
    }
    let answeredBefore = askedPositions().filter(isAnswered)
    draft = candidate
    refreshEnvironments()
    // Answers kept for the record, but no longer counted: say so rather than drop them silently.
    let hidden = answeredBefore.filter { !isAsked($0) }.map(\.itemID)
    let notice =
      hidden.isEmpty
      ? ""
      : "With this answer \(hidden.joined(separator: ", ")) \(hidden.count == 1 ? "is" : "are") no longer asked; "
        + "the answer\(hidden.count == 1 ? " is" : "s are") kept in the file but not counted.\n"
    var output = next(from: position, prefix: notice)
    output.changed = true
    return output
  }

  /// The next asked question after `position`, in questionnaire order.
  private mutating func next(from position: Position, prefix: String) -> Output {
    let order = allPositions()
    let start = (order.firstIndex(of: position) ?? -1) + 1
    history.append(position)
    if let following = order[start...].first(where: isAsked) {
      return show(following, prefix: prefix)
    }
    let missing = askedPositions().filter { !isAnswered($0) }
    if missing.isEmpty {
      step = .finished
      return Output(text: prefix + "All \(askedPositions().count) asked questions are answered. " + closing(), changed: false, finished: true)
    }
    step = .end
    let list = missing.prefix(8).map(\.itemID).joined(separator: ", ") + (missing.count > 8 ? ", …" : "")
    return Output(
      text: prefix + "End of the questions. \(missing.count) asked question\(missing.count == 1 ? " is" : "s are") still unanswered: \(list).\n"
        + endPrompt(), changed: false, finished: false)
  }

  private func endPrompt() -> String { "j ID to answer one, b to go back, q or Enter to save and quit> " }

  private mutating func back(from position: Position) -> Output {
    while let previous = history.popLast() {
      if isAsked(previous) && previous != position { return show(previous) }
    }
    return prompt(position, "This is the first question of the session.\n")
  }

  private mutating func jump(_ target: String, from position: Position?) -> Output {
    let order = allPositions()
    func stay(_ message: String) -> Output {
      if let position { return prompt(position, message) }
      return Output(text: message + endPrompt(), changed: false, finished: false)
    }
    guard !target.isEmpty else { return stay("Write j and an item id, such as j \(order.first?.itemID ?? "BM-A.1").\n") }
    for compiled in questionnaires {
      if let item = compiled.questionnaire.items.first(where: { $0.id.value.lowercased() == target.lowercased() }), item.calculate != nil {
        return stay("\(item.id.value) is calculated from other answers, not asked.\n")
      }
    }
    var found = order.first { $0.itemID.lowercased() == target.lowercased() }
    if found == nil {
      // A section id goes to its first asked question.
      for (index, compiled) in questionnaires.enumerated() {
        if let section = compiled.questionnaire.sections.first(where: { $0.id.value.lowercased() == target.lowercased() }) {
          found = section.items.lazy.map { Position(block: index, itemID: $0.id.value) }.first(where: isAsked)
          if found == nil { return stay("No question of section \(section.id.value) is asked with these answers.\n") }
        }
      }
    }
    guard let found, let item = item(at: found) else {
      let all = questionnaires.flatMap { $0.questionnaire.items.map(\.id.value) }
      let hint = Suggestion.closest(to: target, among: all).map { " Did you mean \($0)?" } ?? ""
      return stay("There is no question \(target).\(hint)\n")
    }
    guard isAsked(found) else {
      let why = item.relevant.map { " (it is asked when \($0.text))" } ?? " under this profile"
      return stay("\(item.id.value) is not asked with the answers so far\(why).\n")
    }
    if let position { history.append(position) }
    return show(found)
  }

  private mutating func addNote(_ text: String, at position: Position) -> Output {
    draft.updateBlock(blockID(position.block)) {
      $0.update(position.itemID) { entry in entry.notes = entry.notes.map { $0 + "\n" + text } ?? text }
    }
    return show(position, prefix: "Note added to \(position.itemID).\n", changed: true, full: false)
  }

  private mutating func addEvidence(_ text: String, at position: Position) -> Output {
    draft.updateBlock(blockID(position.block)) { $0.update(position.itemID) { $0.evidence.append(text) } }
    return show(position, prefix: "Evidence added to \(position.itemID).\n", changed: true, full: false)
  }

  // MARK: - Reading answers

  enum Parsed {
    case success(AnswersDraft.Value)
    case failure(String)
  }

  /// Whether the line is an answer rather than a command: an option of a choice item, a
  /// number for a number item, a date for a date item, any text but a command for text.
  private func looksLikeAnswer(_ input: String, item: Item, block: Int) -> Bool {
    guard !input.isEmpty else { return false }
    let (command, _) = split(input)
    let commands: Set<String> = ["h", "help", "?", "r", "n", "e", "c", "x", "s", "b", "j", "p", "q"]
    // Free text would swallow every command: for a text question the commands come first.
    if item.kind == .text { return !commands.contains(command) }
    if case .success = parse(input, item: item, block: block) { return true }
    return false
  }

  private func parse(_ input: String, item: Item, block: Int) -> Parsed {
    let questionnaire = questionnaires[block].questionnaire
    let scale = item.scale.flatMap { questionnaire.scale($0.value) }
    let options = scale?.options ?? []
    func option(_ word: String) -> ScaleOption? {
      options.first { $0.value.value == word } ?? options.first { $0.value.value.lowercased() == word.lowercased() }
        ?? options.first { label(of: $0, block: block).lowercased() == word.lowercased() }
    }
    let special = options.filter { !$0.isScored }
    guard !input.isEmpty else { return .failure("Type an answer.") }
    switch item.kind {
    case .choice:
      guard let chosen = option(input) else { return .failure(optionProblem(input, options: options)) }
      return .success(.single(chosen.value.value))
    case .multi:
      let words = input.split(whereSeparator: { $0 == "," || $0 == " " || $0 == "\t" }).map(String.init)
      var chosen: [String] = []
      for word in words {
        guard let found = option(word) else { return .failure(optionProblem(word, options: options)) }
        if !chosen.contains(found.value.value) { chosen.append(found.value.value) }
      }
      if chosen.count > 1, let alone = chosen.first(where: { value in special.contains { $0.value.value == value } }) {
        return .failure("`\(alone)` stands alone: choose either it or the other options.")
      }
      return .success(.list(chosen))
    case .number, .percent:
      if let chosen = special.first(where: { $0.value.value.lowercased() == input.lowercased() }) {
        return .success(.single(chosen.value.value))
      }
      guard let number = Double(input.replacingOccurrences(of: ",", with: ".")), number.isFinite else {
        return .failure("Write a number such as 12\(specialChoices(special)).")
      }
      if item.integer == true, number != number.rounded() { return .failure("Write a whole number.") }
      let (minimum, maximum) = item.bounds
      if let minimum, number < minimum { return .failure("\(ExpressionPrinter.format(number)) is below the minimum, \(ExpressionPrinter.format(minimum)).") }
      if let maximum, number > maximum { return .failure("\(ExpressionPrinter.format(number)) is above the maximum, \(ExpressionPrinter.format(maximum)).") }
      return .success(.single(ExpressionPrinter.format(number)))
    case .date:
      if let chosen = special.first(where: { $0.value.value.lowercased() == input.lowercased() }) {
        return .success(.single(chosen.value.value))
      }
      guard IdentifierRules.isValidDate(input) else { return .failure("Write the date as YYYY-MM-DD, such as 2026-03-14\(specialChoices(special)).") }
      return .success(.single(input))
    case .text:
      if let chosen = special.first(where: { $0.value.value == input }) { return .success(.single(chosen.value.value)) }
      return .success(.single(input))
    }
  }

  private func optionProblem(_ word: String, options: [ScaleOption]) -> String {
    let values = options.map(\.value.value)
    let guess = Suggestion.closest(to: word, among: values).map { " Did you mean \($0)?" } ?? ""
    return "`\(word)` is not an option.\(guess) Write one of: \(values.joined(separator: ", "))."
  }

  private func specialChoices(_ special: [ScaleOption]) -> String {
    special.isEmpty ? "" : ", or " + special.map(\.value.value).joined(separator: " or ")
  }

  /// Why a line was neither an answer nor a command.
  private func rejection(_ input: String, item: Item, block: Int) -> String {
    if case .failure(let message) = parse(input, item: item, block: block) {
      return message + " (h lists the commands.)\n"
    }
    return "Not understood; h lists the commands.\n"
  }

  // MARK: - Showing questions

  /// The whole question (or, with `full: false`, just the prompt line) after `prefix`.
  private mutating func show(_ position: Position, prefix: String = "", changed: Bool = false, full: Bool = true) -> Output {
    step = .question(position)
    guard full else { return Output(text: prefix + promptLine(position), changed: changed, finished: false) }
    return Output(text: prefix + questionText(position) + promptLine(position), changed: changed, finished: false)
  }

  private mutating func prompt(_ position: Position, _ message: String, changed: Bool = false) -> Output {
    step = .question(position)
    return Output(text: message + promptLine(position), changed: changed, finished: false)
  }

  private func promptLine(_ position: Position) -> String { "\(position.itemID)> " }

  private func questionText(_ position: Position) -> String {
    guard let item = item(at: position) else { return "" }
    let compiled = questionnaires[position.block]
    let questionnaire = compiled.questionnaire
    let section = questionnaire.sections.first { $0.items.contains { $0.id.value == item.id.value } }
    var out = ""
    let asked = askedPositions()
    let answered = asked.filter(isAnswered).count
    if let section {
      let sectionAsked = section.items.map { Position(block: position.block, itemID: $0.id.value) }.filter(isAsked)
      let sectionIndex = (questionnaire.sections.firstIndex { $0.id.value == section.id.value } ?? 0) + 1
      var heading = "── \(section.id.value) \(text(section.title, block: position.block)) (section \(sectionIndex) of \(questionnaire.sections.count)"
      heading += questionnaires.count > 1 ? ", \(questionnaire.id.value))" : ")"
      out += paint(wrap(heading, first: 0, indent: 3), "1;36") + "\n"
      let number = (sectionAsked.firstIndex(of: position) ?? 0) + 1
      out += "   [\(answered) of \(asked.count) answered · question \(number) of \(sectionAsked.count) in this section]\n"
    }
    let heading = item.id.value + (item.critical ? "  (critical)" : "") + "  "
    let question = wrap(text(item.text, block: position.block), first: heading.count, indent: 2)
    out += "\n" + paint(item.id.value, "1") + (item.critical ? paint("  (critical)", "1;31") : "") + "  \(question)\n"
    let scale = item.scale.flatMap { questionnaire.scale($0.value) }
    let options = scale?.options ?? []
    let valueWidth = options.map { $0.value.value.count }.max() ?? 0
    func optionLines(_ shown: [ScaleOption]) -> String {
      shown.map { option in
        let value = option.value.value.padding(to: valueWidth)
        var line = "    \(paint(value, "1"))  \(label(of: option, block: position.block))"
        if let description = option.description {
          let indent = 4 + valueWidth + 4
          line += "\n" + String(repeating: " ", count: indent)
            + paint(wrap(text(description, block: position.block), first: indent, indent: indent), "2")
        }
        return line + "\n"
      }.joined()
    }
    switch item.kind {
    case .choice:
      out += "  Choose one:\n" + optionLines(options)
    case .multi:
      out += "  Choose one or more, separated by spaces or commas:\n" + optionLines(options)
    case .number, .percent:
      let (minimum, maximum) = item.bounds
      var range = item.kind == .percent ? "  A percentage" : item.integer == true ? "  A whole number" : "  A number"
      if let minimum, let maximum { range += " from \(ExpressionPrinter.format(minimum)) to \(ExpressionPrinter.format(maximum))" }
      else if let minimum { range += " of at least \(ExpressionPrinter.format(minimum))" }
      else if let maximum { range += " of at most \(ExpressionPrinter.format(maximum))" }
      if let unit = item.unit { range += " (\(text(unit, block: position.block)))" }
      out += range + (options.isEmpty ? ".\n" : ", or:\n") + optionLines(options)
    case .date:
      out += "  A date, YYYY-MM-DD" + (options.isEmpty ? ".\n" : ", or:\n") + optionLines(options)
    case .text:
      out += "  Type your answer on one line" + (options.isEmpty ? ".\n" : ", or:\n") + optionLines(options)
    }
    if let entry = draft.block(blockID(position.block))?.entry(item.id.value) {
      if let value = entry.value { out += "  Current answer: \(value.options.joined(separator: ", "))\n" }
      if let notes = entry.notes { out += "  Notes: \(notes.replacingOccurrences(of: "\n", with: " / "))\n" }
      if !entry.evidence.isEmpty { out += "  Evidence: \(entry.evidence.joined(separator: "; "))\n" }
    }
    var more: [String] = []
    if item.guidance != nil || !item.evidence.isEmpty { more.append("? guidance") }
    if !item.references.isEmpty { more.append("r references") }
    more += ["n note", "e evidence", "s skip", "b back", "h help", "q quit"]
    out += "  " + wrap("(\(more.joined(separator: ", ")))", first: 2, indent: 3) + "\n"
    return out
  }

  private func guidance(for item: Item, block: Int) -> String {
    var out = ""
    if let guidance = item.guidance { out += "Guidance: \(text(guidance, block: block))\n" }
    if !item.evidence.isEmpty {
      out += "Evidence that supports an answer:\n" + item.evidence.map { "  - \(text($0, block: block))\n" }.joined()
    }
    return out.isEmpty ? "There is no guidance for this question.\n" : out
  }

  private func references(for item: Item, block: Int) -> String {
    let questionnaire = questionnaires[block].questionnaire
    guard !item.references.isEmpty else { return "This question cites no instrument.\n" }
    return "References:\n"
      + item.references.map { citation in
        guard let reference = questionnaire.reference(citation.ref.value) else { return "  - \(citation.ref.value)\n" }
        var line = "  - \(text(reference.title, block: block))"
        if let pinpoint = citation.pinpoint { line += ", \(pinpoint)" }
        if let symbol = reference.symbol { line += " (\(symbol))" }
        if let url = reference.url { line += " \(url)" }
        return line + "\n"
      }.joined()
  }

  private func overview() -> String {
    var out = ""
    for (index, compiled) in questionnaires.enumerated() {
      out += "\(title(of: compiled)):\n"
      for section in compiled.questionnaire.sections {
        let positions = section.items.map { Position(block: index, itemID: $0.id.value) }.filter(isAsked)
        guard !positions.isEmpty else { continue }
        let done = positions.filter(isAnswered).count
        out += "  \(section.id.value.padding(to: 8)) \(done)/\(positions.count)  \(text(section.title, block: index))\n"
      }
    }
    return out
  }

  private func closing() -> String {
    let asked = askedPositions()
    let answered = asked.filter(isAnswered).count
    return "\(answered) of \(asked.count) asked questions answered, saved in \(savePath).\n"
      + (answered < asked.count ? "Continue later with: assess answer --resume \(savePath)\n" : "Score them with: assess score \(savePath)\n")
  }

  static let help = """
    Type the answer: an option's value (such as 2 or yes), several for a multiple choice, a \
    number, a date or text. Enter keeps the current answer and goes on. Commands:
      ?        guidance for this question
      r        the instruments it rests on
      n TEXT   add a note (n alone: type it on the next line)
      e TEXT   add evidence, such as a document or data source
      c LEVEL  how sure you are: c low, c medium or c high
      x        clear the answer
      s        skip the question for now
      b        back to the previous question
      j ID     jump to a question (or to the first of a section)
      p        progress by section
      = TEXT   take TEXT as the answer even if it looks like a command
      q        save and quit (the answers are saved after each one anyway)

    """

  // MARK: - Bookkeeping

  private func item(at position: Position) -> Item? { questionnaires[position.block].questionnaire.item(position.itemID) }
  private func blockID(_ block: Int) -> String { questionnaires[block].questionnaire.id.value }

  /// Every question that can be asked (calculated items never are), in order.
  private func allPositions() -> [Position] {
    questionnaires.enumerated().flatMap { index, compiled in
      compiled.questionnaire.items.filter { $0.calculate == nil }.map { Position(block: index, itemID: $0.id.value) }
    }
  }

  private func askedPositions() -> [Position] { allPositions().filter(isAsked) }

  private func isAsked(_ position: Position) -> Bool {
    environments[position.block].scope.contains(position.itemID) && environments[position.block].isAsked(position.itemID)
  }

  private func isAnswered(_ position: Position) -> Bool {
    draft.block(blockID(position.block))?.entry(position.itemID)?.value != nil
  }

  private mutating func refreshEnvironments() {
    environments = questionnaires.map { compiled in
      AnswerEnvironment(compiled, answers: draft.questionnaireAnswers(compiled.questionnaire.id.value, file: savePath))
    }
  }

  private func defaultLanguage(_ block: Int) -> String { questionnaires[block].questionnaire.defaultLanguage.value }
  private func language(for block: Int) -> String { requestedLanguage ?? draft.respondent.language ?? defaultLanguage(block) }
  private func text(_ localized: LocalizedText, block: Int) -> String {
    localized.resolved(in: language(for: block), defaultLanguage: defaultLanguage(block))
  }
  private func label(of option: ScaleOption, block: Int) -> String { text(option.label, block: block) }
  private func title(of compiled: CompiledQuestionnaire) -> String {
    let index = questionnaires.firstIndex { $0.questionnaire.id.value == compiled.questionnaire.id.value } ?? 0
    return "\(compiled.questionnaire.id.value) \(compiled.questionnaire.version.value) (\(text(compiled.questionnaire.title, block: index)))"
  }

  /// Word-wraps `text` to the terminal width: the first line starts at column `first`, the
  /// following ones are indented by `indent` spaces.
  private func wrap(_ text: String, first: Int, indent: Int) -> String {
    guard let width else { return text }
    var lines: [String] = []
    var line = ""
    var column = first
    for word in text.split(separator: " ") {
      if !line.isEmpty && column + 1 + word.count > width {
        lines.append(line)
        line = String(word)
        column = indent + word.count
      } else {
        line += (line.isEmpty ? "" : " ") + word
        column += (line.count == word.count ? 0 : 1) + word.count
      }
    }
    lines.append(line)
    return lines.joined(separator: "\n" + String(repeating: " ", count: indent))
  }

  private func paint(_ text: String, _ code: String) -> String {
    colour ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
  }

  /// A command word and what follows it: `j BM-A.3` → ("j", "BM-A.3").
  private func split(_ input: String) -> (String, String) {
    guard let space = input.firstIndex(where: { $0 == " " || $0 == "\t" }) else { return (input.lowercased(), "") }
    return (input[..<space].lowercased(), input[space...].trimmingWhitespace())
  }
}
