import Foundation
import Yams

/// Turns checked text into a YAML node tree, translating every libyaml complaint into one
/// located line and refusing files built to exhaust the machine.
enum YAMLComposer {
  static func compose(_ source: SourceText, options: LoadOptions) throws(Diagnostic) -> Node {
    let path = source.path
    try checkNestingDepth(source, limit: options.maximumNestingDepth)
    let root: Node?
    do {
      // Every scalar is read as the text the person wrote (the field readers turn text into
      // numbers), so no plain scalar needs its type guessed: the basic resolver. Yams's default
      // one runs regular expressions on every scalar and on every key comparison. Keys compare
      // by text either way, and a `<<` merge key is an unknown key with either.
      root = try Parser(yaml: source.text, resolver: .basic).singleRoot()
    } catch let error as YamlError {
      throw diagnostic(for: error, in: source)
    } catch {
      throw .error(.yamlSyntax, "cannot read this YAML: \(error)", at: .start(of: path))
    }
    guard let root, !isNull(root) else {
      throw .error(
        .fileEmpty, "file has no content",
        hint: "start it with `schema: assess/questionnaire@1`, `assess/answers@1` or `assess/evaluator@1`",
        at: .start(of: path))
    }
    let budget = max(options.minimumAliasExpansionBudget, source.text.utf8.count)
    // Without an alias (`*name`) the tree holds no more nodes than the file has bytes, within
    // the budget: the walk is for files that repeat anchors.
    if mayHoldAlias(source.text), let anchorMark = exceedsExpansionBudget(root, budget: budget) {
      throw .error(
        .yamlAliasBudget,
        "anchors and aliases expand to more than \(budget) nodes",
        hint: "write the values out, or use fewer nested aliases",
        at: location(anchorMark, path))
    }
    return root
  }

  private static func mayHoldAlias(_ text: String) -> Bool {
    var text = text
    return text.withUTF8 { $0.contains(UInt8(ascii: "*")) }
  }

  private static func isNull(_ node: Node) -> Bool {
    if case .scalar(let scalar) = node, scalar.style == .plain {
      return scalar.string.isEmpty || scalar.string == "~" || scalar.string == "null"
    }
    return false
  }

  static func location(_ mark: Mark?, _ path: String) -> SourceLocation {
    guard let mark else { return .start(of: path) }
    return SourceLocation(file: path, line: mark.line, column: mark.column)
  }

  // MARK: - libyaml errors

  private static func diagnostic(for error: YamlError, in source: SourceText) -> Diagnostic {
    let path = source.path
    switch error {
    case .scanner(let context, let problem, let mark, _),
      .parser(let context, let problem, let mark, _):
      return syntaxDiagnostic(problem: problem, context: context, mark: mark, source: source)
    case .composer(let context, let problem, let mark, _):
      if problem.contains("another document") {
        return .error(
          .yamlMultipleDocuments, "file holds more than one YAML document",
          hint: "put each questionnaire, answers set or module in a file of its own; remove the `---` line",
          at: location(mark, path))
      }
      if problem.contains("undefined alias") {
        return .error(
          .yamlSyntax, "alias refers to an anchor that is not defined above it",
          hint: "define `&name` before using `*name`", at: location(mark, path))
      }
      return syntaxDiagnostic(problem: problem, context: context, mark: mark, source: source)
    case .reader(let problem, let offset, _, _):
      let at = offset.map { SourceText.location(ofByte: $0, in: Array(source.text.utf8), path: path) }
      return .error(.fileEncoding, problem, at: at ?? .start(of: path))
    case .duplicatedKeysInMapping(let duplicates, let context):
      return duplicateKeyDiagnostic(key: duplicates.first ?? "", first: context.mark, source: source)
    case .dataCouldNotBeDecoded:
      return .error(.fileEncoding, "file is not valid UTF-8 text", hint: "save the file as UTF-8", at: .start(of: path))
    default:
      return .error(.yamlSyntax, "cannot read this YAML: \(error)", at: .start(of: path))
    }
  }

