import Yams

/// Reads the fields of one YAML mapping into a model type, with a located, plain-words
/// diagnostic for every problem.
///
/// Model types call it from `init(from:)`. Scalars are read from the node itself, so a value
/// is always the text the person wrote (`no` stays "no", `1.10` stays "1.10"); nested model
/// types go through the regular `Decodable` machinery and come back here.
struct FieldReader<Key: CodingKey & CaseIterable & RawRepresentable> where Key.RawValue == String {
  let context: DecodingContext
  let path: [any CodingKey]
  let container: KeyedDecodingContainer<Key>
  /// Where the mapping starts.
  let location: SourceLocation
  /// What the mapping is, for messages: "section", "item", "answer".
  let noun: String

  init(_ decoder: any Decoder, _ keys: Key.Type, noun: String) throws {
    context = DecodingContext.of(decoder)
    path = decoder.codingPath
    self.noun = noun
    location = context.location(at: path)
    guard case .mapping(let mapping)? = context.node(at: path) else {
      let found = context.node(at: path).map(NodeDescription.of) ?? "nothing"
      throw Diagnostic.error(
        .schemaTypeMismatch, "expected a mapping (`key: value` lines) for this \(noun), found \(found)",
        hint: Self.shapeHint(for: context.node(at: path)), at: location)
    }
    container = try decoder.container(keyedBy: Key.self)
    let known = Key.allCases.map(\.rawValue)
    for (keyNode, _) in mapping {
      let name = keyNode.string ?? ""
      guard !known.contains(name), !name.hasPrefix("x-") else { continue }
      let suggestion = Suggestion.closest(to: name, among: known)
      context.report(
        .error(
          .schemaUnknownKey, "unknown key `\(name)` in this \(noun)",
          hint: suggestion.map { "did you mean `\($0)`?" }
            ?? "allowed keys: \(known.joined(separator: ", ")); start your own keys with `x-`",
          at: YAMLComposer.location(keyNode.mark, context.file)))
    }
  }

  private static func shapeHint(for node: Node?) -> String? {
    if case .sequence? = node { return "remove the leading `- `, or check the indentation" }
    return nil
  }

  // MARK: - Nodes

  /// The node of a key, or nil when the key is absent or written without a value.
  func node(_ key: Key) -> Node? {
    guard let node = context.node(at: path + [key]) else { return nil }
    if case .scalar(let scalar) = node, scalar.style == .plain,
      scalar.string.isEmpty || scalar.string == "~" || scalar.string == "null"
    {
      return nil
    }
    return node
  }

  func has(_ key: Key) -> Bool { node(key) != nil }

  func locationOf(_ key: Key) -> SourceLocation { context.location(at: path + [key]) }

  func keyLocationOf(_ key: Key) -> SourceLocation { context.keyLocation(at: path + [key]) }

  private func missing(_ key: Key) -> Diagnostic {
    let present = context.node(at: path + [key]) != nil
    return .error(
      .schemaMissingKey,
      present ? "`\(key.rawValue)` has no value in this \(noun)" : "this \(noun) has no `\(key.rawValue)`",
      hint: "add `\(key.rawValue): …`", at: present ? keyLocationOf(key) : location)
  }

  private func mismatch(_ key: Key, expected: String, found node: Node, hint: String? = nil) -> Diagnostic {
    .error(
      .schemaTypeMismatch, "`\(key.rawValue)` should be \(expected), found \(NodeDescription.of(node))",
      hint: hint, at: YAMLComposer.location(node.mark, context.file))
  }

  // MARK: - Scalars

  /// A scalar as the text the person wrote; nil when absent.
  func string(_ key: Key) throws -> Located<String>? {
    guard let node = node(key) else { return nil }
    guard case .scalar(let scalar) = node else {
      throw mismatch(key, expected: "a single value", found: node)
    }
    return Located(scalar.string, at: YAMLComposer.location(node.mark, context.file))
  }

  /// An expression, with where each of its characters is in the file.
  func expression(_ key: Key) throws -> ExpressionSource? {
    guard let node = node(key) else { return nil }
    guard case .scalar(let scalar) = node, let mark = node.mark else {
      throw mismatch(key, expected: "an expression written as text", found: node, hint: "put the expression in quotes")
    }
    let segments: [ExpressionSource.Segment]
    switch scalar.style {
    case .plain:
      segments = ExpressionSource.trace(scalar.string, in: context.lines, line: mark.line, column: mark.column)
    case .singleQuoted:
      segments = ExpressionSource.trace(
        scalar.string, in: context.lines, line: mark.line, column: mark.column + 1, singleQuoted: true)
    case .doubleQuoted:
      segments = ExpressionSource.trace(scalar.string, in: context.lines, line: mark.line, column: mark.column + 1)
    default:
      // A `|` or `>` block: the text starts on the line after the indicator.
      segments = ExpressionSource.trace(scalar.string, in: context.lines, line: mark.line + 1, column: 0)
    }
    let start = segments.first.map { SourceLocation(file: context.file, line: $0.line, column: $0.column) }
      ?? YAMLComposer.location(mark, context.file)
    return ExpressionSource(text: scalar.string, location: start, segments: segments)
  }

  func requiredExpression(_ key: Key) throws -> ExpressionSource {
    guard let value = try expression(key) else { throw missing(key) }
    return value
  }

  func requiredString(_ key: Key) throws -> Located<String> {
    guard let value = try string(key) else { throw missing(key) }
    return value
  }

