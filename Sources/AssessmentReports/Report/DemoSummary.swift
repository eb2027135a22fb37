/// The few lines `assess demo` prints: where the report went and what it says first.
public enum DemoSummary {
  public static func text(_ respondent: RespondentReport, written path: String, modules: Int) -> String {
    var out = "Wrote \(path): the HTML report of \(respondent.heading), \(respondent.areas.count) areas, \(modules) evaluator modules.\n"
    out += "Open it in a browser, or print it.\n\n"
    out += "Overall: \(respondent.overall.levelText) (the lowest area level), mean area score \(respondent.overall.score), coverage \(respondent.overall.coverage)\n"
    out += "Critical flags: \(respondent.criticalFlagCount)"
    out += respondent.criticalFlags.isEmpty ? "\n" : " (" + respondent.criticalFlags.map(\.item).joined(separator: ", ") + ")\n"
    if !respondent.topRecommendations.isEmpty {
      out += "Top recommendations:\n"
      for recommendation in respondent.topRecommendations {
        out += "  \(recommendation.rank). [\(recommendation.priority)] \(recommendation.title) (\(recommendation.areaTitle))\n"
      }
    }
    return out
  }
}
