/// Where an expression is used, which decides what it may read and what it must give.
public enum ExpressionRole: String, Hashable, Sendable {
  /// An item's `relevant`: true/false, may not read the item's own answer.
  case relevant
  /// An item's `constraint`: true/false, `.` is the answer being checked.
  case constraint
  /// An item's `calculate`: a value of the item's type.
  case calculate
  /// A rule's `when`: true/false over a questionnaire's answers.
  case condition = "when"
}

/// Checks an expression against a questionnaire before any answer is seen: every reference
/// exists, every option compared with is one the item has, every function gets what it needs.
struct ExpressionChecker {
  let questionnaire: Questionnaire
  let role: ExpressionRole
  let currentItem: Item?
  /// Types of calculated items known so far.
  let calculatedTypes: [String: ValueType]
  let source: ExpressionSource
  /// Other questionnaires a rule may read, as `${questionnaire:item}`, by id.
  let peers: [String: Questionnaire]
  private(set) var diagnostics: [Diagnostic] = []

  init(
    questionnaire: Questionnaire, role: ExpressionRole, currentItem: Item?, calculatedTypes: [String: ValueType],
    source: ExpressionSource, peers: [String: Questionnaire] = [:]
  ) {
    self.questionnaire = questionnaire
    self.peers = peers
    self.role = role
    self.currentItem = currentItem
    self.calculatedTypes = calculatedTypes
    self.source = source
  }

  private mutating func report(_ code: DiagnosticCode, _ message: String, hint: String? = nil, _ range: Range<Int>) {
    diagnostics.append(source.diagnostic(.error, code, message, hint: hint, range: range))
  }

  /// Checks the whole expression and the type its role asks for.
  mutating func checkRoot(_ expression: Expression) -> ValueType {
    let type = check(expression)
    switch role {
    case .relevant, .constraint, .condition:
      if !ValueType.boolean.accepts(type) {
        let example: String
        switch type {
        case .number: example = "`\(ExpressionPrinter.print(expression)) > 0`"
        case .text: example = "`\(ExpressionPrinter.print(expression)) = 'yes'`"
        case .list: example = "`selected(\(ExpressionPrinter.print(expression)), 'option')`"
        default: example = "a comparison"
        }
        report(
          .exprType, "a `\(role.rawValue)` must be true or false, but this gives \(type.name)",
          hint: "compare it with something, such as \(example)", expression.range)
      }
    case .calculate:
      if let item = currentItem, !ValueType.of(item.kind).accepts(type) {
        report(
          .exprType, "item `\(item.id.value)` is a \(item.kind.rawValue) item, but its calculation gives \(type.name)",
          hint: "change the item's `type`, or the calculation", expression.range)
      }
    }
    return type
  }

  // MARK: - Nodes

  private mutating func check(_ expression: Expression) -> ValueType {
    switch expression.kind {
    case .number: return .number
    case .text: return .text
    case .boolean: return .boolean
    case .reference(let id): return referenceType(id, range: expression.range)
    case .current: return currentType(range: expression.range)
    case .list(let elements):
      var element = ValueType.any
      for node in elements {
        let type = check(node)
        if !element.accepts(type) {
          report(.exprType, "this list mixes \(element.name) and \(type.name)", hint: "keep one kind of value per list", node.range)
        }
        element = element.merged(with: type)
      }
      return .list(element)
    case .negate(let operand):
      expect(.number, check(operand), operand, what: "`-`")
      return .number
    case .not(let operand):
      expect(.boolean, check(operand), operand, what: "`not`")
      return .boolean
    case .binary(let op, let left, let right):
      return binary(op, left, right)
    case .call(let function, let arguments):
      return call(function, arguments, range: expression.range)
    }
  }

  private mutating func expect(_ wanted: ValueType, _ found: ValueType, _ node: Expression, what: String) {
    guard !wanted.accepts(found) else { return }
    report(.exprType, "\(what) needs \(wanted.name), but this is \(found.name)", node.range)
  }

