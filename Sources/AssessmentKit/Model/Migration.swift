import Yams

/// How answers written for an earlier version of a questionnaire carry over to this one:
/// items renamed (`OLD: NEW`) or removed (`OLD: null`), and options renamed or removed per
/// item. Items of the same id that the migration does not name carry over unchanged.
public struct Migration: Hashable, Sendable, Decodable {
  /// An old item id (or option value) and its new one; nil when it was removed.
  public struct Move: Hashable, Sendable {
    public var from: Located<String>
    public var to: Located<String>?
  }

  /// For one item of this version (the new id), old option values and their new ones.
  public struct OptionMoves: Hashable, Sendable {
    public var item: Located<String>
    public var moves: [Move]
  }

  /// The version the answers were written for: `0.1.0`, or `0.1` / `0` for every version that
  /// starts so.
  public var from: Located<String>
  public var items: [Move]
  public var options: [OptionMoves]
  /// Why the items moved, shown when something cannot be carried.
  public var notes: String?
  public var location: SourceLocation

  enum CodingKeys: String, CodingKey, CaseIterable {
    case from, items, options, notes
  }

  public init(from decoder: any Decoder) throws {
    let fields = try FieldReader(decoder, CodingKeys.self, noun: "migration")
    location = fields.location
    from = try fields.requiredString(.from)
    notes = try fields.string(.notes)?.value
    items = try Self.moves(fields.node(.items), key: "items", file: fields.context.file)
    options = []
    if let node = fields.node(.options) {
      guard case .mapping(let mapping) = node else {
        throw Self.notAMapping("options", node, file: fields.context.file, example: "BM-A.2: {partly: partial}")
      }
      for (key, value) in mapping {
        let item = try Self.id(key, file: fields.context.file)
        options.append(OptionMoves(item: item, moves: try Self.moves(value, key: "options of \(item.value)", file: fields.context.file)))
      }
    }
  }

  /// Whether answers written for `version` are what this migration starts from.
  public func applies(to version: String) -> Bool {
    if from.value == version { return true }
    let prefix = from.value.split(separator: ".")
    let parts = version.split(separator: "-", maxSplits: 1).first?.split(separator: ".") ?? []
    return prefix.count < 3 && parts.count >= prefix.count && Array(parts.prefix(prefix.count)) == prefix
  }

  /// The new id of an old item: itself when the migration does not name it, nil when removed.
  public func move(of item: String) -> Move? { items.first { $0.from.value == item } }

  public func optionMoves(for item: String) -> [Move] {
    options.first { $0.item.value == item }?.moves ?? []
  }

  private static func moves(_ node: Node?, key: String, file: String) throws -> [Move] {
    guard let node else { return [] }
    guard case .mapping(let mapping) = node else {
      throw notAMapping(key, node, file: file, example: "OLD-ID: NEW-ID, or OLD-ID: null when it was removed")
    }
    return try mapping.map { key, value in
      let from = try id(key, file: file)
      if case .scalar(let scalar) = value, scalar.style == .plain, ["", "~", "null"].contains(scalar.string) {
        return Move(from: from, to: nil)
      }
      return Move(from: from, to: try id(value, file: file))
    }
  }

  private static func id(_ node: Node, file: String) throws -> Located<String> {
    guard case .scalar(let scalar) = node else {
      throw Diagnostic.error(
        .schemaTypeMismatch, "expected an id, found \(NodeDescription.of(node))", hint: "write the id as text, such as `BM-A.2`",
        at: YAMLComposer.location(node.mark, file))
    }
    return Located(scalar.string, at: YAMLComposer.location(node.mark, file))
  }

  private static func notAMapping(_ key: String, _ node: Node, file: String, example: String) -> Diagnostic {
    .error(
      .schemaTypeMismatch, "`\(key)` should be a mapping, found \(NodeDescription.of(node))", hint: "write `\(example)`",
      at: YAMLComposer.location(node.mark, file))
  }
}
