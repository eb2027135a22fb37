import Foundation

/// The checked text of one file: readable, within the size cap, UTF-8, and not binary.
public struct SourceText: Sendable {
  /// The path as the person wrote it (or as found inside a folder they named).
  public var path: String
  public var text: String

  public init(path: String, text: String) {
    self.path = path
    self.text = text
  }

  /// The lines of the text, without their line breaks. A Windows line break (CR LF) is one
  /// break: Swift counts `\r\n` as one `Character`, so the split goes by Unicode scalars.
  public var lines: [Substring] {
    text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false).map { line in
      Substring(line.last == "\r" ? line.dropLast() : line)
    }
  }

  /// Reads a file, refusing anything that is not a reasonable text file.
  ///
  /// - Throws: a ``Diagnostic`` located at the first offending byte.
  public static func read(path: String, options: LoadOptions = .default) throws(Diagnostic) -> SourceText {
    let start = SourceLocation.start(of: path)
    let attributes: [FileAttributeKey: Any]
    do {
      attributes = try FileManager.default.attributesOfItem(atPath: path)
    } catch {
      throw .error(.fileUnreadable, "no such file", hint: "check the path", at: start)
    }
    if (attributes[.type] as? FileAttributeType) == .typeDirectory {
      throw .error(.fileUnreadable, "this is a folder, not a file", at: start)
    }
    let size = (attributes[.size] as? NSNumber)?.intValue ?? 0
    if size > options.maximumFileSize {
      throw .error(
        .fileTooLarge,
        "file is \(ByteCount(size)), above the \(ByteCount(options.maximumFileSize)) cap",
        hint: "split it into smaller files, or raise the cap with --max-file-size", at: start)
    }
    guard let data = FileManager.default.contents(atPath: path) else {
      throw .error(.fileUnreadable, "cannot read this file", hint: "check its permissions", at: start)
    }
    if data.count > options.maximumFileSize {
      throw .error(
        .fileTooLarge, "file is above the \(ByteCount(options.maximumFileSize)) cap",
        hint: "split it into smaller files, or raise the cap with --max-file-size", at: start)
    }
    return try decode(data, path: path)
  }

  /// Checks bytes already in memory the same way ``read(path:options:)`` checks a file.
  public static func decode(_ data: Data, path: String) throws(Diagnostic) -> SourceText {
    let bytes = [UInt8](data)
    if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
      throw .error(
        .fileEncoding, "file is saved as UTF-16", hint: "save it as UTF-8 text",
        at: .start(of: path))
    }
    let body = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? Array(bytes.dropFirst(3)) : bytes
    if let offset = body.firstIndex(of: 0) {
      throw .error(
        .fileBinary, "file holds NUL bytes: this is a binary file, not YAML text",
        hint: "pass a .yaml questionnaire, answers or evaluator file",
        at: location(ofByte: offset, in: body, path: path))
    }
    guard let text = String(validating: body, as: UTF8.self) else {
      let offset = firstInvalidUTF8Offset(body)
      throw .error(
        .fileEncoding, "file is not valid UTF-8 text (byte 0x\(hex(body[offset])) at offset \(offset))",
        hint: "save the file as UTF-8", at: location(ofByte: offset, in: body, path: path))
    }
    if let (offset, scalar) = firstControlCharacter(in: body) {
      throw .error(
        .fileBinary,
        "control character U+\(hex(scalar, width: 4)) is not allowed in YAML text",
        hint: "delete it; if the file is binary, pass a .yaml file instead",
        at: location(ofByte: offset, in: body, path: path))
    }
    if let (offset, scalar) = firstUnprintableScalar(in: text) {
      throw .error(
        .fileBinary, "character U+\(String(scalar.value, radix: 16, uppercase: true)) is not allowed in YAML text",
        hint: "delete it; it is often pasted in from another program by mistake",
        at: location(ofByte: offset, in: body, path: path))
    }
    return SourceText(path: path, text: text)
  }

  private static func firstInvalidUTF8Offset(_ bytes: [UInt8]) -> Int {
    var offset = 0
    var iterator = bytes.makeIterator()
    var decoder = UTF8()
    while true {
      switch decoder.decode(&iterator) {
      case .scalarValue(let scalar):
        offset += UTF8.width(scalar)
      case .emptyInput:
        return max(0, bytes.count - 1)
      case .error:
        return min(offset, bytes.count - 1)
      }
    }
  }

  /// YAML allows tab, line feed and carriage return among the C0 controls, and no others.
  private static func firstControlCharacter(in bytes: [UInt8]) -> (Int, UInt8)? {
    for (offset, byte) in bytes.enumerated() where byte < 0x20 || byte == 0x7F {
      if byte != 0x09 && byte != 0x0A && byte != 0x0D { return (offset, byte) }
    }
    return nil
  }

  /// YAML text excludes the C1 controls (but for U+0085, the next-line mark) and U+FFFE/U+FFFF.
  private static func firstUnprintableScalar(in text: String) -> (Int, Unicode.Scalar)? {
    var offset = 0
    for scalar in text.unicodeScalars {
      let value = scalar.value
      if (0x80...0x9F).contains(value) && value != 0x85 || value == 0xFFFE || value == 0xFFFF {
        return (offset, scalar)
      }
      offset += UTF8.width(scalar)
    }
    return nil
  }

  /// Line and column (in Unicode scalars, as libyaml counts) of a byte offset.
  static func location(ofByte offset: Int, in bytes: [UInt8], path: String) -> SourceLocation {
    var line = 1
    var lineStart = 0
    for index in 0..<min(offset, bytes.count) where bytes[index] == 0x0A {
      line += 1
      lineStart = index + 1
    }
    // Continuation bytes (10xxxxxx) do not start a scalar, so they do not advance the column.
    let column = 1 + bytes[lineStart..<min(offset, bytes.count)].count { $0 & 0xC0 != 0x80 }
    return SourceLocation(file: path, line: line, column: column)
  }

  private static func hex(_ value: UInt8, width: Int = 2) -> String {
    let digits = String(value, radix: 16, uppercase: true)
    return String(repeating: "0", count: max(0, width - digits.count)) + digits
  }
}

/// A byte count as a person reads it: "12.4 MB".
struct ByteCount: CustomStringConvertible {
  var bytes: Int
  init(_ bytes: Int) { self.bytes = bytes }

  var description: String {
    func scaled(_ unit: Double, _ name: String) -> String {
      let value = Double(bytes) / unit
      return value == value.rounded() ? "\(Int(value)) \(name)" : String(format: "%.1f", value) + " " + name
    }
    if bytes >= 1024 * 1024 { return scaled(1024 * 1024, "MB") }
    if bytes >= 1024 { return scaled(1024, "KB") }
    return "\(bytes) bytes"
  }
}
