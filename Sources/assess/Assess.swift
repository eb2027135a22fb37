import ArgumentParser

@main
struct Assess: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "assess",
    abstract: "Assess how well a country protects migrants from violence, and turn the answers into recommendations.",
    discussion: """
      assess reads YAML questionnaires (crime-prevention strategy, child protection, border \
      management, prisoners with special needs), the answers of each respondent, and evaluator \
      modules, and checks them with located, actionable messages. Everything runs offline; \
      nothing leaves the machine.

      Start here:
        assess demo
            run the Examplia national assessment and write its HTML report
        assess validate Questionnaires Examples
            check the bundled questionnaire and the Examplia answers
        assess score Examples/examplia/border-police.answers.yaml
            score the Examplia answers and list the recommendations
        assess list
            show the questionnaires and evaluator modules found

      Exit codes: 0 success, 1 problems found, 64 wrong usage.
      """,
    version: "0.1.0",
    subcommands: [
      DemoCommand.self, ValidateCommand.self, ScoreCommand.self, ReportCommand.self, AnswerCommand.self, TemplateCommand.self,
      ExportCommand.self, ImportCommand.self, WorkshopCommand.self, CompareCommand.self, CarryForwardCommand.self, ListCommand.self,
      PluginCommand.self,
    ]
  )
}