  private mutating func referenceType(_ id: String, range: Range<Int>) -> ValueType {
    guard let (owner, local) = resolve(id, range: range) else { return .any }
    if let item = owner.item(local) {
      if item.calculate != nil { return owner.id == questionnaire.id ? calculatedTypes[local] ?? .any : .any }
      return .of(item.kind)
    }
    if owner.section(local) != nil {
      report(
        .exprType, "`\(id)` is a section, which has no answer of its own",
        hint: "use `score(${\(id)})` or `level(${\(id)})`", range)
      return .any
    }
    let known = owner.items.map(\.id.value) + owner.sections.map(\.id.value)
    report(
      .exprUnknownReference, "questionnaire `\(owner.id.value)` has no item `\(local)`",
      hint: Suggestion.hint(for: local, among: known), range)
    return .any
  }

  /// The questionnaire a reference reads and the id within it: `${BM-A.1}` reads this
  /// questionnaire, `${child-protection:CP-B.2}` another one (only a rule's `when` may).
  /// Nil, reported, when the other questionnaire cannot be read here.
  private mutating func resolve(_ id: String, range: Range<Int>) -> (Questionnaire, String)? {
    guard let colon = id.firstIndex(of: ":") else { return (questionnaire, id) }
    let qualifier = String(id[..<colon])
    let local = String(id[id.index(after: colon)...])
    if qualifier == questionnaire.id.value { return (questionnaire, local) }
    guard role == .condition else {
      report(
        .exprUnknownReference, "`${\(id)}` reads another questionnaire; only a rule's `when` may do that",
        hint: "refer to an item of this questionnaire, such as `${\(local)}`", range)
      return nil
    }
    guard let peer = peers[qualifier] else {
      report(
        .exprUnknownReference, "this module does not apply to questionnaire `\(qualifier)`, so its rules cannot read `${\(id)}`",
        hint: Suggestion.hint(for: qualifier, among: Array(peers.keys) + [questionnaire.id.value])
          ?? "add `- questionnaire: \(qualifier)` to the module's `applies_to`", range)
      return nil
    }
    return (peer, local)
  }

  /// The questionnaire a reference may read here and the id within it, without reporting:
  /// nil when the qualifier names no questionnaire this expression can read.
  private func owner(of id: String) -> (questionnaire: Questionnaire, local: String)? {
    guard let colon = id.firstIndex(of: ":") else { return (questionnaire, id) }
    let qualifier = String(id[..<colon])
    let local = String(id[id.index(after: colon)...])
    if qualifier == questionnaire.id.value { return (questionnaire, local) }
    guard role == .condition, let peer = peers[qualifier] else { return nil }
    return (peer, local)
  }

  /// The item a reference names, with the questionnaire holding it; nil when it names none.
  private func lookUp(_ id: String) -> (item: Item, owner: Questionnaire)? {
    guard let (owner, local) = owner(of: id) else { return nil }
    return owner.item(local).map { ($0, owner) }
  }

  private mutating func currentType(range: Range<Int>) -> ValueType {
    guard role == .constraint, let item = currentItem else {
      report(
        .exprCurrent, "`.` stands for the item's own answer and can be used only in a `constraint`",
        hint: currentItem.map { "write `${\($0.id.value)}`" } ?? "name the item, such as `${BM-A.1}`", range)
      return .any
    }
    return .of(item.kind)
  }

  /// The item an expression names directly, `${id}` or `.`, with the questionnaire holding it.
  private func namedItem(_ expression: Expression) -> (item: Item, owner: Questionnaire)? {
    switch expression.kind {
    case .reference(let id): return lookUp(id)
    case .current: return role == .constraint ? currentItem.map { ($0, questionnaire) } : nil
    default: return nil
    }
  }

  // MARK: - Operators

