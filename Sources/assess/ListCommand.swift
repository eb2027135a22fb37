import AssessmentKit
import AssessmentReports
import ArgumentParser
import Foundation

struct ListCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "list",
    abstract: "Show the questionnaires and evaluator modules found, and where each came from.",
    discussion: """
      Questionnaires come from the toolkit's Questionnaires folder. Evaluator modules \
      (a folder holding evaluator.yaml) come from the toolkit's Plugins folder, then each \
      --plugins folder, then each folder in ASSESS_PLUGIN_PATH (separated by ':'). \
      ASSESS_HOME names the toolkit folder when assess runs from elsewhere.

      Examples:
        assess list
        assess list --plugins ../unicef-modules
        ASSESS_PLUGIN_PATH=/opt/partner-modules assess list --format json
      """)

  enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json
  }

  @Option(help: "text: a table for people; json: the same for scripts.")
  var format: OutputFormat = .text

  @OptionGroup var plugins: PluginOptions
  @OptionGroup var common: CommonOptions

  func run() throws {
    let paths = plugins.searchPaths
    if let home = ProcessInfo.processInfo.environment["ASSESS_HOME"], !home.isEmpty, paths.toolkitHome == home,
      !FileManager.default.fileExists(atPath: home + "/Questionnaires")
    {
      Terminal.writeError("warning: ASSESS_HOME=\(home) holds no Questionnaires folder\n")
    }
    let catalog = Catalog.load(paths, options: common.loadOptions)
    let listing = CatalogListing(catalog: catalog, paths: paths, displayPath: Terminal.display)
    switch format {
    case .json: Terminal.writeOut(try listing.json())
    case .text: Terminal.writeOut(listing.text())
    }
    if !catalog.diagnostics.isEmpty {
      Terminal.writeError(DiagnosticPrinter(colour: Terminal.useColour).text(for: catalog.diagnostics.sorted()))
      Terminal.writeError("some files could not be loaded; run `assess validate` on them for details\n")
      throw ExitCode(1)
    }
  }
}
