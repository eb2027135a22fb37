import AssessmentKit

/// Reports name the toolkit's own modules by their place in the toolkit (`Plugins/…/evaluator.yaml`),
/// never by where the toolkit happens to be installed, so a report made on one machine holds no
/// path of it and two machines give the same bytes.
public enum ToolkitRelativePaths {
  public static func apply(_ results: [AssessmentResult], toolkitHome: String?) -> [AssessmentResult] {
    guard let home = toolkitHome, !home.isEmpty else { return results }
    let prefix = home.hasSuffix("/") ? home : home + "/"
    return results.map { result in
      var relative = result
      relative.modules = result.modules.map { run in
        var run = run
        if run.manifest.hasPrefix(prefix) { run.manifest = String(run.manifest.dropFirst(prefix.count)) }
        return run
      }
      return relative
    }
  }
}