  /// A number written as a plain YAML number; quoted or non-numeric text is reported.
  func number(_ key: Key) throws -> Located<Double>? {
    guard let node = node(key) else { return nil }
    guard case .scalar(let scalar) = node, scalar.style == .plain,
      let value = Double(scalar.string), value.isFinite
    else {
      throw mismatch(key, expected: "a number", found: node, hint: "write digits without quotes, such as `1` or `0.5`")
    }
    return Located(value, at: YAMLComposer.location(node.mark, context.file))
  }

  func integer(_ key: Key) throws -> Located<Int>? {
    guard let node = node(key) else { return nil }
    guard case .scalar(let scalar) = node, scalar.style == .plain, let value = Int(scalar.string) else {
      throw mismatch(key, expected: "a whole number", found: node, hint: "write digits without quotes, such as `2`")
    }
    return Located(value, at: YAMLComposer.location(node.mark, context.file))
  }

  /// `true` or `false` only: YAML 1.1's `yes`, `no`, `on` and `off` are refused, because the
  /// same words are ordinary answers elsewhere in these files.
  func bool(_ key: Key) throws -> Bool? {
    guard let node = node(key) else { return nil }
    guard case .scalar(let scalar) = node, scalar.style == .plain,
      scalar.string == "true" || scalar.string == "false"
    else {
      throw mismatch(key, expected: "`true` or `false`", found: node)
    }
    return scalar.string == "true"
  }

  /// One of a fixed set of words; anything else is reported with the closest word and the
  /// fallback is returned so the rest of the file is still checked.
  func choice<Value: CaseIterable & RawRepresentable>(
    _ key: Key, _ type: Value.Type, default fallback: Value
  ) throws -> Value where Value.RawValue == String {
    try knownChoice(key, type) ?? fallback
  }

  /// One of a fixed set of words; nil when absent, and reported and nil when not in the set,
  /// so the caller can skip checks that depend on it.
  func knownChoice<Value: CaseIterable & RawRepresentable>(
    _ key: Key, _ type: Value.Type
  ) throws -> Value? where Value.RawValue == String {
    guard let written = try string(key) else { return nil }
    if let value = Value(rawValue: written.value) { return value }
    let allowed = Value.allCases.map(\.rawValue)
    context.report(
      .error(
        .schemaInvalidValue, "`\(written.value)` is not a valid `\(key.rawValue)`",
        hint: Suggestion.hint(for: written.value, among: allowed)
          ?? "write one of: \(allowed.joined(separator: ", "))",
        at: written.location))
    return nil
  }

  /// A nested model that must be present and have a value.
  func required<Value: Decodable>(_ type: Value.Type, _ key: Key) throws -> Value {
    guard let value = try decode(type, key) else { throw missing(key) }
    return value
  }

  func requiredNumber(_ key: Key) throws -> Located<Double> {
    guard let value = try number(key) else { throw missing(key) }
    return value
  }

  func requiredInteger(_ key: Key) throws -> Located<Int> {
    guard let value = try integer(key) else { throw missing(key) }
    return value
  }

  // MARK: - Nested values

  func text(_ key: Key) throws -> LocalizedText? {
    guard has(key) else { return nil }
    return try container.decode(LocalizedText.self, forKey: key)
  }

  func requiredText(_ key: Key) throws -> LocalizedText {
    guard let value = try text(key) else { throw missing(key) }
    return value
  }

  func decode<Value: Decodable>(_ type: Value.Type, _ key: Key) throws -> Value? {
    guard has(key) else { return nil }
    return try container.decode(Value.self, forKey: key)
  }

  /// A list; absent means empty. With `required`, absence is an error and so is an empty list.
  func list<Element: Decodable>(_ type: Element.Type, _ key: Key, required: Bool = false) throws -> [Element] {
    guard let node = node(key) else {
      if required { throw missing(key) }
      return []
    }
    guard case .sequence(let sequence) = node else {
      throw mismatch(
        key, expected: "a list", found: node,
        hint: "write each entry on its own line starting with `- `, or `[a, b]`")
    }
    if required && sequence.isEmpty {
      context.report(
        .error(.schemaEmptyList, "`\(key.rawValue)` is empty", hint: "add at least one entry", at: locationOf(key)))
    }
    return try container.decode([Element].self, forKey: key)
  }

  /// A list of scalars, each with its place, read as the text the person wrote.
  func strings(_ key: Key, required: Bool = false) throws -> [Located<String>] {
    guard let node = node(key) else {
      if required { throw missing(key) }
      return []
    }
    guard case .sequence(let sequence) = node else {
      throw mismatch(key, expected: "a list", found: node, hint: "write `[a, b]` or one `- a` line per entry")
    }
    if required && sequence.isEmpty {
      context.report(
        .error(.schemaEmptyList, "`\(key.rawValue)` is empty", hint: "add at least one entry", at: locationOf(key)))
    }
    return try sequence.map { element in
      guard case .scalar(let scalar) = element else {
        throw Diagnostic.error(
          .schemaTypeMismatch, "entries of `\(key.rawValue)` should be single values, found \(NodeDescription.of(element))",
          at: YAMLComposer.location(element.mark, context.file))
      }
      return Located(scalar.string, at: YAMLComposer.location(element.mark, context.file))
    }
  }

  /// Reports a problem that does not stop decoding.
  func report(_ diagnostic: Diagnostic) {
    context.report(diagnostic)
  }
}
