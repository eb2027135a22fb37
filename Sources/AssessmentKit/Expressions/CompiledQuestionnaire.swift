/// A questionnaire with its expressions parsed and checked, and the order in which items must
/// be evaluated so every item's relevance and calculation can read the items it depends on.
///
/// Compile a questionnaire once and reuse it for every answers file.
public struct CompiledQuestionnaire: Sendable {
  public let questionnaire: Questionnaire
  /// Problems found in the expressions; empty when every expression is sound.
  public let diagnostics: [Diagnostic]
  let relevant: [String: Expression]
  let constraint: [String: Expression]
  let calculate: [String: Expression]
  /// Item ids, each after every item its relevance or calculation reads.
  let evaluationOrder: [String]

  public init(_ questionnaire: Questionnaire) {
    self.questionnaire = questionnaire
    var diagnostics: [Diagnostic] = []
    var relevant: [String: Expression] = [:]
    var constraint: [String: Expression] = [:]
    var calculate: [String: Expression] = [:]
    var parsed: [(item: Item, role: ExpressionRole, source: ExpressionSource, expression: Expression)] = []
    for item in questionnaire.items {
      let sources: [(ExpressionRole, ExpressionSource?)] = [(.relevant, item.relevant), (.constraint, item.constraint), (.calculate, item.calculate)]
      for case (let role, let source?) in sources {
        switch Self.parse(source) {
        case .success(let expression):
          parsed.append((item, role, source, expression))
          switch role {
          case .relevant: relevant[item.id.value] = relevant[item.id.value] ?? expression
          case .constraint: constraint[item.id.value] = constraint[item.id.value] ?? expression
          case .calculate: calculate[item.id.value] = calculate[item.id.value] ?? expression
          case .condition: break
          }
        case .failure(let diagnostic):
          diagnostics.append(diagnostic)
        }
      }
    }
    let dependencies = Self.dependencies(questionnaire, relevant: relevant, calculate: calculate)
    let (order, cycles) = Self.order(questionnaire.items.map(\.id.value), dependencies: dependencies)
    for cycle in cycles {
      guard let first = cycle.first, let item = questionnaire.item(first) else { continue }
      // Point at the expression that closes the circle: the one reading another item of it.
      let members = Set(cycle)
      func readsCircle(_ expression: Expression?) -> Bool {
        expression.map { Self.reads($0, in: questionnaire).contains(where: members.contains) } ?? false
      }
      let pair: (ExpressionSource, Expression)? =
        readsCircle(relevant[first]) ? item.relevant.flatMap { source in relevant[first].map { (source, $0) } }
        : item.calculate.flatMap { source in calculate[first].map { (source, $0) } }
      guard let (source, expression) = pair else { continue }
      diagnostics.append(
        source.diagnostic(
          .error, .exprCycle, "items depend on each other in a circle: \((cycle + [first]).joined(separator: " → "))",
          hint: "break the circle: an item's relevance or calculation cannot depend, even through others, on itself",
          range: expression.range))
    }
    // Calculated items are typed in evaluation order, so a calculation may read an earlier one.
    var calculatedTypes: [String: ValueType] = [:]
    for id in order {
      guard let expression = calculate[id], let item = questionnaire.item(id), let source = item.calculate else { continue }
      var checker = ExpressionChecker(
        questionnaire: questionnaire, role: .calculate, currentItem: item, calculatedTypes: calculatedTypes, source: source)
      calculatedTypes[id] = checker.checkRoot(expression)
      diagnostics += checker.diagnostics
    }
    for entry in parsed where entry.role != .calculate {
      var checker = ExpressionChecker(
        questionnaire: questionnaire, role: entry.role, currentItem: entry.item, calculatedTypes: calculatedTypes, source: entry.source)
      _ = checker.checkRoot(entry.expression)
      diagnostics += checker.diagnostics
    }
    self.diagnostics = diagnostics
    self.relevant = relevant
    self.constraint = constraint
    self.calculate = calculate
    evaluationOrder = order
  }

