import ArgumentParser
import AssessmentKit
import AssessmentReports
import Foundation

struct WorkshopCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "workshop",
    abstract: "Put many respondents' answers side by side: where they diverge, what to discuss, and a consensus file to edit.",
    discussion: """
      For every item: how many gave each answer, the median, the interquartile range (IQR) and \
      the range on the level scale (0–4; yes/partial/no count as 4/2/0), and an agreement index \
      from 0 (split between the extremes) to 1 (everyone agrees). Items whose IQR is above one \
      level — or the rule the questionnaire's `workshop:` key sets — are listed for discussion, \
      most divergent first (divergence × weight, critical items ×2).

      With -o, writes a consensus answers file pre-filled with the medians. It keeps every \
      respondent's own answer and notes under each item's `consensus:`; edit the values as the \
      room agrees, record the dissent, then `assess score` it like any answers file.

      Files are read one at a time, so thousands of answers files take little memory; progress \
      shows on a terminal. Docs/workshops.md explains the statistics.

      Examples:
        assess workshop Examples/examplia/workshop
        assess workshop -o consensus.answers.yaml Examples/examplia/workshop
        assess workshop --anonymous Examples/examplia/workshop
        assess workshop --format json Examples/examplia/workshop > workshop.json

      Exit codes: 0 done; 1 an answers file has errors, or they cannot be compared; 64 wrong usage.
      """)

  enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json
  }

  @Argument(help: ArgumentHelp("Respondents' answers files, or folders of them (two or more); questionnaire files named here are used too.", valueName: "answers"))
  var paths: [String]

  @Option(name: .shortAndLong, help: ArgumentHelp("Write the consensus answers file here.", valueName: "file"))
  var output: String?

  @Flag(help: "Write over the consensus file if it exists.")
  var force = false

  @Flag(help: "Hide the agencies: respondents become Respondent 1, 2 … in the order named.")
  var anonymous = false

  @Option(help: "text: the discussion list and a table for people; json: every statistic, for reports and scripts.")
  var format: OutputFormat = .text

  @OptionGroup var common: CommonOptions

  func validate() throws {
    for path in paths where !FileManager.default.fileExists(atPath: path) {
      throw ValidationError("no such file or folder: \(path)")
    }
    if let output, !force, FileManager.default.fileExists(atPath: output) {
      throw ValidationError("\(output) exists; it may hold the facilitator's edits. Name another file, or add --force to replace it")
    }
  }

  func run() throws {
    let catalog = Catalog.load(Terminal.searchPaths())
    let printer = DiagnosticPrinter(colour: Terminal.useColour)
    let files = ValidationRun.expand(paths)
    // Questionnaire files named among the answers are read first; answers files stream.
    let named = NamedQuestionnaires(separating: files, options: common.loadOptions)
    var questionnaires = catalog.questionnaires.map(\.document)
    for document in named.documents { questionnaires.insert(document, at: 0) }
    let answerFiles = named.remaining
    var problems = named.diagnostics
    let aggregator = WorkshopAggregator(
      questionnaires: questionnaires.map { CompiledQuestionnaire($0.model) }, anonymous: anonymous, loadOptions: common.loadOptions)
    var progress = ProgressLine(total: answerFiles.count, noun: "answers files")
    for (index, file) in answerFiles.enumerated() {
      problems += aggregator.add(path: file)
      progress.update(index + 1)
    }
    progress.finish()
    if !problems.hasErrors { problems += aggregator.finishDiagnostics(paths: answerFiles) }
    Terminal.writeError(printer.text(for: problems.sorted()))
    guard !problems.hasErrors else {
      Terminal.writeError("no workshop summary: fix the errors above, then run again\n")
      throw ExitCode(1)
    }
    let summary = aggregator.summary()
    switch format {
    case .json: Terminal.writeOut(try ReportJSON.render(summary))
    case .text: Terminal.writeOut(WorkshopText(colour: Terminal.useColourOnStandardOutput).text(for: summary))
    }
    if let output {
      guard summary.perRespondentDetail else {
        Terminal.writeError(
          "error: a consensus file keeps every respondent's answer, so it is written for at most \(WorkshopAggregator.detailLimit) respondents; run the workshop on fewer files, or leave out -o\n")
        throw ExitCode(1)
      }
      let text = ConsensusFile.text(for: summary, round: aggregator.commonRound, language: aggregator.summaryLanguage)
      do {
        try text.write(toFile: output, atomically: true, encoding: .utf8)
      } catch {
        Terminal.writeError("error: cannot write \(output): \(error.localizedDescription); check the folder exists and is writable\n")
        throw ExitCode(1)
      }
      Terminal.writeError("wrote \(output): the consensus of \(summary.respondents.count) respondents, pre-filled with the medians; edit it, then `assess score \(output)`\n")
    }
  }
}
