/// The type of an expression's value, checked when a questionnaire or module is loaded.
indirect enum ValueType: Hashable, Sendable {
  case number
  case text
  case boolean
  case list(ValueType)
  /// Not known in advance (an unknown reference, an empty list); accepted anywhere.
  case any

  var name: String {
    switch self {
    case .number: return "a number"
    case .text: return "text"
    case .boolean: return "true/false"
    case .list(let element): return element == .any ? "a list" : "a list of \(element.plural)"
    case .any: return "any value"
    }
  }

  private var plural: String {
    switch self {
    case .number: return "numbers"
    case .text: return "texts"
    case .boolean: return "true/false values"
    default: return "values"
    }
  }

  func accepts(_ other: ValueType) -> Bool {
    switch (self, other) {
    case (.any, _), (_, .any): return true
    case (.list(let a), .list(let b)): return a.accepts(b)
    default: return self == other
    }
  }

  /// The more precise of two types that accept each other.
  func merged(with other: ValueType) -> ValueType {
    switch (self, other) {
    case (.any, _): return other
    case (_, .any): return self
    case (.list(let a), .list(let b)): return .list(a.merged(with: b))
    default: return self
    }
  }

  /// The value type an item's answer has in expressions.
  static func of(_ kind: Item.Kind) -> ValueType {
    switch kind {
    case .choice, .text, .date: return .text
    case .multi: return .list(.text)
    case .number, .percent: return .number
    }
  }
}