  /// The questionnaire answers written for `version` are read against: that exact version,
  /// else the newest of the same major version; nil when there is none.
  public static func match(_ candidates: [CompiledQuestionnaire], version: String) -> CompiledQuestionnaire? {
    if let exact = candidates.first(where: { $0.questionnaire.version.value == version }) { return exact }
    guard let major = SemanticVersion(version)?.major else { return nil }
    let zero = SemanticVersion(major: 0, minor: 0, patch: 0)
    return candidates.filter { $0.questionnaire.parsedVersion?.major == major }
      .max { ($0.questionnaire.parsedVersion ?? zero) < ($1.questionnaire.parsedVersion ?? zero) }
  }

  /// Parses a rule condition or any other expression and checks it against this questionnaire;
  /// a rule's `when` may also read the `peers`, as `${questionnaire:item}`.
  public func check(_ source: ExpressionSource, role: ExpressionRole, peers: [Questionnaire] = []) -> (Expression?, [Diagnostic]) {
    switch Self.parse(source) {
    case .failure(let diagnostic):
      return (nil, [diagnostic])
    case .success(let expression):
      var calculatedTypes: [String: ValueType] = [:]
      for (id, _) in calculate { calculatedTypes[id] = .any }
      var checker = ExpressionChecker(
        questionnaire: questionnaire, role: role, currentItem: nil, calculatedTypes: calculatedTypes, source: source,
        peers: Dictionary(peers.map { ($0.id.value, $0) }, uniquingKeysWith: { first, _ in first }))
      _ = checker.checkRoot(expression)
      return (checker.diagnostics.isEmpty ? expression : nil, checker.diagnostics)
    }
  }

  static func parse(_ source: ExpressionSource) -> Result<Expression, Diagnostic> {
    do {
      return .success(try ExpressionParser.parse(source.text))
    } catch {
      let code: DiagnosticCode = error.kind == .limit ? .exprLimit : .exprSyntax
      return .failure(source.diagnostic(.error, code, error.message, hint: error.hint, range: error.range))
    }
  }

  /// For each item, the items its relevance and calculation read.
  private static func dependencies(
    _ questionnaire: Questionnaire, relevant: [String: Expression], calculate: [String: Expression]
  ) -> [String: [String]] {
    var result: [String: [String]] = [:]
    for item in questionnaire.items {
      result[item.id.value] = [relevant[item.id.value], calculate[item.id.value]].compactMap { $0 }
        .flatMap { reads($0, in: questionnaire) }
    }
    return result
  }

  /// The items an expression reads; reading a section's score or level reads all its items.
  private static func reads(_ expression: Expression, in questionnaire: Questionnaire) -> [String] {
    expression.references.flatMap { id, _ -> [String] in
      if let section = questionnaire.section(id) { return section.items.map(\.id.value) }
      return questionnaire.item(id) != nil ? [id] : []
    }
  }

  /// Items in file order, moved after what they depend on; and each circle found.
  private static func order(_ ids: [String], dependencies: [String: [String]]) -> ([String], [[String]]) {
    enum Mark { case visiting, done }
    var marks: [String: Mark] = [:]
    var order: [String] = []
    var cycles: [[String]] = []
    var stack: [String] = []
    func visit(_ id: String) {
      switch marks[id] {
      case .done?: return
      case .visiting?:
        if let start = stack.firstIndex(of: id) {
          let cycle = Array(stack[start...])
          if !cycles.contains(where: { Set($0) == Set(cycle) }) { cycles.append(cycle) }
        }
        return
      case nil:
        marks[id] = .visiting
        stack.append(id)
        for dependency in dependencies[id] ?? [] { visit(dependency) }
        stack.removeLast()
        marks[id] = .done
        order.append(id)
      }
    }
    ids.forEach(visit)
    return (order, cycles)
  }
}
