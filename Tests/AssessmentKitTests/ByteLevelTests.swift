import AssessmentKit
import Foundation
import Testing

/// Files that are not YAML text at all, or that are built to exhaust the loader: generated here
/// byte by byte, each with the place its diagnostic must point at.
@Suite("Byte-level input")
struct ByteLevelTests {
  let path = "generated.yaml"

  /// Checks bytes in memory the way a file is checked, and loads them when they pass.
  private func diagnostics(_ bytes: [UInt8]) -> [Diagnostic] {
    FixtureRunner.diagnostics(data: Data(bytes), path: path)
  }

  /// Writes bytes to a temporary file and loads it through the path API.
  private func loadFile(_ bytes: [UInt8], options: LoadOptions = .default) throws -> (path: String, diagnostics: [Diagnostic]) {
    let folder = try makeTemporaryFolder()
    defer { removeTemporaryFolder(folder) }
    let file = folder + "/file.yaml"
    try Data(bytes).write(to: URL(fileURLWithPath: file))
    return (file, DocumentLoader.load(path: file, options: options).diagnostics)
  }

  // MARK: - Encoding

  @Test("invalid UTF-8 in the middle of line 3 is located by line and column in scalars")
  func invalidUTF8() throws {
    // Line 3 holds 34 scalars (40 bytes: `è`, `–` and `🌍` take several bytes each) before the bad byte.
    let bytes =
      Array("schema: assess/questionnaire@1\nid: tiny\ntitle: Gestion des frontières – 🌍 ".utf8) + [0xC3, 0x28]
      + Array(" suite\nversion: 0.1.0\n".utf8)
    let fromMemory = diagnostics(bytes)
    let found = expectDiagnostic(fromMemory, .fileEncoding, line: 3, column: 35)
    #expect(found?.message.contains("0xC3") == true)
    #expect(fromMemory.count == 1)

    let (file, fromFile) = try loadFile(bytes)
    expectDiagnostic(fromFile, .fileEncoding, line: 3, column: 35)
    #expect(fromFile.first?.location.file == file)
  }

  @Test("a lone continuation byte at the very start is located at 1:1")
  func invalidUTF8AtStart() {
    expectDiagnostic(diagnostics([0x80] + Array("schema: assess/questionnaire@1\n".utf8)), .fileEncoding, line: 1, column: 1)
  }

  @Test("a truncated multi-byte sequence at the end of the file is located at its first byte")
  func truncatedAtEnd() {
    // `é` is C3 A9; the file ends after C3.
    let bytes = Array("schema: assess/questionnaire@1\ntitle: caf".utf8) + [0xC3]
    expectDiagnostic(diagnostics(bytes), .fileEncoding, line: 2, column: 11)
  }

  @Test("a UTF-16 file with a byte-order mark is refused as UTF-16", arguments: [true, false])
  func utf16(littleEndian: Bool) {
    let text = "schema: assess/questionnaire@1\nid: tiny\n"
    var bytes: [UInt8] = littleEndian ? [0xFF, 0xFE] : [0xFE, 0xFF]
    for unit in text.utf16 {
      let pair = [UInt8(unit & 0xFF), UInt8(unit >> 8)]
      bytes += littleEndian ? pair : pair.reversed()
    }
    let found = expectDiagnostic(diagnostics(bytes), .fileEncoding, line: 1, column: 1)
    #expect(found?.message.contains("UTF-16") == true)
    #expect(found?.hint?.contains("UTF-8") == true)
  }

  @Test("a UTF-8 byte-order mark is accepted and takes no column")
  func utf8ByteOrderMark() {
    let bytes = [0xEF, 0xBB, 0xBF] + Array("schema: assess/questionaire@1\nid: tiny\n".utf8)
    let found = expectDiagnostic(diagnostics(bytes), .fileUnknownKind, line: 1, column: 9)
    #expect(found?.hint == "did you mean `assess/questionnaire@1`?")
  }

  // MARK: - Binary files and control characters

