/// The questionnaires among the files named for scoring, read before the answers that may
/// refer to them.
///
/// Answers files (named `*.answers.yaml` or `*.answers.yml`, as the answers guide asks) are
/// left for the batch, so each is parsed once; any other file is read here, and one that turns
/// out not to be a questionnaire is left for the batch too.
public struct NamedQuestionnaires: Sendable {
  /// The questionnaires, in the order they were named.
  public var documents: [Document<Questionnaire>]
  /// Problems met reading them.
  public var diagnostics: [Diagnostic]
  /// Every other file, in the order named: what the batch reads.
  public var remaining: [String]

  public init(separating paths: [String], options: LoadOptions = .default) {
    documents = []
    diagnostics = []
    remaining = []
    for path in paths {
      guard !Self.isAnswersFileName(path) else {
        remaining.append(path)
        continue
      }
      let outcome = DocumentLoader.load(path: path, options: options)
      if case .questionnaire(let document)? = outcome.document {
        documents.append(document)
        diagnostics += outcome.diagnostics
      } else {
        remaining.append(path)
      }
    }
  }

  static func isAnswersFileName(_ path: String) -> Bool {
    path.hasSuffix(".answers.yaml") || path.hasSuffix(".answers.yml")
  }
}
