import AssessmentKit

/// `assess plugin test` as a checklist, ending with the line `N passed, N failed`.
public struct ModuleCheckText: Sendable {
  public var colour: Bool

  public init(colour: Bool) {
    self.colour = colour
  }

  public func text(for reports: [ModuleCheckReport]) -> String {
    var out = ""
    for report in reports {
      out += paint("\(report.module) \(report.version)", "1") + (report.kind.isEmpty ? "" : " (\(report.kind))") + "\n"
      for check in report.checks {
        let mark = check.passed ? paint("✓", "32") : paint("✗", "1;31")
        out += "  \(mark) \(check.name)" + (check.detail.isEmpty ? "" : ": \(check.detail)") + "\n"
      }
    }
    let passed = reports.reduce(0) { $0 + $1.passed }
    let failed = reports.reduce(0) { $0 + $1.failed }
    return out + "\(passed) passed, \(failed) failed\n"
  }

  private func paint(_ text: String, _ code: String) -> String { colour ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text }
}
