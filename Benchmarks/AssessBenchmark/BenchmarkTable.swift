import Foundation

/// The measurements as a table, then each target of issue 9 with its value, met or missed.
struct BenchmarkTable {
  var sizes: [Int]
  var measurements: [Int: [WorkerTask: BenchmarkSession.Measurement]]
  var parallelism: Int
  var cores: Int
  var demo: BenchmarkSession.DemoSplit?

  var text: String {
    var lines: [String] = []
    lines.append("")
    lines.append("machine: \(cores) core(s); pipeline parallelism \(parallelism); times are medians, in milliseconds")
    lines.append("")
    let header = [
      "respondents", "floor 1 core", "floor all", "pipeline", "÷ floor 1", "÷ floor all", "files/s", "cores used", "peak MB",
    ]
    var rows: [[String]] = [header]
    for size in sizes {
      guard let row = measurements[size], let floor = row[.parseFloor], let pipeline = row[.pipeline] else { continue }
      let floorAll = row[.parseFloorParallel]
      rows.append([
        String(size), Self.milliseconds(floor.median), floorAll.map { Self.milliseconds($0.median) } ?? "-",
        Self.milliseconds(pipeline.median), Self.ratio(pipeline.median, floor.median),
        floorAll.map { Self.ratio(pipeline.median, $0.median) } ?? "-",
        String(format: "%.0f", Double(size) / max(pipeline.median, 1e-9)), String(format: "%.2f", pipeline.cores),
        String(format: "%.1f", Double(pipeline.peakMemory) / 1_048_576),
      ])
    }
    lines += Self.aligned(rows)
    lines.append("")
    var moduleRows: [[String]] = [
      ["respondents", "evaluations", "rules only", "+ gap-ranker", "added per evaluation", "host CPU per evaluation", "peak MB"]
    ]
    for size in sizes {
      guard let row = measurements[size], let rules = row[.borderRules], let both = row[.borderRulesAndExecutable] else { continue }
      moduleRows.append([
        String(size), String(both.report.executableEvaluations), Self.milliseconds(rules.median), Self.milliseconds(both.median),
        perEvaluation(size).map { String(format: "%.3f ms", $0) } ?? "-",
        cpuPerEvaluation(size).map { String(format: "%.3f ms", $0) } ?? "-", String(format: "%.1f", Double(both.peakMemory) / 1_048_576),
      ])
    }
    if moduleRows.count > 1 {
      lines.append("executable module (one process for the batch) against the border-management rules in process:")
      lines += Self.aligned(moduleRows)
      lines.append("")
    }
    var workshopRows: [[String]] = [["respondents", "floor 1 core", "workshop", "÷ floor 1", "files/s", "peak MB"]]
    for size in sizes {
      guard let row = measurements[size], let floor = row[.workshopParseFloor], let workshop = row[.workshop] else { continue }
      workshopRows.append([
        String(size), Self.milliseconds(floor.median), Self.milliseconds(workshop.median), Self.ratio(workshop.median, floor.median),
        String(format: "%.0f", Double(size) / max(workshop.median, 1e-9)), String(format: "%.1f", Double(workshop.peakMemory) / 1_048_576),
      ])
    }
    if workshopRows.count > 1 {
      lines.append("workshop aggregation (assess workshop's WorkshopAggregator and its JSON summary, one file after another):")
      lines += Self.aligned(workshopRows)
      lines.append("")
    }
    if let demo {
      let work = max(0, demo.demo - demo.start)
      lines.append(
        "assess demo: \(Self.milliseconds(demo.demo)) ms in all; starting a process (assess --version) \(Self.milliseconds(demo.start)) ms, "
          + "the work (catalogue, every shipped module including two executable ones, the HTML report) \(Self.milliseconds(work)) ms; "
          + "peak \(String(format: "%.1f", Double(demo.peakMemory) / 1_048_576)) MB")
      lines.append("")
    }
    lines.append("targets (issue 9):")
    lines += targets.map { "  " + $0 }
    return lines.joined(separator: "\n")
  }