  @Test("a NUL byte makes the file binary, located at the NUL")
  func nulByte() {
    let bytes = Array("schema: assess/questionnaire@1\nid: ti".utf8) + [0x00] + Array("ny\n".utf8)
    let found = expectDiagnostic(diagnostics(bytes), .fileBinary, line: 2, column: 7)
    #expect(found?.message.contains("NUL") == true)
  }

  @Test("a PNG is refused as a binary file, not parsed as YAML")
  func pngHeader() throws {
    // The PNG signature (89 50 4E 47 0D 0A 1A 0A), then the IHDR chunk. The NUL check runs before
    // the UTF-8 check, so the file is called binary and located at its first NUL (offset 8, after
    // the signature's two line feeds: line 3, column 1).
    let png: [UInt8] = [
      0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52,
      0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1F, 0x15, 0xC4, 0x89,
    ]
    let (_, found) = try loadFile(png)
    expectDiagnostic(found, .fileBinary, line: 3, column: 1)
    #expect(found.count == 1)
  }

  @Test("random binary junk never crashes and is always refused before YAML parsing")
  func randomJunk() {
    var generator = SystemRandomNumberGenerator()
    for _ in 0..<200 {
      let count = Int.random(in: 1...512, using: &generator)
      var bytes = (0..<count).map { _ in UInt8.random(in: 0...255, using: &generator) }
      bytes[Int.random(in: 0..<count, using: &generator)] = 0  // at least one NUL: certainly binary
      let found = diagnostics(bytes)
      #expect(found.count == 1)
      #expect(found.first.map { [.fileBinary, .fileEncoding].contains($0.code) } == true, "\(render(found))")
    }
  }

  @Test("a C0 control character is refused where it is", arguments: [
    (UInt8(0x07), "0007"), (0x1B, "001B"), (0x7F, "007F"), (0x0C, "000C"),
  ])
  func controlCharacter(byte: UInt8, name: String) {
    let bytes = Array("schema: assess/questionnaire@1\ntitle: Gestion des frontières ".utf8) + [byte] + Array("x\n".utf8)
    let found = expectDiagnostic(diagnostics(bytes), .fileBinary, line: 2, column: 31)
    #expect(found?.message.contains("U+\(name)") == true)
  }

  @Test("a C1 control character (U+0086) is a control character too, located where it is")
  func c1ControlCharacter() {
    let text = "schema: assess/questionnaire@1\nid: tiny\ntitle: Gestion des frontières \u{86}x\n"
    let found = diagnostics(Array(text.utf8))
    expectDiagnostic(found, .fileBinary, line: 3, column: 31)
  }

  // MARK: - Size, paths

  @Test("a file above the size cap is refused before it is read")
  func tooLarge() throws {
    let bytes = Array(("schema: assess/questionnaire@1\n" + String(repeating: "# padding\n", count: 10)).utf8)
    #expect(bytes.count > 100)
    let (file, found) = try loadFile(bytes, options: LoadOptions(maximumFileSize: 100))
    let diagnostic = expectDiagnostic(found, .fileTooLarge, line: 1, column: 1)
    #expect(diagnostic?.message.contains("100 bytes") == true)
    #expect(diagnostic?.location.file == file)
    #expect(found.count == 1)
  }

  @Test("a file of exactly the size cap is read")
  func exactlyAtCap() throws {
    var text = "schema: assess/questionnaire@1\n"
    text += String(repeating: "#", count: 99 - text.utf8.count) + "\n"
    #expect(text.utf8.count == 100)
    let (_, found) = try loadFile(Array(text.utf8), options: LoadOptions(maximumFileSize: 100))
    #expect(!found.contains { $0.code == .fileTooLarge }, "\(render(found))")
  }

  @Test("a path that names no file is unreadable")
  func nonexistentPath() {
    let missing = "/nonexistent-\(UUID().uuidString)/answers.yaml"
    let found = DocumentLoader.load(path: missing).diagnostics
    let diagnostic = expectDiagnostic(found, .fileUnreadable, line: 1, column: 1)
    #expect(diagnostic?.location.file == missing)
    #expect(found.count == 1)
  }

