import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// Replaces a file's contents so that a crash at any moment leaves either the old file or the
/// new one, never a mix: the text goes to a temporary file in the same folder, is flushed to
/// the disk, and is renamed over the target (a rename within one file system is atomic); the
/// folder is flushed too, so the rename itself survives a power cut.
public enum AtomicFile {
  public struct WriteError: Error, CustomStringConvertible, Sendable {
    public var path: String
    public var reason: String
    public var description: String { "cannot write \(path): \(reason)" }
  }

  public static func write(_ text: String, to path: String) throws(WriteError) {
    let url = URL(fileURLWithPath: path)
    let folder = url.deletingLastPathComponent().path
    let temporary = FileDiscovery.join(folder, ".\(url.lastPathComponent).\(getpid()).tmp")
    func failure(_ what: String) -> WriteError {
      WriteError(path: path, reason: "\(what): \(String(cString: strerror(errno)))")
    }
    let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    guard descriptor >= 0 else { throw failure("cannot create a temporary file in \(folder)") }
    var bytes = Array(text.utf8)
    var written = 0
    while written < bytes.count {
      let count = bytes.withUnsafeMutableBytes { buffer in
        systemWrite(descriptor, buffer.baseAddress! + written, buffer.count - written)
      }
      if count < 0 {
        if errno == EINTR { continue }
        let error = failure("write failed")
        close(descriptor)
        unlink(temporary)
        throw error
      }
      written += count
    }
    bytes.removeAll()
    guard fsync(descriptor) == 0 else {
      let error = failure("fsync failed")
      close(descriptor)
      unlink(temporary)
      throw error
    }
    close(descriptor)
    guard rename(temporary, path) == 0 else {
      let error = failure("rename failed")
      unlink(temporary)
      throw error
    }
    let folderDescriptor = open(folder.isEmpty ? "." : folder, O_RDONLY)
    if folderDescriptor >= 0 {
      _ = fsync(folderDescriptor)
      close(folderDescriptor)
    }
  }
}

/// `write(2)`, named apart from the `write(_:to:)` above.
private func systemWrite(_ descriptor: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int {
  #if canImport(Darwin)
    return Darwin.write(descriptor, buffer, count)
  #elseif canImport(Musl)
    return Musl.write(descriptor, buffer, count)
  #else
    return Glibc.write(descriptor, buffer, count)
  #endif
}