  private mutating func binary(_ op: BinaryOperator, _ left: Expression, _ right: Expression) -> ValueType {
    let leftType = check(left)
    let rightType = check(right)
    switch op {
    case .and, .or:
      expect(.boolean, leftType, left, what: "`\(op.rawValue)`")
      expect(.boolean, rightType, right, what: "`\(op.rawValue)`")
      return .boolean
    case .add, .subtract, .multiply, .divide:
      expect(.number, leftType, left, what: "`\(op.rawValue)`")
      expect(.number, rightType, right, what: "`\(op.rawValue)`")
      return .number
    case .equal, .notEqual:
      if leftType.accepts(rightType) {
        checkOptionComparison(left, right)
        checkOptionComparison(right, left)
      } else {
        reportMismatch(op, left, leftType, right, rightType)
      }
      return .boolean
    case .less, .lessOrEqual, .greater, .greaterOrEqual:
      let comparable = (ValueType.number.accepts(leftType) && ValueType.number.accepts(rightType))
        || (ValueType.text.accepts(leftType) && ValueType.text.accepts(rightType))
      if !comparable {
        reportMismatch(op, left, leftType, right, rightType)
      }
      return .boolean
    case .in:
      guard case .list(let element) = rightType.merged(with: .list(.any)) else {
        report(.exprType, "`in` needs a list on its right, such as `['0', '1']`", right.range)
        return .boolean
      }
      if !element.accepts(leftType) {
        report(.exprType, "`in` compares \(leftType.name) with a list of \(element == .text ? "texts" : element.name)", right.range)
      } else if case .list(let elements) = right.kind {
        for candidate in elements { checkOptionComparison(left, candidate) }
      }
      return .boolean
    }
  }

  private mutating func reportMismatch(
    _ op: BinaryOperator, _ left: Expression, _ leftType: ValueType, _ right: Expression, _ rightType: ValueType
  ) {
    var hint: String?
    for (side, other) in [(left, right), (right, left)] {
      guard let item = namedItem(side)?.item, case .text(let option) = other.kind else { continue }
      if item.kind == .multi {
        hint = "several options can be chosen here: write `selected(\(ExpressionPrinter.print(side)), '\(option)')`"
      } else if item.kind.isNumeric {
        hint = "a number item's special answers are tested with `selected(\(ExpressionPrinter.print(side)), '\(option)')`"
      }
    }
    report(.exprType, "`\(op.rawValue)` compares \(leftType.name) with \(rightType.name)", hint: hint, left.range.lowerBound..<right.range.upperBound)
  }

  /// `${item} = 'option'`: the option must be one of the item's scale.
  private mutating func checkOptionComparison(_ side: Expression, _ other: Expression) {
    guard let (item, owner) = namedItem(side), item.kind == .choice, case .text(let option) = other.kind,
      let scale = item.scale.flatMap({ owner.scale($0.value) })
    else { return }
    checkOption(option, of: item, scale: scale, range: other.range)
  }

  private mutating func checkOption(_ option: String, of item: Item, scale: Scale, range: Range<Int>) {
    guard scale.option(option) == nil else { return }
    let values = scale.options.map(\.value.value)
    report(
      .exprUnknownOption, "item `\(item.id.value)` has no option '\(option)'",
      hint: Suggestion.hint(for: option, among: values) ?? "its options: \(values.joined(separator: ", "))", range)
  }

  // MARK: - Functions

