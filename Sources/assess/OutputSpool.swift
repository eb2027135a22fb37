import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// Holds standard output until the command knows it may print: `assess score` prints nothing
/// when any file has errors, yet must not hold thousands of results in memory. The first
/// megabytes stay in memory; beyond that they go to a temporary file, deleted as it is made.
final class OutputSpool {
  static let memoryLimit = 4 << 20

  private var buffer: [UInt8] = []
  private var file: FileHandle?

  func write(_ bytes: [UInt8]) throws {
    if let file {
      try file.write(contentsOf: bytes)
      return
    }
    buffer += bytes
    if buffer.count > Self.memoryLimit {
      let spill = try Self.anonymousFile()
      try spill.write(contentsOf: buffer)
      buffer = []
      file = spill
    }
  }

  func write(_ text: String) throws {
    try write(Array(text.utf8))
  }

  /// Copies everything written to `output`, in order.
  func copy(to output: FileHandle) throws {
    guard let file else {
      try output.write(contentsOf: buffer)
      return
    }
    try file.seek(toOffset: 0)
    while let chunk = try file.read(upToCount: 1 << 20), !chunk.isEmpty {
      try output.write(contentsOf: chunk)
    }
  }

  /// A file in the temporary folder with no name left, so nothing remains if the run stops.
  private static func anonymousFile() throws -> FileHandle {
    var template = Array((NSTemporaryDirectory() + "assess-output-XXXXXX").utf8CString)
    let descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
    guard descriptor >= 0 else { throw CocoaError(.fileWriteUnknown) }
    template.withUnsafeBufferPointer { _ = unlink($0.baseAddress!) }
    return FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
  }
}
