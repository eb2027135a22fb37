import ArgumentParser
import AssessmentKit
import AssessmentReports

/// The checks `score`, `report` and `demo` share before scoring, with the messages people see.
enum AssessmentLoading {
  /// Loads and validates the answers files among `paths`; prints the problems found and stops
  /// (exit 1) on errors, or (exit 64) when no answers file was named.
  static func load(_ paths: [String], catalog: Catalog, options: LoadOptions) throws -> AssessmentInputs {
    let inputs = AssessmentInputs.load(paths: paths, catalog: catalog, options: options)
    let printer = DiagnosticPrinter(colour: Terminal.useColour)
    Terminal.writeError(printer.text(for: inputs.diagnostics))
    guard inputs.errors.isEmpty else {
      Terminal.writeError("nothing was scored: fix the errors above, then run again\n")
      throw ExitCode(1)
    }
    guard !inputs.answers.isEmpty else {
      Terminal.writeError("no answers files among the paths; name *.answers.yaml files or their folders\n")
      throw ExitCode(64)
    }
    return inputs
  }
}