  private mutating func call(_ function: Function, _ arguments: [Expression], range: Range<Int>) -> ValueType {
    func arity(_ expected: ClosedRange<Int>, _ shape: String) -> Bool {
      guard expected.contains(arguments.count) else {
        report(.exprArity, "`\(function.rawValue)` takes \(shape), not \(arguments.count)", hint: "write `\(function.rawValue)(\(usage(function)))`", range)
        arguments.forEach { _ = check($0) }
        return false
      }
      return true
    }
    switch function {
    case .selected:
      guard arity(2...2, "2 arguments") else { return .boolean }
      let named = itemArgument(arguments[0], of: function, allowSection: false)
      expect(.text, check(arguments[1]), arguments[1], what: "the option of `selected`")
      if let (item, owner) = named, case .text(let option) = arguments[1].kind {
        if let scale = item.scale.flatMap({ owner.scale($0.value) }) {
          checkOption(option, of: item, scale: scale, range: arguments[1].range)
        } else {
          report(.exprType, "item `\(item.id.value)` has no options to select", hint: "compare its answer instead", arguments[0].range)
        }
      }
      return .boolean
    case .countSelected:
      guard arity(1...1, "1 argument") else { return .number }
      if let item = itemArgument(arguments[0], of: function, allowSection: false)?.item, item.kind != .multi, item.kind != .choice {
        report(.exprType, "`count-selected` counts the options chosen in a choice or multi item; `\(item.id.value)` is a \(item.kind.rawValue) item", arguments[0].range)
      }
      return .number
    case .answered:
      guard arity(1...1, "1 argument") else { return .boolean }
      _ = itemArgument(arguments[0], of: function, allowSection: false)
      return .boolean
    case .score, .level:
      guard arity(1...1, "1 argument") else { return .number }
      _ = itemArgument(arguments[0], of: function, allowSection: true)
      return .number
    case .sum, .min, .max, .mean:
      guard arity(1...Int.max, "at least 1 argument") else { return .number }
      for argument in arguments {
        let type = check(argument)
        if !ValueType.number.accepts(type) && !ValueType.list(.number).accepts(type) {
          report(.exprType, "`\(function.rawValue)` takes numbers or lists of numbers, but this is \(type.name)", argument.range)
        }
      }
      return .number
    case .count:
      guard arity(1...Int.max, "at least 1 argument") else { return .number }
      arguments.forEach { _ = check($0) }
      return .number
    case .if:
      guard arity(3...3, "3 arguments: a condition, the value when true, the value when false") else { return .any }
      expect(.boolean, check(arguments[0]), arguments[0], what: "the condition of `if`")
      let whenTrue = check(arguments[1])
      let whenFalse = check(arguments[2])
      if !whenTrue.accepts(whenFalse) {
        report(.exprType, "`if` gives \(whenTrue.name) in one case and \(whenFalse.name) in the other", hint: "give both cases the same kind of value", arguments[1].range.lowerBound..<arguments[2].range.upperBound)
      }
      return whenTrue.merged(with: whenFalse)
    case .coalesce:
      guard arity(2...Int.max, "at least 2 arguments") else { return .any }
      var type = ValueType.any
      for argument in arguments {
        let next = check(argument)
        if !type.accepts(next) {
          report(.exprType, "`coalesce` mixes \(type.name) and \(next.name)", hint: "give every argument the same kind of value", argument.range)
        }
        type = type.merged(with: next)
      }
      return type
    }
  }

  /// The item (or section) a function's first argument names; reported when it names none.
  private mutating func itemArgument(_ argument: Expression, of function: Function, allowSection: Bool) -> (item: Item, owner: Questionnaire)? {
    switch argument.kind {
    case .reference(let id):
      if let named = lookUp(id) { return named }
      if allowSection, let (owner, local) = owner(of: id), owner.section(local) != nil { return nil }
      _ = referenceType(id, range: argument.range)
      return nil
    case .current:
      _ = currentType(range: argument.range)
      return namedItem(argument)
    default:
      _ = check(argument)
      report(
        .exprType, "`\(function.rawValue)` needs an item reference such as `${BM-A.1}` here",
        hint: "write `\(function.rawValue)(\(usage(function)))`", argument.range)
      return nil
    }
  }

  private func usage(_ function: Function) -> String {
    switch function {
    case .selected: return "${item}, 'option'"
    case .countSelected, .answered: return "${item}"
    case .score, .level: return "${item or section}"
    case .sum, .min, .max, .mean, .count: return "${a}, ${b}, …"
    case .if: return "condition, when-true, when-false"
    case .coalesce: return "${a}, fallback"
    }
  }
}