  private static func syntaxDiagnostic(
    problem: String, context: YamlError.Context?, mark: Mark, source: SourceText
  ) -> Diagnostic {
    if problem.contains("Maximum nesting level") {
      return .error(
        .yamlSyntax, "lists and mappings nest too deeply",
        hint: "real questionnaires nest a few levels; check for runaway brackets or dashes", at: location(mark, source.path))
    }
    // Something left open — a quote, a `[`, a `{` — is best shown where it was opened.
    let unclosed =
      problem.contains("end of stream") || problem.contains("expected ',' or ']'")
      || problem.contains("expected ',' or '}'")
    var message = problem
    var at = location(mark, source.path)
    if let context, !context.text.isEmpty {
      if unclosed {
        message = "\(context.text.replacingOccurrences(of: "while scanning a ", with: "").replacingOccurrences(of: "while parsing a ", with: "")) is never closed (\(problem))"
        at = location(context.mark, source.path)
      } else {
        message += " (\(context.text) that starts at line \(context.mark.line), column \(context.mark.column))"
      }
    }
    let line = lineText(mark.line, in: source)
    var hint: String?
    if line?.contains("\t") == true {
      hint = "indent with spaces; YAML does not allow tabs for indentation"
    } else if unclosed {
      hint = "close it, or put the whole text in quotes if it contains quote marks or brackets"
    } else if problem.contains("mapping values are not allowed") {
      hint = "put quotes around text that contains `: `, or check the indentation of this line"
    } else if problem.contains("could not find expected ':'") {
      hint = "each line of a mapping is `key: value`; check for a missing colon or a stray line"
    } else if problem.contains("did not find expected key") || problem.contains("expected '-' indicator") {
      hint = "check that this line is indented like the entries around it"
    }
    return .error(.yamlSyntax, message, hint: hint, at: at)
  }


  /// Yams marks the first occurrence of a repeated key; people need to see the repeat.
  private static func duplicateKeyDiagnostic(key: String, first: Mark, source: SourceText) -> Diagnostic {
    let repeated = findRepeat(of: key, after: first, in: source.text)
    let at = SourceLocation(file: source.path, line: repeated?.line ?? first.line, column: repeated?.column ?? first.column)
    return .error(
      .yamlDuplicateKey,
      "key `\(key)` is repeated; it is already set at line \(first.line)",
      hint: "keep one of them", at: at)
  }

  static func findRepeat(of key: String, after first: Mark, in text: String) -> (line: Int, column: Int)? {
    let lines = SourceText(path: "", text: text).lines.map { Array($0.unicodeScalars) }
    guard first.line >= 1, first.line <= lines.count else { return nil }
    let keyScalars = Array(key.unicodeScalars)
    let spellings = [keyScalars, ["\""] + keyScalars + ["\""], ["'"] + keyScalars + ["'"]]
    func keyStarts(_ line: [Unicode.Scalar], at start: Int) -> Bool {
      for spelling in spellings where line.count >= start + spelling.count && Array(line[start..<start + spelling.count]) == spelling {
        var after = start + spelling.count
        while after < line.count, line[after] == " " { after += 1 }
        if after < line.count, line[after] == ":" { return true }
      }
      return false
    }
    // Inside `{…}` the repeat follows a comma of the same mapping, maybe on a later line.
    if first.column >= 2, let opener = lines[first.line - 1][..<(first.column - 1)].last(where: { $0 != " " }),
      opener == "{" || opener == ","
    {
      var depth = 0
      var quote: Unicode.Scalar?
      var lineIndex = first.line - 1
      var index = first.column - 1 + keyScalars.count
      var afterComma = false
      while lineIndex < lines.count {
        let line = lines[lineIndex]
        while index < line.count {
          let scalar = line[index]
          if let open = quote {
            if scalar == open { quote = nil }
          } else if afterComma && scalar != " " {
            if depth == 0 && keyStarts(line, at: index) { return (lineIndex + 1, index + 1) }
            afterComma = false
            continue
          } else if scalar == "'" || scalar == "\"" {
            quote = scalar
          } else if scalar == "{" || scalar == "[" {
            depth += 1
          } else if scalar == "}" || scalar == "]" {
            depth -= 1
            if depth < 0 { return nil }
          } else if scalar == "," && depth == 0 {
            afterComma = true
          }
          index += 1
        }
        lineIndex += 1
        index = 0
      }
      return nil
    }
    // In a block mapping the repeat starts a later line at the same column.
    for lineIndex in first.line..<lines.count {
      let line = lines[lineIndex]
      let indent = line.prefix { $0 == " " }.count
      if indent == line.count || line[indent] == "#" { continue }
      if indent + 1 < first.column { return nil }
      if indent + 1 == first.column, keyStarts(line, at: indent) { return (lineIndex + 1, indent + 1) }
    }
    return nil
  }


  private static func lineText(_ line: Int, in source: SourceText) -> Substring? {
    let lines = source.lines
    return line >= 1 && line <= lines.count ? lines[line - 1] : nil
  }

  // MARK: - Limits

