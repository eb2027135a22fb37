import ArgumentParser
import AssessmentKit
import AssessmentReports
import Foundation

struct AnswerCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "answer",
    abstract: "Answer questionnaires in the terminal, one question at a time, saving after every answer.",
    discussion: """
      Shows each question with its options and what each level means; type the answer and \
      press Enter. Questions that do not apply given earlier answers are skipped as you go, \
      and the author's constraints are checked at once. Every answer is written to the \
      answers file before the next question appears (atomically: a crash or Ctrl-C never \
      leaves a half-written file), so you can stop at any time and continue with --resume.

      Type h during the session for the commands: ? guidance, r references, n note, \
      e evidence, s skip, b back, j ID jump, p progress, q quit. Input is plain lines, so \
      answers can also be piped in.

      Examples:
        assess answer border-management
            start a new answers file, border-management.answers.yaml
        assess answer border-management child-protection --country Examplia -o bp.answers.yaml
        assess answer --resume bp.answers.yaml
            continue at the first unanswered question
        assess answer --from baseline.answers.yaml --round follow-up-2027 -o follow-up.answers.yaml
            start the next round from the last one: every answer carried to the current
            questionnaire versions (through their migrations), new questions asked first;
            j ID reviews any carried answer
        assess answer Questionnaires/border-management.yaml --profile national

      Then: assess validate bp.answers.yaml, assess score bp.answers.yaml.
      Exit codes: 0 saved; 1 the file to resume has errors or cannot be written; 64 wrong usage.
      """)

  @Argument(help: ArgumentHelp("Questionnaire ids (such as border-management) or questionnaire files.", valueName: "questionnaire"))
  var questionnaires: [String] = []

  @Option(name: .shortAndLong, help: ArgumentHelp("The answers file to write (default: <first questionnaire id>.answers.yaml).", valueName: "file"))
  var output: String?

  @Option(help: ArgumentHelp("Continue an answers file where it stopped (its questionnaires are answered unless others are named).", valueName: "file"))
  var resume: String?

  @Option(
    help: ArgumentHelp(
      "Start from an earlier round's answers file, carried to the current questionnaire versions (what cannot be carried is listed).",
      valueName: "baseline"))
  var from: String?

  @Option(help: "The country the answers are about (asked when not given).")
  var country: String?

  @Option(help: "The respondent's agency or organisation.")
  var agency: String?

  @Option(help: "The respondent's role or position.")
  var role: String?

  @Option(help: "The round, such as baseline or follow-up-2027.")
  var round: String?

  @Option(help: ArgumentHelp("Show texts in this language when the questionnaire has it (such as fr).", valueName: "code"))
  var language: String?

  @Option(help: ArgumentHelp("Answer one of the questionnaire's profiles (the items it keeps).", valueName: "id"))
  var profile: String?

  @OptionGroup var common: CommonOptions

  func validate() throws {
    if questionnaires.isEmpty && resume == nil && from == nil {
      throw ValidationError("name a questionnaire to answer (such as border-management), or --resume FILE, or --from BASELINE")
    }
    if resume != nil, from != nil {
      throw ValidationError("--from starts a new answers file and --resume continues one; use one of them")
    }
    if let from, !FileManager.default.fileExists(atPath: from) {
      throw ValidationError("--from \(from): no such file")
    }
    if let resume, output != nil, output != resume {
      throw ValidationError("--resume writes back to \(resume); leave out -o")
    }
    if let resume, !FileManager.default.fileExists(atPath: resume) {
      throw ValidationError("--resume \(resume): no such file; start a new one with `assess answer QUESTIONNAIRE -o \(resume)`")
    }
    if let output {
      // Found out now, not after the respondent has typed the first answers.
      let folder = (output as NSString).deletingLastPathComponent
      var isFolder: ObjCBool = false
      if !folder.isEmpty, !FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder) || !isFolder.boolValue {
        throw ValidationError("-o \(output): there is no folder \(folder); create it first")
      }
    }
  }

  func run() throws {
    let printer = DiagnosticPrinter(colour: Terminal.useColour)
    let catalog = Catalog.load(Terminal.searchPaths())
    var draft = AnswersDraft()
    var names = questionnaires
    if let resume {
      let outcome = DocumentLoader.load(path: resume, options: common.loadOptions)
      if case .questionnaire? = outcome.document {
        throw ValidationError("\(resume) is a questionnaire, not an answers file; answer it with `assess answer \(resume)`")
      }
      guard case .answers(let document)? = outcome.document, !outcome.diagnostics.hasErrors else {
        Terminal.writeError(printer.text(for: outcome.diagnostics.sorted()))
        Terminal.writeError("\(resume) cannot be resumed: it is not a readable answers file\n")
        throw ExitCode(1)
      }
      draft = AnswersDraft(document.model)
      if names.isEmpty { names = draft.blocks.map(\.questionnaireID) }
    }
    if let from {
      draft = try carried(from, catalog: catalog, printer: printer)
      if names.isEmpty { names = draft.blocks.map(\.questionnaireID) }
    }
    let selection: QuestionnaireSelection
    do {
      selection = try QuestionnaireSelection.resolve(names, catalog: catalog, options: common.loadOptions)
    } catch .invalid(let diagnostics) {
      Terminal.writeError(printer.text(for: diagnostics.sorted()))
      throw ExitCode(1)
    } catch .unknown(let message) {
      throw ValidationError(message)
    }
    if let profile {
      for compiled in selection.selected where compiled.questionnaire.profile(profile) == nil {
        let known = compiled.questionnaire.profiles.map(\.id.value)
        throw ValidationError(
          "questionnaire `\(compiled.questionnaire.id.value)` has no profile `\(profile)`"
            + (known.isEmpty ? "" : "; its profiles: \(known.joined(separator: ", "))"))
      }
    }
    let path = resume ?? output ?? "\(selection.selected[0].questionnaire.id.value).answers.yaml"
    if resume == nil && FileManager.default.fileExists(atPath: path) {
      throw ValidationError("\(path) exists already; continue it with --resume \(path), or write another file with -o")
    }
    if resume != nil {
      let problems = AnswersFile.check(draft, path: path, against: selection.known).diagnostics.filter { $0.severity == .error }
      if !problems.isEmpty {
        Terminal.writeError(printer.text(for: problems.sorted()))
        Terminal.writeError("fix these errors in \(path), then resume\n")
        throw ExitCode(1)
      }
    }
    let isNew = resume == nil
    if let country { draft.respondent.country = country }
    if let agency { draft.respondent.agency = agency }
    if let role { draft.respondent.role = role }
    if let round { draft.respondent.round = round }
    if isNew && draft.respondent.date == nil { draft.respondent.date = Self.today() }
    for compiled in selection.selected where draft.block(compiled.questionnaire.id.value) == nil {
      draft.blocks.append(
        AnswersDraft.Block(
          questionnaireID: compiled.questionnaire.id.value, version: compiled.questionnaire.version.value, profile: profile))
    }

    var session = AnsweringSession(
      questionnaires: selection.selected, draft: draft, askRespondent: isNew, language: language, savePath: path,
      colour: Terminal.useColourOnStandardOutput, width: Terminal.outputWidth)
    func save() throws {
      do {
        try AnswersFile.save(session.draft, to: path, against: selection.known)
      } catch .invalid(let diagnostics) {
        Terminal.writeError(printer.text(for: diagnostics.sorted()))
        Terminal.writeError("the answers above were not saved\n")
        throw ExitCode(1)
      } catch .write(let error) {
        Terminal.writeError("error: \(error.description)\n")
        throw ExitCode(1)
      }
    }
    var output = session.start()
    // A new file exists from the start when the respondent is known, so it can be resumed.
    if isNew && session.draft.respondent.country != nil { try save() }
    Terminal.writeOut(output.text)
    while !output.finished {
      guard let line = readLine(strippingNewline: true) else {
        output = session.endOfInput()
        if session.draft.respondent.country != nil { try save() }
        Terminal.writeOut(output.text)
        return
      }
      output = session.handle(line)
      // Saved before the next question is shown: what the person saw answered is on disk.
      if output.changed { try save() }
      Terminal.writeOut(output.text)
    }
  }

  /// The baseline's answers carried to the current questionnaire versions, as the session's
  /// starting draft; what cannot be carried is listed on standard error.
  private func carried(_ baseline: String, catalog: Catalog, printer: DiagnosticPrinter) throws -> AnswersDraft {
    let outcome = DocumentLoader.load(path: baseline, options: common.loadOptions)
    guard case .answers(let document)? = outcome.document, !outcome.diagnostics.hasErrors else {
      Terminal.writeError(printer.text(for: outcome.diagnostics.sorted()))
      Terminal.writeError("--from \(baseline): not a readable answers file\n")
      throw ExitCode(1)
    }
    let compiled = catalog.questionnaires.map { CompiledQuestionnaire($0.document.model) }
    let carry = CarryForward.carry(document, questionnaires: compiled, round: round)
    Terminal.writeError(printer.text(for: carry.problems.sorted()))
    guard let text = carry.text, case .answers(let next)? = DocumentLoader.load(SourceText(path: baseline, text: text)).document else {
      Terminal.writeError("nothing could be carried from \(baseline)\n")
      throw ExitCode(1)
    }
    Terminal.writeError("carried \(carry.carried) answer(s) from \(baseline)\n")
    var draft = AnswersDraft(next.model)
    draft.respondent.date = nil
    return draft
  }

  private static func today() -> String {
    let formatter = DateFormatter()
    formatter.locale = Locale(identifier: "en_US_POSIX")
    formatter.timeZone = TimeZone(identifier: "UTC")
    formatter.dateFormat = "yyyy-MM-dd"
    return formatter.string(from: Date())
  }
}
