import Yams

/// What the decoders of one file share: the file's node tree (to find where each value sits)
/// and the problems found so far that do not stop decoding.
///
/// Decoding runs on one thread from start to finish, so the collected diagnostics need no lock.
final class DecodingContext {
  static let userInfoKey = CodingUserInfoKey(rawValue: "assess.decoding-context")!

  let file: String
  let root: Node
  private let source: SourceText
  /// The file's lines, to tell whether an expression reads exactly as written; split on first
  /// use, since answers files hold no expressions.
  private(set) lazy var lines: [Substring] = source.lines
  private(set) var diagnostics: [Diagnostic] = []
  /// Every text a person reads, in file order, for the translation checks.
  private(set) var texts: [LocalizedText] = []
  /// The nodes along the path looked up last. Decoding goes depth first, so the next path
  /// mostly shares its start: without this, every field read walked down from the root and
  /// scanned each mapping on the way, quadratic in the length of an `answers` mapping.
  private var trail: [Step] = []
  /// Values of the root mapping by key, built on first use.
  private var rootIndex: [String: Entry]?

  private struct Step {
    var key: any CodingKey
    var node: Node
    /// For a large mapping: its values by key, built the first time a child is looked up.
    var index: [String: Entry]?
  }

  /// A key of a large mapping: where the key is written, and its value.
  private struct Entry {
    var keyMark: Mark?
    var value: Node
  }

  /// Mappings with more keys than this are looked up through a dictionary.
  private static let indexThreshold = 8

  init(source: SourceText, root: Node) {
    file = source.path
    self.root = root
    self.source = source
  }

  static func of(_ decoder: any Decoder) -> DecodingContext {
    guard let context = decoder.userInfo[userInfoKey] as? DecodingContext else {
      preconditionFailure("model types are decoded only through ModelDecoder")
    }
    return context
  }

  func report(_ diagnostic: Diagnostic) {
    diagnostics.append(diagnostic)
  }

  func recordText(_ text: LocalizedText) {
    texts.append(text)
  }

  /// The node at a coding path, or nil when the path leads nowhere (a missing key).
  func node(at path: some Collection<any CodingKey>) -> Node? {
    let (node, depth) = deepest(along: path)
    return depth == path.count ? node : nil
  }

  /// Where the value at a coding path starts; for a path that leads nowhere, where its
  /// deepest existing ancestor starts (so a missing key points at the mapping that lacks it).
  func location(at path: some Collection<any CodingKey>) -> SourceLocation {
    YAMLComposer.location(deepest(along: path).node.mark, file)
  }

  /// The node at the end of the longest resolvable start of `path`, and that start's length.
  private func deepest(along path: some Collection<any CodingKey>) -> (node: Node, depth: Int) {
    var depth = 0
    var keys = path.makeIterator()
    var pending: (any CodingKey)?
    while let key = keys.next() {
      guard depth < trail.count, Self.same(trail[depth].key, key) else {
        pending = key
        break
      }
      depth += 1
    }
    if trail.count > depth { trail.removeLast(trail.count - depth) }
    guard let first = pending else { return (depth == 0 ? root : trail[depth - 1].node, depth) }
    var next: (any CodingKey)? = first
    while let key = next {
      guard let child = child(at: depth, key) else { break }
      trail.append(Step(key: key, node: child))
      depth += 1
      next = keys.next()
    }
    return (depth == 0 ? root : trail[depth - 1].node, depth)
  }

  private static func same(_ left: any CodingKey, _ right: any CodingKey) -> Bool {
    left.intValue == right.intValue && left.stringValue == right.stringValue
  }

  /// The child at `key` of the node reached after `depth` steps of the trail.
  private func child(at depth: Int, _ key: any CodingKey) -> Node? {
    let parent = depth == 0 ? root : trail[depth - 1].node
    if let entry = indexedEntry(at: depth, parent, key.stringValue) { return entry.value }
    return child(of: parent, key)
  }

  /// The entry of `name` when the node reached after `depth` steps is a large mapping; nil
  /// when it has no such key, or is not a large mapping (then the caller scans it).
  private func indexedEntry(at depth: Int, _ parent: Node, _ name: String) -> Entry? {
    guard case .mapping(let mapping) = parent, mapping.count > Self.indexThreshold else { return nil }
    if depth == 0 {
      if rootIndex == nil { rootIndex = Self.index(mapping) }
      return rootIndex?[name]
    }
    if trail[depth - 1].index == nil { trail[depth - 1].index = Self.index(mapping) }
    return trail[depth - 1].index?[name]
  }

  /// A mapping's entries by key; the first of repeated keys wins, as in a scan.
  private static func index(_ mapping: Node.Mapping) -> [String: Entry] {
    var index: [String: Entry] = [:]
    index.reserveCapacity(mapping.count)
    for (key, value) in mapping {
      guard let name = key.string, index[name] == nil else { continue }
      index[name] = Entry(keyMark: key.mark, value: value)
    }
    return index
  }

  /// Where the key of the last path component is written, for problems with the key itself.
  func keyLocation(at path: [any CodingKey]) -> SourceLocation {
    guard let last = path.last else { return location(at: path) }
    let (parent, depth) = deepest(along: path.dropLast())
    guard depth == path.count - 1, case .mapping(let mapping) = parent else {
      return location(at: path)
    }
    if mapping.count > Self.indexThreshold {
      guard let entry = indexedEntry(at: depth, parent, last.stringValue) else { return location(at: path) }
      return YAMLComposer.location(entry.keyMark, file)
    }
    for (key, _) in mapping where key.string == last.stringValue {
      return YAMLComposer.location(key.mark, file)
    }
    return location(at: path)
  }

  private func child(of node: Node, _ key: any CodingKey) -> Node? {
    switch node {
    case .mapping(let mapping):
      for (candidate, value) in mapping where candidate.string == key.stringValue {
        return value
      }
      return nil
    case .sequence(let sequence):
      guard let index = key.intValue, sequence.indices.contains(index) else { return nil }
      return sequence[index]
    case .scalar, .alias:
      return nil
    }
  }
}
