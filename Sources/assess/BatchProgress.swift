import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// "412 of 10000 files" on standard error while a long batch runs, only when standard error
/// is a terminal; the line is cleared at the end so the report starts clean.
final class BatchProgress {
  /// Batches smaller than this finish before a count would be worth reading.
  static let minimumFiles = 200

  private let total: Int
  private let enabled: Bool
  private var done = 0
  private var shown = false
  private var lastShown = DispatchTime.now().uptimeNanoseconds

  init(total: Int) {
    self.total = total
    enabled = total >= Self.minimumFiles && isatty(STDERR_FILENO) == 1
  }

  func advance() {
    done += 1
    guard enabled else { return }
    let now = DispatchTime.now().uptimeNanoseconds
    // A few updates a second are enough to read, and cost nothing next to the work.
    guard now - lastShown > 200_000_000 || done == total else { return }
    lastShown = now
    shown = true
    Terminal.writeError("\r\(done) of \(total) files")
  }

  func finish() {
    if shown { Terminal.writeError("\r\u{1B}[K") }
  }
}
