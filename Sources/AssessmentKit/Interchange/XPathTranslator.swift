/// Translates the toolkit's expressions into the XPath dialect of XLSForm (ODK), so a form's
/// relevance and constraints behave as the questionnaire says.
///
/// `${id}` stays `${name}` with the form name of the item; `and`, `or`, `not()`, `selected()`,
/// `count-selected()`, `if()` and `coalesce()` exist on both sides. Where the two languages
/// differ the translation keeps the toolkit's meaning: a comparison with an unanswered item, a
/// "not applicable" or a "don't know" is false, `!=` included; `in [a, b]` becomes a chain of
/// `=`; `/` becomes `div`. `score()` and `level()` have no XPath counterpart: such an
/// expression is not translated, and the caller reports it.
public struct XPathTranslator: Sendable {
  public let questionnaire: Questionnaire
  public let names: XLSFormNames

  public struct Untranslatable: Error, Sendable {
    public var reason: String
  }

  public init(questionnaire: Questionnaire, names: XLSFormNames) {
    self.questionnaire = questionnaire
    self.names = names
  }

  public func translate(_ source: ExpressionSource) throws(Untranslatable) -> String {
    let expression: Expression
    do {
      expression = try ExpressionParser.parse(source.text)
    } catch {
      throw Untranslatable(reason: "the expression does not parse")
    }
    return try translate(expression, current: nil)
  }

  /// - Parameter current: the item `.` stands for, for its special answers.
  public func translate(_ source: ExpressionSource, currentItem: String) throws(Untranslatable) -> String {
    let expression: Expression
    do {
      expression = try ExpressionParser.parse(source.text)
    } catch {
      throw Untranslatable(reason: "the expression does not parse")
    }
    return try translate(expression, current: currentItem)
  }

  private func translate(_ expression: Expression, current: String?) throws(Untranslatable) -> String {
    switch expression.kind {
    case .number(let value): return ExpressionPrinter.format(value)
    case .text(let value): return literal(value)
    case .boolean(let value): return value ? "true()" : "false()"
    case .reference(let id): return "${\(names.itemNames[id] ?? XLSFormNames.sanitise(id))}"
    case .current: return "."
    case .list: throw Untranslatable(reason: "a list is only translated on the right of `in`")
    case .negate(let operand): return "-(\(try translate(operand, current: current)))"
    case .not(let operand): return "not(\(try translate(operand, current: current)))"
    case .binary(let op, let left, let right):
      switch op {
      case .and, .or:
        return "(\(try translate(left, current: current)) \(op.rawValue) \(try translate(right, current: current)))"
      case .in:
        guard case .list(let elements) = right.kind, !elements.isEmpty else {
          throw Untranslatable(reason: "`in` is translated only with a written list, such as `in ['yes', 'partial']`")
        }
        let subject = try translate(left, current: current)
        let isMulti = itemID(left, current: current).flatMap(questionnaire.item)?.kind == .multi
        var alternatives: [String] = []
        for element in elements {
          let value = try translate(element, current: current)
          alternatives.append(isMulti ? "selected(\(subject), \(value))" : "\(subject) = \(value)")
        }
        let choices = "(" + alternatives.joined(separator: " or ") + ")"
        // `in` with "not applicable" or "don't know" on the left is false, even if the list names it.
        return isMulti ? choices : specialGuard(left, current: current).map { "(\($0) and \(choices))" } ?? choices
      case .notEqual:
        // XPath says '' != 'no' is true; the toolkit says a comparison with a missing value is false.
        let guards = [left, right].compactMap { answeredGuard($0, current: current) }
        let comparison = "\(try translate(left, current: current)) != \(try translate(right, current: current))"
        return "(" + (guards + [comparison]).joined(separator: " and ") + ")"
      case .equal, .less, .lessOrEqual, .greater, .greaterOrEqual:
        let guards = [left, right].compactMap { specialGuard($0, current: current) }
        let comparison = "\(try translate(left, current: current)) \(op.rawValue) \(try translate(right, current: current))"
        return "(" + (guards + [comparison]).joined(separator: " and ") + ")"
      case .add, .subtract, .multiply:
        return "(\(try translate(left, current: current)) \(op.rawValue) \(try translate(right, current: current)))"
      case .divide:
        return "(\(try translate(left, current: current)) div \(try translate(right, current: current)))"
      }
    case .call(let function, let arguments):
      var translated: [String] = []
      for argument in arguments { translated.append(try translate(argument, current: current)) }
      switch function {
      case .selected: return "selected(\(translated.joined(separator: ", ")))"
      case .countSelected: return "count-selected(\(translated.joined(separator: ", ")))"
      case .answered:
        guard let first = arguments.first, let condition = answeredGuard(first, current: current) else { return "false()" }
        return condition
      case .if: return "if(\(translated.joined(separator: ", ")))"
      case .coalesce:
        guard var result = translated.last else { return "''" }
        for value in translated.dropLast().reversed() { result = "coalesce(\(value), \(result))" }
        return result
      case .min, .max:
        return "\(function.rawValue)(\(translated.joined(separator: ", ")))"
      case .sum:
        return "(" + translated.map { "coalesce(\($0), 0)" }.joined(separator: " + ") + ")"
      case .count:
        return "(" + zip(arguments, translated).map { argument, text in
          "if(\(answeredGuard(argument, current: current) ?? "string-length(\(text)) > 0"), 1, 0)"
        }.joined(separator: " + ") + ")"
      case .mean, .score, .level:
        throw Untranslatable(reason: "`\(function.rawValue)()` has no XLSForm counterpart")
      }
    }
  }

  /// The item a reference or `.` reads.
  private func itemID(_ expression: Expression, current: String?) -> String? {
    switch expression.kind {
    case .reference(let id): return id
    case .current: return current
    default: return nil
    }
  }

  /// "Has a real answer": not empty, and none of the item's "not applicable" or "don't know"
  /// options; nil when the operand reads no item.
  private func answeredGuard(_ expression: Expression, current: String?) -> String? {
    guard let id = itemID(expression, current: current) else { return nil }
    let reference = expression.kind == .current ? "." : "${\(names.itemNames[id] ?? XLSFormNames.sanitise(id))}"
    var parts = ["string-length(\(reference)) > 0"]
    for value in specialValues(id) { parts.append("\(reference) != \(literal(value))") }
    return parts.joined(separator: " and ")
  }

  /// For `=` and the orderings only the special answers need ruling out: an empty value never
  /// equals a number or an option, but `'dk' = 'dk'` would.
  private func specialGuard(_ expression: Expression, current: String?) -> String? {
    guard let id = itemID(expression, current: current), !specialValues(id).isEmpty else { return nil }
    let reference = expression.kind == .current ? "." : "${\(names.itemNames[id] ?? XLSFormNames.sanitise(id))}"
    return specialValues(id).map { "\(reference) != \(literal($0))" }.joined(separator: " and ")
  }

  private func specialValues(_ itemID: String) -> [String] {
    guard let item = questionnaire.item(itemID), let scale = item.scale.flatMap({ questionnaire.scale($0.value) }) else { return [] }
    return scale.options.filter { !$0.isScored }.map(\.value.value)
  }

  private func literal(_ text: String) -> String {
    if !text.contains("'") { return "'\(text)'" }
    if !text.contains("\"") { return "\"\(text)\"" }
    return "concat(" + text.split(separator: "'", omittingEmptySubsequences: false).map { "'\($0)'" }.joined(separator: ", \"'\", ") + ")"
  }
}
