import Yams

/// Turns checked text into a YAML node tree, translating every libyaml complaint into one
/// located line and refusing files built to exhaust the machine.
enum YAMLComposer {
  static func compose(_ source: SourceText, options: LoadOptions) throws(Diagnostic) -> Node {
    let path = source.path
    try checkNestingDepth(source, limit: options.maximumNestingDepth)
    let root: Node?
    do {
      root = try Parser(yaml: source.text).singleRoot()
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
    if let anchorMark = exceedsExpansionBudget(root, budget: budget) {
      throw .error(
        .yamlAliasBudget,
        "anchors and aliases expand to more than \(budget) nodes",
        hint: "write the values out, or use fewer nested aliases",
        at: location(anchorMark, path))
    }
    return root
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
    var message = problem
    if let context, !context.text.isEmpty {
      message += " (\(context.text) that starts at line \(context.mark.line), column \(context.mark.column))"
    }
    let line = lineText(mark.line, in: source.text)
    var hint: String?
    if line?.contains("\t") == true {
      hint = "indent with spaces; YAML does not allow tabs for indentation"
    } else if problem.contains("mapping values are not allowed") {
      hint = "put quotes around text that contains `: `, or check the indentation of this line"
    } else if problem.contains("could not find expected ':'") {
      hint = "each line of a mapping is `key: value`; check for a missing colon or a stray line"
    } else if problem.contains("did not find expected key") {
      hint = "check that this line is indented like the keys around it"
    }
    return .error(.yamlSyntax, message, hint: hint, at: location(mark, source.path))
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
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    guard first.line >= 1, first.line <= lines.count else { return nil }
    let spellings = [key, "\"\(key)\"", "'\(key)'"]
    func startsWithKey(_ rest: Substring) -> Bool {
      for spelling in spellings where rest.hasPrefix(spelling) {
        let after = rest.dropFirst(spelling.count).drop { $0 == " " }
        if after.hasPrefix(":") { return true }
      }
      return false
    }
    // Flow mapping: the repeat sits on the same line, after a comma.
    let firstLine = Array(lines[first.line - 1].unicodeScalars)
    var index = min(first.column - 1 + key.unicodeScalars.count, firstLine.count)
    while index < firstLine.count {
      if firstLine[index] == "," || firstLine[index] == "{" {
        var start = index + 1
        while start < firstLine.count, firstLine[start] == " " { start += 1 }
        let rest = Substring(String(String.UnicodeScalarView(firstLine[start...])))
        if startsWithKey(rest) { return (first.line, start + 1) }
      }
      index += 1
    }
    // Block mapping: the repeat starts a later line at the same column.
    for lineIndex in first.line..<lines.count {
      let line = lines[lineIndex]
      let indent = line.unicodeScalars.prefix { $0 == " " }.count
      let rest = line.unicodeScalars.dropFirst(indent)
      if rest.isEmpty || rest.first == "#" { continue }
      if indent + 1 < first.column { return nil }
      if indent + 1 == first.column, startsWithKey(Substring(String(String.UnicodeScalarView(rest)))) {
        return (lineIndex + 1, indent + 1)
      }
    }
    return nil
  }

  private static func lineText(_ line: Int, in text: String) -> Substring? {
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    return line >= 1 && line <= lines.count ? lines[line - 1] : nil
  }

  // MARK: - Limits

  /// Counts nodes with every alias expanded and stops as soon as the count passes the budget,
  /// so a "billion laughs" file costs at most `budget` steps. Returns where expansion blew up.
  private static func exceedsExpansionBudget(_ root: Node, budget: Int) -> Mark? {
    var visited = 0
    var stack: [Node] = [root]
    while let node = stack.popLast() {
      visited += 1
      if visited > budget { return node.mark }
      switch node {
      case .mapping(let mapping):
        for (key, value) in mapping {
          stack.append(key)
          stack.append(value)
        }
      case .sequence(let sequence):
        stack.append(contentsOf: sequence)
      case .scalar, .alias:
        break
      }
    }
    return nil
  }

  /// An upper bound on how deeply the file nests, read from the text without parsing it:
  /// indentation, `- ` and `? ` indicators, and open flow brackets outside quotes and comments.
  private static func checkNestingDepth(_ source: SourceText, limit: Int) throws(Diagnostic) {
    var flowDepth = 0
    var lineNumber = 0
    for line in source.text.split(separator: "\n", omittingEmptySubsequences: false) {
      lineNumber += 1
      var depth = 0
      var leadingSpaces = 0
      var indicators = 0
      var column = 0
      var atLineStart = true
      var quote: Unicode.Scalar?
      var previous: Unicode.Scalar = " "
      for scalar in line.unicodeScalars {
        column += 1
        if let open = quote {
          if scalar == open { quote = nil }
        } else if scalar == "#" && (previous == " " || column == 1) {
          break
        } else if scalar == "'" || scalar == "\"" {
          quote = scalar
          atLineStart = false
        } else if scalar == "[" || scalar == "{" {
          flowDepth += 1
          atLineStart = false
        } else if scalar == "]" || scalar == "}" {
          flowDepth = max(0, flowDepth - 1)
          atLineStart = false
        } else if atLineStart && (scalar == " " || scalar == "-" || scalar == "?") {
          if scalar == " " { leadingSpaces += 1 } else { indicators += 1 }
          // Two spaces of indentation are the least a nested block level takes in practice.
          depth = leadingSpaces / 2 + indicators
        } else {
          atLineStart = false
        }
        previous = scalar
        if depth + flowDepth > limit {
          throw .error(
            .yamlSyntax, "lists and mappings nest more than \(limit) levels deep",
            hint: "real questionnaires nest a few levels; check for runaway brackets or dashes",
            at: SourceLocation(file: source.path, line: lineNumber, column: column))
        }
      }
    }
  }
}
