/// What `assess score` and `assess report` read before scoring: the answers files among the
/// paths, the questionnaires they are checked against (those named among the paths first, then
/// the catalogue's), and every problem found loading and validating them.
///
/// Scoring answers that do not validate would give numbers nobody can trust, so both commands
/// stop when ``errors`` is not empty.
public struct AssessmentInputs: Sendable {
  public var questionnaires: [CompiledQuestionnaire]
  public var answers: [Document<AnswerSet>]
  /// Warnings and errors, sorted by file, line and column.
  public var diagnostics: [Diagnostic]

  public var errors: [Diagnostic] { diagnostics.filter { $0.severity == .error } }

  /// Loads the files and folders named, then validates each answers file.
  public static func load(paths: [String], catalog: Catalog, options: LoadOptions = .default) -> AssessmentInputs {
    let outcomes = ValidationRun.expand(paths).map { DocumentLoader.load(path: $0, options: options) }
    var questionnaires = catalog.questionnaires.map(\.document)
    var answers: [Document<AnswerSet>] = []
    var problems = outcomes.flatMap(\.diagnostics)
    for outcome in outcomes {
      switch outcome.document {
      case .questionnaire(let document)?: questionnaires.insert(document, at: 0)
      case .answers(let document)?: answers.append(document)
      case .evaluator, .moduleTest, nil: break
      }
    }
    let compiled = questionnaires.map { CompiledQuestionnaire($0.model) }
    for document in answers {
      problems += AnswersValidator.validate(document, against: compiled)
    }
    let kept = problems.filter { $0.severity == .warning } + problems.filter { $0.severity == .error }
    return AssessmentInputs(questionnaires: compiled, answers: answers, diagnostics: kept.sorted())
  }

  /// Scores every answers file and runs every module that applies, one result per answers file
  /// in the order they were named.
  public func assess(modules: [Catalog.Entry<EvaluatorManifest>], toolkitVersion: String) -> [AssessmentResult] {
    let runner = AssessmentRunner(questionnaires: questionnaires, modules: modules, toolkitVersion: toolkitVersion)
    let results = answers.map(runner.assess)
    runner.finish()
    return results
  }
}