  @Test("a folder is not a file")
  func folder() throws {
    let folder = try makeTemporaryFolder()
    defer { removeTemporaryFolder(folder) }
    let found = DocumentLoader.load(path: folder).diagnostics
    let diagnostic = expectDiagnostic(found, .fileUnreadable, line: 1, column: 1)
    #expect(diagnostic?.message.contains("folder") == true)
  }

  @Test("a file of zero bytes is empty")
  func zeroBytes() throws {
    let (_, found) = try loadFile([])
    expectDiagnostic(found, .fileEmpty, line: 1, column: 1)
    #expect(found.count == 1)
  }

  // MARK: - Nesting

  @Test("10,000 nested `[` are refused at the 257th level, without crashing")
  func deepFlowList() {
    let text = "schema: assess/questionnaire@1\nx-deep: " + String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000) + "\n"
    // `x-deep: ` is 8 columns; the 257th `[` is at column 8 + 257.
    let found = expectDiagnostic(diagnostics(Array(text.utf8)), .yamlSyntax, line: 2, column: 265)
    #expect(found?.message.contains("nest more than 256 levels") == true)
  }

  @Test("10,000 nested flow mappings are refused at the 257th level")
  func deepFlowMapping() {
    let text = "schema: assess/questionnaire@1\nx-deep: " + String(repeating: "{a: ", count: 10_000) + "b" + String(repeating: "}", count: 10_000) + "\n"
    // The k-th `{` is at column 9 + 4 (k - 1): the 257th at 1033.
    expectDiagnostic(diagnostics(Array(text.utf8)), .yamlSyntax, line: 2, column: 1033)
  }

  @Test("nesting hidden behind an apostrophe in a plain scalar is still refused", arguments: [300, 10_000])
  func deepFlowListAfterApostrophe(depth: Int) {
    // `it's` is a plain scalar; the flow list goes on after it. `x-deep: [it's, ` is 15 columns, the
    // first `[` is level 1 and the k-th of the run is level k + 1: level 257 is at column 15 + 256.
    let text = "schema: assess/questionnaire@1\nx-deep: [it's, " + String(repeating: "[", count: depth) + String(repeating: "]", count: depth + 1) + "\n"
    let found = diagnostics(Array(text.utf8))
    let diagnostic = expectDiagnostic(found, .yamlSyntax, line: 2, column: 271)
    #expect(diagnostic?.message.contains("nest more than 256 levels") == true)
  }

  /// 300 block mappings, each indented two more spaces than the one above.
  private func deepBlockMappings(lineEnding: String) -> String {
    var text = "schema: assess/questionnaire@1" + lineEnding + "x-deep:" + lineEnding
    for level in 1...300 {
      text += String(repeating: " ", count: 2 * level) + "a:" + lineEnding
    }
    return text + String(repeating: " ", count: 602) + "b" + lineEnding
  }

  @Test("deeply nested block mappings are refused at the 257th level")
  func deepBlockMappingsLF() {
    // Line 2 + k holds the k-th `a:` at column 2k + 1; the check counts two spaces of indentation
    // as a level, so the key of level 257 (line 259, column 515) is too deep.
    let found = diagnostics(Array(deepBlockMappings(lineEnding: "\n").utf8))
    #expect(found.contains { $0.code == .yamlSyntax && $0.location.line == 259 }, "\(render(found))")
    expectDiagnostic(found, .yamlSyntax, line: 259, column: 515)
  }

  @Test("deeply nested block mappings with CRLF line endings are refused too")
  func deepBlockMappingsCRLF() {
    let found = diagnostics(Array(deepBlockMappings(lineEnding: "\r\n").utf8))
    #expect(found.contains { $0.code == .yamlSyntax && $0.location.line == 259 }, "\(render(found))")
  }
}
