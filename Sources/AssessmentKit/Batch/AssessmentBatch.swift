import Foundation

/// Scores many answers files with every core: a pool of workers reads, parses and checks the
/// files and renders each result, while the calling thread scores them; each file's entry
/// comes back in the order the files were named as soon as it and every earlier one are done.
///
/// Memory stays flat however long the batch: only a bounded window of files is held between
/// the stages, and nothing is kept once its entry has been handed back. Scoring runs on the
/// calling thread with one ``AssessmentRunner`` for the whole batch, so every executable module
/// serves the batch from one process, asked in input order, and the results are the same as
/// scoring the files one after another.
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
  /// How many worker threads read, check and render files.
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
  public func run(_ paths: [String], policy: ScoringPolicy = .scoreEveryValidFile, _ handle: (Entry) throws -> Void) throws {
    try run(paths, policy: policy, render: nil as (@Sendable (AssessmentResult) throws -> Void)?) { entry, _ in try handle(entry) }
  }

  /// Like ``run(_:policy:_:)``, and renders each result on a worker thread (as JSON, say) so
  /// the calling thread only scores and hands back; `handle` gets the rendering beside the
  /// entry. An error thrown by `render` is rethrown in order, in place of that entry.
  public func run<Rendered: Sendable>(
    _ paths: [String], policy: ScoringPolicy = .scoreEveryValidFile,
    render: (@Sendable (AssessmentResult) throws -> Rendered)?, _ handle: (Entry, Rendered?) throws -> Void
  ) throws {
    let runner = AssessmentRunner(questionnaires: questionnaires, modules: modules, toolkitVersion: toolkitVersion)
    defer { runner.finish() }
    let queue = BatchQueue<Rendered>(paths: paths, window: parallelism * 4)
    let workers = DispatchGroup()
    let questionnaires = questionnaires
    let options = options
    for _ in 0..<min(parallelism, paths.count) {
      DispatchQueue.global().async(group: workers) {
        while let job = queue.nextJob() {
          switch job {
          case .prepare(let index, let path):
            queue.prepared(Self.prepare(path: path, questionnaires: questionnaires, options: options), at: index)
          case .render(let index, let entry):
            queue.finished(entry, Result { try render.map { try $0(entry.result!) } }, at: index)
          }
        }
      }
    }
    defer {
      queue.cancel()
      workers.wait()
    }
    var scoring = true
    while let step = queue.nextStep() {
      switch step {
      case .score(let index, let prepared):
        var result: AssessmentResult?
        if prepared.diagnostics.hasErrors {
          if policy == .stopScoringAtFirstError { scoring = false }
        } else if scoring, let document = prepared.answers {
          result = runner.assess(document)
        }
        let entry = Entry(index: index, path: paths[index], kind: prepared.kind, diagnostics: prepared.diagnostics, result: result)
        if result != nil && render != nil {
          queue.scored(entry, at: index)
        } else {
          queue.finished(entry, .success(nil), at: index)
        }
      case .handle(let entry, let rendered):
        try handle(entry, try rendered.get())
      }
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

/// The batch's three queues under one lock: paths to prepare (never more than `window` ahead
/// of the entries handed back), prepared files to score, scored entries to render, and
/// finished entries to hand back in order.
private final class BatchQueue<Rendered: Sendable>: @unchecked Sendable {
  enum Job {
    case prepare(Int, String)
    case render(Int, AssessmentBatch.Entry)
  }

  enum Step {
    case score(Int, PreparedFile)
    case handle(AssessmentBatch.Entry, Result<Rendered?, any Error>)
  }

  // Every stored property is read and written with `condition` locked.
  private let condition = NSCondition()
  private let paths: [String]
  private let window: Int
  private var nextToPrepare = 0
  private var nextToScore = 0
  private var nextToHandle = 0
  private var prepared: [Int: PreparedFile] = [:]
  private var toRender: [(Int, AssessmentBatch.Entry)] = []
  private var done: [Int: (AssessmentBatch.Entry, Result<Rendered?, any Error>)] = [:]
  private var cancelled = false

  init(paths: [String], window: Int) {
    self.paths = paths
    self.window = max(1, window)
  }

  /// A worker's next job, rendering first since entries wait on it; nil when none is left.
  func nextJob() -> Job? {
    condition.lock()
    defer { condition.unlock() }
    while true {
      if cancelled { return nil }
      if !toRender.isEmpty {
        let (index, entry) = toRender.removeFirst()
        return .render(index, entry)
      }
      if nextToPrepare < paths.count && nextToPrepare - nextToHandle < window {
        let index = nextToPrepare
        nextToPrepare += 1
        return .prepare(index, paths[index])
      }
      if nextToHandle >= paths.count { return nil }
      condition.wait()
    }
  }

  /// The calling thread's next step: hand back the next entry when it is finished, else score
  /// the next prepared file; nil when every entry has been handed back.
  func nextStep() -> Step? {
    condition.lock()
    defer { condition.unlock() }
    while true {
      if nextToHandle >= paths.count { return nil }
      if let (entry, rendered) = done.removeValue(forKey: nextToHandle) {
        nextToHandle += 1
        condition.broadcast()
        return .handle(entry, rendered)
      }
      if let file = prepared.removeValue(forKey: nextToScore) {
        let index = nextToScore
        nextToScore += 1
        return .score(index, file)
      }
      condition.wait()
    }
  }

  func prepared(_ file: PreparedFile, at index: Int) {
    condition.lock()
    prepared[index] = file
    condition.broadcast()
    condition.unlock()
  }

  func scored(_ entry: AssessmentBatch.Entry, at index: Int) {
    condition.lock()
    toRender.append((index, entry))
    condition.broadcast()
    condition.unlock()
  }

  func finished(_ entry: AssessmentBatch.Entry, _ rendered: Result<Rendered?, any Error>, at index: Int) {
    condition.lock()
    done[index] = (entry, rendered)
    condition.broadcast()
    condition.unlock()
  }

  func cancel() {
    condition.lock()
    cancelled = true
    condition.broadcast()
    condition.unlock()
  }
}
