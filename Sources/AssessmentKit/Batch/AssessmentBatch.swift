import Foundation

/// Scores many answers files with every core: files are read, parsed and validated by a pool
/// of workers while the calling thread scores them, and each file's entry comes back in the
/// order the files were named as soon as it and every earlier one are done.
///
/// Memory stays flat however long the batch: only a bounded window of files is held between
/// the workers and the scorer, and nothing is kept once its entry has been handed back.
/// Scoring runs on the calling thread with one ``AssessmentRunner`` for the whole batch, so
/// every executable module serves the batch from one process, asked in input order, and the
/// results are the same as scoring the files one after another.
public struct AssessmentBatch {
  /// What happens to files after one with errors.
  public enum ScoringPolicy: Sendable {
    /// Score every file that has no errors.
    case scoreEveryValidFile
    /// Once a file has errors, only check the rest (their problems are still reported): for
    /// callers that discard every result when any file has errors.
    case stopScoringAtFirstError
  }

  /// One file of the batch.
  public struct Entry: Sendable {
    /// The file's position among the paths.
    public var index: Int
    public var path: String
    /// nil when the file could not be read far enough to tell.
    public var kind: FileKind?
    /// Problems found loading the file and checking its answers, sorted.
    public var diagnostics: [Diagnostic]
    /// The result for an answers file without errors, when the policy scored it.
    public var result: AssessmentResult?

    public var hasErrors: Bool { diagnostics.hasErrors }
  }

  public let questionnaires: [CompiledQuestionnaire]
  public let modules: [Catalog.Entry<EvaluatorManifest>]
  public let toolkitVersion: String
  public let options: LoadOptions
  /// How many files are read and checked at once.
  public let parallelism: Int

  public init(
    questionnaires: [CompiledQuestionnaire], modules: [Catalog.Entry<EvaluatorManifest>], toolkitVersion: String,
    options: LoadOptions = .default, parallelism: Int = ProcessInfo.processInfo.activeProcessorCount
  ) {
    self.questionnaires = questionnaires
    self.modules = modules
    self.toolkitVersion = toolkitVersion
    self.options = options
    self.parallelism = max(1, parallelism)
  }

  /// Loads, checks and scores `paths`, calling `handle` on the calling thread once per file, in
  /// order. When `handle` throws, the batch stops and the error is rethrown.
  public func run(_ paths: [String], policy: ScoringPolicy = .scoreEveryValidFile, _ handle: (Entry) throws -> Void) rethrows {
    let runner = AssessmentRunner(questionnaires: questionnaires, modules: modules, toolkitVersion: toolkitVersion)
    defer { runner.finish() }
    let queue = PreparationQueue(paths: paths, window: parallelism * 4)
    let workers = DispatchGroup()
    let questionnaires = questionnaires
    let options = options
    for _ in 0..<min(parallelism, paths.count) {
      DispatchQueue.global().async(group: workers) {
        while let (index, path) = queue.nextPath() {
          queue.deliver(Self.prepare(path: path, questionnaires: questionnaires, options: options), at: index)
        }
      }
    }
    defer {
      queue.cancel()
      workers.wait()
    }
    var scoring = true
    for index in paths.indices {
      let prepared = queue.take(index)
      var result: AssessmentResult?
      if prepared.diagnostics.hasErrors {
        if policy == .stopScoringAtFirstError { scoring = false }
      } else if scoring, let document = prepared.answers {
        result = runner.assess(document)
      }
      try handle(Entry(index: index, path: paths[index], kind: prepared.kind, diagnostics: prepared.diagnostics, result: result))
    }
  }

  /// Reads one file and, for answers, checks them against the questionnaires.
  static func prepare(path: String, questionnaires: [CompiledQuestionnaire], options: LoadOptions) -> PreparedFile {
    let outcome = DocumentLoader.load(path: path, options: options)
    var diagnostics = outcome.diagnostics
    var answers: Document<AnswerSet>?
    if case .answers(let document)? = outcome.document {
      diagnostics += AnswersValidator.validate(document, against: questionnaires)
      answers = document
    }
    return PreparedFile(kind: outcome.document?.kind, diagnostics: diagnostics.sorted(), answers: answers)
  }
}

/// A file read and checked, waiting to be scored.
struct PreparedFile: Sendable {
  var kind: FileKind?
  var diagnostics: [Diagnostic]
  var answers: Document<AnswerSet>?
}

/// Hands paths to the workers, never more than `window` ahead of the scorer, and their
/// prepared files back to the scorer by index.
private final class PreparationQueue: @unchecked Sendable {
  // Every stored property is read and written with `condition` locked.
  private let condition = NSCondition()
  private let paths: [String]
  private let window: Int
  private var next = 0
  private var taken = 0
  private var ready: [Int: PreparedFile] = [:]
  private var cancelled = false

  init(paths: [String], window: Int) {
    self.paths = paths
    self.window = max(1, window)
  }

  /// The next file to prepare, waiting while the window is full; nil when there is none left.
  func nextPath() -> (Int, String)? {
    condition.lock()
    defer { condition.unlock() }
    while !cancelled && next < paths.count && next - taken >= window {
      condition.wait()
    }
    guard !cancelled, next < paths.count else { return nil }
    let index = next
    next += 1
    return (index, paths[index])
  }

  func deliver(_ file: PreparedFile, at index: Int) {
    condition.lock()
    ready[index] = file
    condition.broadcast()
    condition.unlock()
  }

  /// The prepared file at `index`, waiting until a worker has delivered it.
  func take(_ index: Int) -> PreparedFile {
    condition.lock()
    defer { condition.unlock() }
    while ready[index] == nil {
      condition.wait()
    }
    taken = index + 1
    condition.broadcast()
    return ready.removeValue(forKey: index)!
  }

  func cancel() {
    condition.lock()
    cancelled = true
    condition.broadcast()
    condition.unlock()
  }
}
