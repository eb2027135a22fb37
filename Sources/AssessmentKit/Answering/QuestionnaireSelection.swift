import Foundation

/// Turns what a person names on the command line — a questionnaire id from the catalogue such
/// as `border-management`, or a questionnaire file — into compiled questionnaires.
public struct QuestionnaireSelection: Sendable {
  /// The questionnaires named, in order.
  public var selected: [CompiledQuestionnaire]
  /// Every questionnaire known (those named and the catalogue's), for validating answers.
  public var known: [CompiledQuestionnaire]

  public enum Failure: Error, Sendable {
    /// A named file that does not load, or whose expressions do not check.
    case invalid([Diagnostic])
    /// A name that is neither a file nor a known id; the message says what to write.
    case unknown(String)
  }

  public static func resolve(_ names: [String], catalog: Catalog, options: LoadOptions = .default) throws(Failure) -> QuestionnaireSelection {
    var fromFiles: [CompiledQuestionnaire] = []
    var selected: [CompiledQuestionnaire] = []
    let catalogued = catalog.questionnaires.map { CompiledQuestionnaire($0.document.model) }
    for name in names {
      if FileManager.default.fileExists(atPath: name) {
        let outcome = DocumentLoader.load(path: name, options: options)
        guard case .questionnaire(let document)? = outcome.document, !outcome.diagnostics.hasErrors else {
          let problems = outcome.diagnostics.filter { $0.severity == .error }
          throw .invalid(
            problems.isEmpty
              ? [.error(.fileUnknownKind, "this is not a questionnaire file", hint: "name a file with `schema: \(Questionnaire.schema)`, or a questionnaire id", at: .start(of: name))]
              : problems)
        }
        let compiled = CompiledQuestionnaire(document.model)
        let problems = (compiled.diagnostics + QuestionnaireValidator.validate(document, compiled: compiled)).filter { $0.severity == .error }
        guard problems.isEmpty else { throw .invalid(Array(Set(problems))) }
        fromFiles.append(compiled)
        selected.append(compiled)
        continue
      }
      let candidates = catalogued.filter { $0.questionnaire.id.value == name }
      let zero = SemanticVersion(major: 0, minor: 0, patch: 0)
      guard let newest = candidates.max(by: { ($0.questionnaire.parsedVersion ?? zero) < ($1.questionnaire.parsedVersion ?? zero) }) else {
        let ids = Set(catalogued.map(\.questionnaire.id.value)).sorted()
        let guess = Suggestion.closest(to: name, among: ids).map { "did you mean `\($0)`? " } ?? ""
        throw .unknown(
          "`\(name)` is neither a questionnaire file nor a known questionnaire id; \(guess)"
            + (ids.isEmpty ? "no questionnaires were found (set ASSESS_HOME to the toolkit folder)" : "known: \(ids.joined(separator: ", "))"))
      }
      guard !newest.diagnostics.hasErrors else { throw .invalid(newest.diagnostics.filter { $0.severity == .error }) }
      selected.append(newest)
    }
    var seen = Set<String>()
    for compiled in selected where !seen.insert(compiled.questionnaire.id.value).inserted {
      throw .unknown("questionnaire `\(compiled.questionnaire.id.value)` is named twice; name each once")
    }
    return QuestionnaireSelection(selected: selected, known: fromFiles + catalogued)
  }
}