  /// Wall time the executable module adds per evaluation: the difference between the batch with
  /// and without it, over the evaluations it made (its own work included).
  func perEvaluation(_ size: Int) -> Double? {
    guard let row = measurements[size], let rules = row[.borderRules], let both = row[.borderRulesAndExecutable],
      both.report.executableEvaluations > 0
    else { return nil }
    return (both.median - rules.median) * 1000 / Double(both.report.executableEvaluations)
  }

  /// CPU time the executable module adds in the host process per evaluation (not the module's
  /// own process): what waiting on another process cannot explain.
  func cpuPerEvaluation(_ size: Int) -> Double? {
    guard let row = measurements[size], let rules = row[.borderRules], let both = row[.borderRulesAndExecutable],
      both.report.executableEvaluations > 0
    else { return nil }
    let cpu = BenchmarkSession.median(both.report.cpuSeconds) - BenchmarkSession.median(rules.report.cpuSeconds)
    return cpu * 1000 / Double(both.report.executableEvaluations)
  }

  var targets: [String] {
    var lines: [String] = []
    let large = sizes.contains(10_000) ? 10_000 : nil
    func verdict(_ met: Bool) -> String { met ? "met" : "MISSED" }
    if let large, let row = measurements[large], let floor = row[.parseFloor], let pipeline = row[.pipeline] {
      let ratio = pipeline.median / floor.median
      lines.append("pipeline ≤ 1.5 × parse floor (1 core) at \(large): \(String(format: "%.2f", ratio)) × — \(verdict(ratio <= 1.5))")
      if let floorAll = row[.parseFloorParallel] {
        let allRatio = pipeline.median / floorAll.median
        lines.append("  (against the floor parsed on every core: \(String(format: "%.2f", allRatio)) ×)")
      }
      let busy = pipeline.cores
      lines.append(
        "both cores busy at \(large): \(String(format: "%.2f", busy)) of \(cores) core(s) used — \(verdict(busy >= 0.8 * Double(min(cores, max(parallelism, 2))) || cores == 1))")
    } else {
      lines.append("pipeline ≤ 1.5 × parse floor at 10000, both cores busy: not measured (add 10000 to --sizes)")
    }
    if let large, let small = measurements[100]?[.pipeline], let big = measurements[large]?[.pipeline] {
      let growth = Double(big.peakMemory) / Double(small.peakMemory)
      lines.append(
        "peak memory at \(large) ≤ 1.5 × at 100: \(String(format: "%.1f", Double(big.peakMemory) / 1_048_576)) MB vs \(String(format: "%.1f", Double(small.peakMemory) / 1_048_576)) MB = \(String(format: "%.2f", growth)) × — \(verdict(growth <= 1.5))")
    } else {
      lines.append("peak memory at 10000 ≤ 1.5 × at 100: not measured (needs sizes 100 and 10000)")
    }
    if let demo {
      let share = demo.start / max(demo.demo, 1e-9)
      lines.append(
        "assess demo spends most of its time starting the process: \(String(format: "%.0f", share * 100))% is process start — \(verdict(share >= 0.5))")
    }
    if let size = large ?? sizes.last, let added = perEvaluation(size) {
      lines.append("executable module adds ≤ 0.2 ms per evaluation at \(size): \(String(format: "%.3f", added)) ms — \(verdict(added <= 0.2))")
    } else {
      lines.append("executable module overhead: not measured (gap-ranker-evaluator not built)")
    }
    return lines
  }

  static func milliseconds(_ seconds: Double) -> String { String(format: "%.1f", seconds * 1000) }
  static func ratio(_ value: Double, _ base: Double) -> String { base > 0 ? String(format: "%.2f ×", value / base) : "-" }

  static func aligned(_ rows: [[String]]) -> [String] {
    let widths = (0..<(rows.first?.count ?? 0)).map { column in rows.map { $0[column].count }.max() ?? 0 }
    return rows.map { row in
      row.enumerated().map { column, cell in
        String(repeating: " ", count: widths[column] - cell.count) + cell
      }.joined(separator: "  ")
    }
  }
}
