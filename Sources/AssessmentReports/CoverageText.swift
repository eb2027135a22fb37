import AssessmentKit

extension Coverage {
  /// How terminal and report outputs write coverage: `28/30 (93%), 2 don't know`.
  var summary: String {
    var text = "\(answered)/\(applicable)"
    if let ratio { text += " (\(Int((ratio * 100).rounded()))%)" }
    if unknown > 0 { text += ", \(unknown) don't know" }
    return text
  }
}
