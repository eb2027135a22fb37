import Yams

/// How a YAML node reads in a sentence: "a list", "a mapping", "the text `maybe`".
enum NodeDescription {
  static func of(_ node: Node) -> String {
    switch node {
    case .mapping: return "a mapping (`key: value` lines)"
    case .sequence: return "a list"
    case .alias: return "an alias"
    case .scalar(let scalar):
      if scalar.style == .plain && (scalar.string.isEmpty || scalar.string == "~" || scalar.string == "null") {
        return "no value"
      }
      let text = scalar.string.count > 40 ? String(scalar.string.prefix(37)) + "…" : scalar.string
      return "`\(text)`"
    }
  }
}
