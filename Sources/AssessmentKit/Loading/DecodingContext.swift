import Yams

/// What the decoders of one file share: the file's node tree (to find where each value sits)
/// and the problems found so far that do not stop decoding.
///
/// Decoding runs on one thread from start to finish, so the collected diagnostics need no lock.
final class DecodingContext {
  static let userInfoKey = CodingUserInfoKey(rawValue: "assess.decoding-context")!

  let file: String
  let root: Node
  /// The file's lines, to tell whether an expression reads exactly as written.
  let lines: [Substring]
  private(set) var diagnostics: [Diagnostic] = []
  /// Every text a person reads, in file order, for the translation checks.
  private(set) var texts: [LocalizedText] = []

  init(source: SourceText, root: Node) {
    file = source.path
    self.root = root
    lines = source.lines
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
  func node(at path: [any CodingKey]) -> Node? {
    var node = root
    for key in path {
      guard let next = child(of: node, key) else { return nil }
      node = next
    }
    return node
  }

  /// Where the value at a coding path starts; for a path that leads nowhere, where its
  /// deepest existing ancestor starts (so a missing key points at the mapping that lacks it).
  func location(at path: [any CodingKey]) -> SourceLocation {
    var node = root
    for key in path {
      guard let next = child(of: node, key) else { break }
      node = next
    }
    return YAMLComposer.location(node.mark, file)
  }

  /// Where the key of the last path component is written, for problems with the key itself.
  func keyLocation(at path: [any CodingKey]) -> SourceLocation {
    guard let last = path.last, case .mapping(let mapping)? = node(at: path.dropLast()) else {
      return location(at: path)
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
