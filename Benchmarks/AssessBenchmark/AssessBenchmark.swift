import ArgumentParser
import AssessmentKit
import Foundation

/// Measures the toolkit against the YAML parsing it cannot avoid, on synthetic workloads of 1,
/// 100 and 10,000 respondents, and says which of the performance targets are met.
@main
struct AssessBenchmark: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "assess-benchmark",
    abstract: "Benchmark the assess pipeline against the YAML parsing floor.",
    discussion: """
      Writes deterministic synthetic answers files (seeded: the same files on every machine) \
      over the shipped questionnaires, then measures, each in a process of its own so its peak \
      memory is its own: reading and composing the YAML alone (the floor), the full pipeline \
      (load, validate, score, every shipped rules module, results JSON), and an executable \
      module (gap-ranker) against the in-process rules. Times are medians of several runs. \
      Build in release mode: debug timings mean nothing.

      Examples:
        swift run -c release assess-benchmark
        swift run -c release assess-benchmark --quick
        swift run -c release assess-benchmark --sizes 1,100 --runs 3
        swift run -c release assess-benchmark --keep --workdir /tmp/assess-workload

      Exit codes: 0 measured (targets met or not: the table says); 1 a measurement failed; 64 wrong usage.
      """)

  @Flag(help: "Fewer runs: 3 for the small workloads, 1 for 10,000 respondents.")
  var quick = false

  @Option(help: ArgumentHelp("Workload sizes in respondents, comma-separated.", valueName: "n,n,…"))
  var sizes = "1,100,10000"

  @Option(help: "Runs per measurement (the median is reported); default 5, or 3 with --quick.")
  var runs: Int?

  @Option(help: "The toolkit folder holding Questionnaires/ and Plugins/ (default: found from the executable or ASSESS_HOME).")
  var home: String?

  @Option(help: "Where the synthetic files are written (default: a new folder in the temporary directory).")
  var workdir: String?

  @Flag(help: "Keep the synthetic files afterwards.")
  var keep = false

  @Option(help: "Files read and checked at once by the pipeline (default: the number of cores).")
  var parallelism = ProcessInfo.processInfo.activeProcessorCount

  // The worker side: one measurement in a process of its own.
  @Option(help: .hidden) var worker: WorkerTask?
  @Option(help: .hidden) var folder: String?
  @Option(help: .hidden) var count = 0
  @Option(help: .hidden) var report: String?
  @Option(help: .hidden) var executableModule: String?

  var sizeList: [Int] { sizes.split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) } }

  func validate() throws {
    if worker == nil {
      guard !sizeList.isEmpty, sizeList.allSatisfy({ $0 > 0 }), sizeList.count == sizes.split(separator: ",").count else {
        throw ValidationError("--sizes takes whole numbers above zero separated by commas, such as 1,100,10000")
      }
    }
    if let runs, runs < 1 { throw ValidationError("--runs must be 1 or more") }
    if parallelism < 1 { throw ValidationError("--parallelism must be 1 or more") }
  }

  func run() throws {
    let toolkitHome = try resolvedHome()
    if let worker {
      try runWorker(worker, home: toolkitHome)
      return
    }
    try BenchmarkSession(
      home: toolkitHome, sizes: sizeList.sorted(), runs: runs ?? (quick ? 3 : 5), largeRuns: runs ?? (quick ? 1 : 3),
      workdir: workdir, keep: keep, parallelism: parallelism
    ).run()
  }

  private func resolvedHome() throws -> String {
    if let home { return home }
    let fromEnvironment = SearchPaths.fromEnvironment(
      ProcessInfo.processInfo.environment, executablePath: BenchmarkSession.executablePath, pluginDirectories: []
    ).toolkitHome
    if let found = fromEnvironment { return found }
    let current = FileManager.default.currentDirectoryPath
    if FileManager.default.fileExists(atPath: current + "/Questionnaires") { return current }
    throw ValidationError("cannot find the toolkit folder (Questionnaires/ and Plugins/); run from the package root or pass --home")
  }

  private func runWorker(_ task: WorkerTask, home: String) throws {
    guard let folder, let report else { throw ValidationError("--worker needs --folder and --report") }
    let names = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".answers.yaml") }.sorted()
    guard names.count >= count else { throw BenchmarkError("\(folder) holds \(names.count) answers files, fewer than \(count)") }
    let paths = names.prefix(count).map { folder + "/" + $0 }
    let measured = try task.run(
      paths: paths, runs: runs ?? 1,
      setup: WorkerTask.Setup(home: home, executableModuleFolder: executableModule, parallelism: parallelism))
    let encoder = JSONEncoder()
    try encoder.encode(measured).write(to: URL(fileURLWithPath: report))
  }
}

extension WorkerTask: ExpressibleByArgument {}
