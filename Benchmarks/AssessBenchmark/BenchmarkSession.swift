import AssessmentKit
import Foundation

/// The parent side: writes the workloads, runs each measurement in a worker process, prints
/// the table and the targets.
struct BenchmarkSession {
  var home: String
  var sizes: [Int]
  var runs: Int
  /// Runs for the 10,000-respondent workload, which takes longest.
  var largeRuns: Int
  var workdir: String?
  var keep: Bool
  var parallelism: Int

  static var executablePath: String? {
    (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? Bundle.main.executablePath
  }

  struct Measurement {
    var report: WorkerTask.Report
    var peakMemory: Int
    var median: Double { BenchmarkSession.median(report.seconds) }
    var cores: Double { BenchmarkSession.median(zip(report.cpuSeconds, report.seconds).map { $1 > 0 ? $0 / $1 : 0 }) }
  }

  func run() throws {
    guard let executable = Self.executablePath else { throw BenchmarkError("cannot tell where assess-benchmark runs from") }
    let folder = workdir ?? NSTemporaryDirectory() + "assess-benchmark-\(ProcessInfo.processInfo.processIdentifier)"
    defer { if !keep { try? FileManager.default.removeItem(atPath: folder) } }
    let largest = sizes.max() ?? 1
    log("toolkit: \(home)")
    log("writing \(largest) synthetic answers file(s) to \(folder) …")
    let catalog = Catalog.load(SearchPaths(toolkitHome: home))
    let compiled = catalog.questionnaires.map { CompiledQuestionnaire($0.document.model) }
    let paths = try WorkloadGenerator(questionnaires: compiled).write(count: largest, into: folder + "/answers")
    log("writing \(largest) workshop answers file(s) (one country, border-management) …")
    _ = try WorkloadGenerator(questionnaires: compiled, workshop: true).write(count: largest, into: folder + "/workshop")
    let bytes = paths.reduce(0) { $0 + ((try? FileManager.default.attributesOfItem(atPath: $1)[.size] as? Int) ?? 0) }
    log("  \(paths.count) files, \(bytes / 1024) KB")
    let moduleFolder = try executableModuleFolder(in: folder, beside: executable)

    var table: [Int: [WorkerTask: Measurement]] = [:]
    for size in sizes {
      let repetitions = size >= 10_000 ? largeRuns : runs
      for task in WorkerTask.allCases {
        log("  \(size) respondent(s): \(task.rawValue) × \(repetitions)")
        let reportPath = folder + "/report-\(task.rawValue)-\(size).json"
        var arguments = [
          "--worker", task.rawValue, "--folder", folder + (task.readsWorkshopWorkload ? "/workshop" : "/answers"), "--count", String(size), "--report", reportPath,
          "--runs", String(repetitions), "--home", home, "--parallelism", String(parallelism),
        ]
        if let moduleFolder { arguments += ["--executable-module", moduleFolder] }
        if task == .borderRulesAndExecutable && moduleFolder == nil { continue }
        let outcome = try ChildProcess.run(executable, arguments)
        guard outcome.status == 0 else { throw BenchmarkError("the \(task.rawValue) worker for \(size) respondent(s) failed (status \(outcome.status))") }
        let report = try JSONDecoder().decode(WorkerTask.Report.self, from: Data(contentsOf: URL(fileURLWithPath: reportPath)))
        table[size, default: [:]][task] = Measurement(report: report, peakMemory: outcome.peakMemory)
      }
    }
    let demo = try measureDemo(beside: executable, output: folder + "/examplia-report.html")
    print(
      BenchmarkTable(
        sizes: sizes, measurements: table, parallelism: parallelism, cores: ProcessInfo.processInfo.activeProcessorCount, demo: demo
      ).text)
  }

  /// `assess demo` against `assess --version`: how much of the demo is starting a process.
  struct DemoSplit {
    var start: Double
    var demo: Double
    var peakMemory: Int
  }

  private func measureDemo(beside executable: String, output: String) throws -> DemoSplit? {
    let assess = (executable as NSString).deletingLastPathComponent + "/assess"
    guard FileManager.default.isExecutableFile(atPath: assess) else {
      log("  assess is not built beside \(executable): the demo split is skipped")
      return nil
    }
    log("  assess demo × \(runs), assess --version × \(runs)")
    var starts: [Double] = []
    var demos: [Double] = []
    var peak = 0
    for _ in 0..<runs {
      starts.append(try ChildProcess.timed(assess, ["--version"]).seconds)
      let (seconds, outcome) = try ChildProcess.timed(assess, ["demo", "-o", output])
      demos.append(seconds)
      peak = max(peak, outcome.peakMemory)
    }
    return DemoSplit(start: Self.median(starts), demo: Self.median(demos), peakMemory: peak)
  }

  /// The gap-ranker module in a folder of its own, its program the release build beside this
  /// executable (its shipped launcher prefers a debug build when there is one).
  private func executableModuleFolder(in folder: String, beside executable: String) throws -> String? {
    let built = (executable as NSString).deletingLastPathComponent + "/gap-ranker-evaluator"
    guard FileManager.default.isExecutableFile(atPath: built) else {
      log("  gap-ranker-evaluator is not built beside \(executable): the executable-module measurement is skipped")
      return nil
    }
    let modules = folder + "/modules"
    let module = modules + "/org.example.gap-ranker"
    try? FileManager.default.removeItem(atPath: modules)
    try FileManager.default.createDirectory(atPath: module + "/bin", withIntermediateDirectories: true)
    try FileManager.default.copyItem(atPath: home + "/Plugins/org.example.gap-ranker/evaluator.yaml", toPath: module + "/evaluator.yaml")
    try FileManager.default.createSymbolicLink(atPath: module + "/bin/gap-ranker", withDestinationPath: built)
    return modules
  }

  static func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    guard !sorted.isEmpty else { return 0 }
    return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
  }

  private func log(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
  }
}
