import AssessmentKit
import AssessmentReports
import Foundation
import Yams

/// One measurement, run in a process of its own (`assess-benchmark --worker TASK`) so that its
/// peak memory is its own. It repeats the work `runs` times and writes the timings as JSON.
enum WorkerTask: String, CaseIterable, Codable {
  /// Read each file and compose its YAML with Yams, one file after another: the floor.
  case parseFloor = "parse-floor"
  /// The same on every core.
  case parseFloorParallel = "parse-floor-parallel"
  /// Load, validate, score with every shipped rules module, render the results JSON.
  case pipeline
  /// The pipeline with the border-management rules module only.
  case borderRules = "border-rules"
  /// The same with the gap-ranker executable module added.
  case borderRulesAndExecutable = "border-rules-executable"
  /// The floor for the workshop workload's files.
  case workshopParseFloor = "workshop-parse-floor"
  /// `assess workshop`'s aggregation over the workshop workload (one questionnaire, one country).
  case workshop

  /// Whether the task reads the workshop workload rather than the mixed one.
  var readsWorkshopWorkload: Bool { self == .workshop || self == .workshopParseFloor }

  struct Report: Codable {
    var task: WorkerTask
    var files: Int
    var seconds: [Double]
    var cpuSeconds: [Double]
    /// Files scored and files with errors, from the last run (for the pipeline tasks).
    var scored = 0
    var withErrors = 0
    /// Evaluations made by executable modules in the last run.
    var executableEvaluations = 0
    var outputBytes = 0
  }

  struct Setup {
    var home: String
    var executableModuleFolder: String?
    var parallelism: Int
  }

  func run(paths: [String], runs: Int, setup: Setup) throws -> Report {
    var report = Report(task: self, files: paths.count, seconds: [], cpuSeconds: [])
    let context = try [.pipeline, .borderRules, .borderRulesAndExecutable].contains(self) ? PipelineContext(task: self, setup: setup) : nil
    let questionnaires = self == .workshop
      ? Catalog.load(SearchPaths(toolkitHome: setup.home)).questionnaires.map { CompiledQuestionnaire($0.document.model) } : []
    for _ in 0..<runs {
      let cpuBefore = ChildProcess.cpuSeconds()
      let start = DispatchTime.now().uptimeNanoseconds
      switch self {
      case .parseFloor, .workshopParseFloor:
        for path in paths { try Self.compose(path) }
      case .parseFloorParallel:
        let failures = FailureList()
        DispatchQueue.concurrentPerform(iterations: paths.count) { index in
          do { try Self.compose(paths[index]) } catch { failures.add("\(paths[index]): \(error)") }
        }
        if let first = failures.first { throw BenchmarkError(first) }
      case .pipeline, .borderRules, .borderRulesAndExecutable:
        try context!.run(paths, into: &report)
      case .workshop:
        let aggregator = WorkshopAggregator(questionnaires: questionnaires, anonymous: false)
        for path in paths {
          let problems = aggregator.add(path: path)
          if problems.hasErrors { throw BenchmarkError("\(path): \(problems.first!)") }
        }
        report.outputBytes = ReportJSONSize.of(aggregator.summary())
      }
      report.seconds.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
      report.cpuSeconds.append(ChildProcess.cpuSeconds() - cpuBefore)
    }
    return report
  }

  private static func compose(_ path: String) throws {
    let text = try String(contentsOfFile: path, encoding: .utf8)
    // The resolver the loader uses (YAMLComposer): scalars stay text, no type guessing.
    guard try Parser(yaml: text, resolver: .basic).singleRoot() != nil else { throw BenchmarkError("\(path): no YAML document") }
  }
}

/// What the pipeline tasks share across runs: the questionnaires and modules, loaded once as
/// `assess score` loads them once.
struct PipelineContext {
  var batch: AssessmentBatch
  var executableID: String?

  init(task: WorkerTask, setup: Setup) throws {
    let catalog = Catalog.load(SearchPaths(toolkitHome: setup.home))
    let compiled = catalog.questionnaires.map { CompiledQuestionnaire($0.document.model) }
    var modules = catalog.modules.filter { $0.document.model.kind == .rules }
    if task != .pipeline {
      modules = modules.filter { $0.document.model.id.value == "org.unodc.border-management" }
    }
    if task == .borderRulesAndExecutable {
      guard let folder = setup.executableModuleFolder else { throw BenchmarkError("no executable module folder") }
      let executable = Catalog.load(SearchPaths(toolkitHome: nil, pluginDirectories: [folder])).modules
      guard let module = executable.first else { throw BenchmarkError("\(folder) holds no module") }
      modules.append(module)
      executableID = module.document.model.id.value
    }
    guard !modules.isEmpty, !compiled.isEmpty else { throw BenchmarkError("no questionnaires or modules under \(setup.home)") }
    batch = AssessmentBatch(
      questionnaires: compiled, modules: modules, toolkitVersion: "benchmark", parallelism: setup.parallelism)
  }

  typealias Setup = WorkerTask.Setup

  func run(_ paths: [String], into report: inout WorkerTask.Report) throws {
    var bytes = 0
    var scored = 0
    var withErrors = 0
    var evaluations = 0
    let writer = ResultJSONWriter { bytes += $0.count }
    var firstProblem: String?
    try batch.run(paths, render: ResultJSONWriter.element(for:)) { entry, element in
      if entry.hasErrors {
        withErrors += 1
        firstProblem = firstProblem ?? entry.diagnostics.first.map { "\($0)" }
      }
      guard let result = entry.result else { return }
      scored += 1
      if let executableID {
        for run in result.modules where run.id == executableID {
          guard run.status == .ok else { throw BenchmarkError("\(executableID) failed: \(run.error ?? "")") }
          evaluations += run.questionnaires.count
        }
      }
      try writer.write(element: element ?? [])
    }
    try writer.finish()
    if let firstProblem { throw BenchmarkError("\(withErrors) generated file(s) have errors; the first: \(firstProblem)") }
    report.scored = scored
    report.withErrors = withErrors
    report.executableEvaluations = evaluations
    report.outputBytes = bytes
  }
}

/// The size of the workshop summary's JSON, so the measured work includes the summary.
enum ReportJSONSize {
  static func of(_ summary: WorkshopSummary) -> Int {
    (try? ReportJSON.render(summary).utf8.count) ?? 0
  }
}