  /// Whether the tree, with every alias expanded, holds more than `budget` nodes; if so, the
  /// smallest value whose expansion passes the budget — the anchor to rewrite. Sizes are worked
  /// out once per anchored node, so a "billion laughs" file costs no more than its own length.
  private static func exceedsExpansionBudget(_ root: Node, budget: Int) -> Mark? {
    var sizes: [String: Int] = [:]
    func key(_ node: Node) -> String? {
      guard let anchor = node.anchor, let mark = node.mark else { return nil }
      return "\(anchor.rawValue)@\(mark.line):\(mark.column)"
    }
    func children(_ node: Node) -> [Node] {
      switch node {
      case .mapping(let mapping): return mapping.flatMap { [$0.key, $0.value] }
      case .sequence(let sequence): return Array(sequence)
      case .scalar, .alias: return []
      }
    }
    // Sizes saturate just above the budget, so no sum can overflow.
    func size(_ node: Node) -> Int {
      if let key = key(node), let known = sizes[key] { return known }
      var total = 1
      for child in children(node) where total <= budget {
        total = min(budget + 1, total + size(child))
      }
      if let key = key(node) { sizes[key] = total }
      return total
    }
    guard size(root) > budget else { return nil }
    var node = root
    while let larger = children(node).first(where: { size($0) > budget }) {
      node = larger
    }
    return node.mark
  }


  /// An upper bound on how deeply the file nests, read from the text without parsing it:
  /// indentation, `- ` and `? ` indicators, and open flow brackets outside quotes and comments.
  private static func checkNestingDepth(_ source: SourceText, limit: Int) throws(Diagnostic) {
    var text = source.text
    // Every character the check looks at is ASCII, so it reads bytes; columns count scalars.
    if let problem = text.withUTF8({ nestingProblem(in: $0, path: source.path, limit: limit) }) {
      throw problem
    }
  }

  private static func nestingProblem(in bytes: UnsafeBufferPointer<UInt8>, path: String, limit: Int) -> Diagnostic? {
    let space = UInt8(ascii: " "), dash = UInt8(ascii: "-"), question = UInt8(ascii: "?"), newline = UInt8(ascii: "\n")
    var flowDepth = 0
    var lineNumber = 0
    var position = 0
    while position < bytes.count {
      lineNumber += 1
      var end = position
      while end < bytes.count && bytes[end] != newline { end += 1 }
      // Two spaces of indentation are the least a nested block level takes in practice;
      // each `- ` or `? ` at the start of a line opens one more level.
      var blockDepth = 0
      var index = position
      var spaces = 0
      while index < end, bytes[index] == space || bytes[index] == dash || bytes[index] == question {
        if bytes[index] == space { spaces += 1 } else { blockDepth += 1 }
        index += 1
      }
      blockDepth += spaces / 2
      if blockDepth > limit {
        return tooDeep(limit, at: SourceLocation(file: path, line: lineNumber, column: index - position + 1))
      }
      var column = index - position
      var quote: UInt8?
      var previous = space
      scan: while index < end {
        let byte = bytes[index]
        index += 1
        // UTF-8 continuation bytes (10xxxxxx) do not start a scalar.
        if byte & 0xC0 != 0x80 { column += 1 }
        defer { previous = byte }
        if let open = quote {
          if byte == open { quote = nil }
          continue
        }
        switch byte {
        case UInt8(ascii: "#") where previous == space:
          break scan
        case UInt8(ascii: "'") where byteCanStartScalar(after: previous), UInt8(ascii: "\"") where byteCanStartScalar(after: previous):
          // A quote opens a quoted scalar only where a scalar can start; `l'État` is plain text.
          quote = byte
        case UInt8(ascii: "[") where byteCanStartScalar(after: previous) || flowDepth > 0,
          UInt8(ascii: "{") where byteCanStartScalar(after: previous) || flowDepth > 0:
          flowDepth += 1
          if blockDepth + flowDepth > limit {
            return tooDeep(limit, at: SourceLocation(file: path, line: lineNumber, column: column))
          }
        case UInt8(ascii: "]"), UInt8(ascii: "}"):
          flowDepth = max(0, flowDepth - 1)
        default:
          break
        }
      }
      position = end + 1
    }
    return nil
  }

  private static func byteCanStartScalar(after previous: UInt8) -> Bool {
    switch previous {
    case UInt8(ascii: " "), UInt8(ascii: "["), UInt8(ascii: "{"), UInt8(ascii: ","), UInt8(ascii: ":"), UInt8(ascii: "-"), UInt8(ascii: "?"):
      return true
    default:
      return false
    }
  }

  private static func tooDeep(_ limit: Int, at location: SourceLocation) -> Diagnostic {
    .error(
      .yamlSyntax, "lists and mappings nest more than \(limit) levels deep",
      hint: "real questionnaires nest a few levels; check for runaway brackets or dashes", at: location)
  }

}
