import AssessmentKit
import Foundation

/// Writes the results JSON one result at a time, so a batch of any size is never held whole.
/// The bytes are those ``ResultJSON/render(_:)`` gives for the same results: the document
/// around the array is fixed text, and each result is encoded alone, then indented to its
/// place in the `results` array.
public final class ResultJSONWriter {
  /// Everything before the first result: `format` sorts before `results`.
  static let opening = Array("{\n  \"format\" : \"assess/results@1\",\n  \"results\" : [\n".utf8)
  static let separator = Array(",\n".utf8)
  static let closing = Array("\n  ]\n}\n".utf8)
  /// The depth of a result inside the document: in `results`, inside the top-level object.
  static let indentation = [UInt8](repeating: UInt8(ascii: " "), count: 4)

  private let sink: ([UInt8]) throws -> Void
  private var written = 0
  private var opened = false

  /// - Parameter sink: receives the bytes in order, a piece at a time.
  public init(sink: @escaping ([UInt8]) throws -> Void) {
    self.sink = sink
  }

  /// How many results have been written.
  public var count: Int { written }

  public func write(_ result: AssessmentResult) throws {
    try write(element: Self.element(for: result))
  }

  /// Writes a result already encoded by ``element(for:)`` (on another thread, say).
  public func write(element: [UInt8]) throws {
    var bytes: [UInt8] = []
    if !opened {
      opened = true
      bytes = Self.opening
    }
    if written > 0 { bytes += Self.separator }
    written += 1
    try sink(bytes.isEmpty ? element : bytes + element)
  }

  /// One result as it sits in the `results` array; safe to call from any thread.
  public static func element(for result: AssessmentResult) throws -> [UInt8] {
    let encoded = try ResultJSON.encoder().encode(result)
    var bytes: [UInt8] = []
    encoded.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
      let newline = UInt8(ascii: "\n")
      let lines = raw.count { $0 == newline }
      bytes.reserveCapacity(raw.count + (lines + 1) * indentation.count)
      // Every line but the blank ones inside empty arrays moves four columns right.
      var lineStart = 0
      while lineStart < raw.count {
        let lineEnd = raw[lineStart...].firstIndex(of: newline).map { $0 + 1 } ?? raw.count
        if raw[lineStart] != newline { bytes += indentation }
        bytes.append(contentsOf: raw[lineStart..<lineEnd])
        lineStart = lineEnd
      }
    }
    return bytes
  }

  /// Closes the array and the document.
  public func finish() throws {
    try sink((opened ? [] : Self.opening) + Self.closing)
    opened = true
  }
}
