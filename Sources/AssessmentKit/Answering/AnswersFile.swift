/// Checking and saving a draft as an answers file: the text is read back by the same loader
/// and validator `assess validate` uses, so nothing is saved that validation would refuse.
public enum AnswersFile {
  /// The file's text and what validation says about it.
  public static func check(_ draft: AnswersDraft, path: String, against questionnaires: [CompiledQuestionnaire], header: [String] = [])
    -> (text: String, diagnostics: [Diagnostic])
  {
    let text = AnswersYAML.render(draft, header: header)
    let outcome = DocumentLoader.load(SourceText(path: path, text: text))
    guard case .answers(let document)? = outcome.document else { return (text, outcome.diagnostics) }
    return (text, outcome.diagnostics + AnswersValidator.validate(document, against: questionnaires))
  }

  /// Checks a draft built from another format, reporting each problem where the answer came
  /// from: `origin` gives the place of a respondent field, a questionnaire block or an answer;
  /// problems it has no place for are reported at `fallback`.
  public static func check(
    _ draft: AnswersDraft, against questionnaires: [CompiledQuestionnaire], fallback: SourceLocation,
    origin: (AnswersYAML.LineOwner, Diagnostic) -> SourceLocation?
  ) -> [Diagnostic] {
    let path = fallback.file + ".answers.yaml"
    let (text, owners) = AnswersYAML.renderTracking(draft)
    let outcome = DocumentLoader.load(SourceText(path: path, text: text))
    var diagnostics = outcome.diagnostics
    if case .answers(let document)? = outcome.document {
      diagnostics += AnswersValidator.validate(document, against: questionnaires)
    }
    return diagnostics.map { diagnostic in
      var moved = diagnostic
      moved.location = owners[diagnostic.location.line].flatMap { origin($0, diagnostic) } ?? fallback
      moved.snippet = nil
      return moved
    }
  }

  public enum SaveError: Error, Sendable {
    case invalid([Diagnostic])
    case write(AtomicFile.WriteError)
  }

  /// Validates the draft, then writes it atomically; returns the warnings. Refuses (and writes
  /// nothing) when validation finds an error.
  @discardableResult
  public static func save(_ draft: AnswersDraft, to path: String, against questionnaires: [CompiledQuestionnaire], header: [String] = [])
    throws(SaveError) -> [Diagnostic]
  {
    let (text, diagnostics) = check(draft, path: path, against: questionnaires, header: header)
    guard !diagnostics.hasErrors else { throw .invalid(diagnostics.filter { $0.severity == .error }) }
    do {
      try AtomicFile.write(text, to: path)
    } catch {
      throw .write(error)
    }
    return diagnostics
  }
}
