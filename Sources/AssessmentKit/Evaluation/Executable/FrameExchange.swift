import Dispatch
import EvaluatorProtocol
import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// What came back from one turn of the conversation with a module.
enum ExchangeOutcome {
  /// One complete message payload.
  case message([UInt8])
  /// The module closed its standard output (it exited, or is about to).
  case endOfStream
  case timedOut
  /// The header announced more than the limit; nothing of the payload was buffered.
  case tooLarge(announced: UInt64)
  /// The header cannot be a length: printable text (the module printed to stdout) or a length
  /// no message could have (above 2⁴⁸ bytes). The bytes seen so far.
  case notAFrame([UInt8], isText: Bool)
  /// Reading or writing failed for a reason other than the module going away.
  case ioFailed(errorNumber: Int32)
}

/// The host's end of a module's pipes: writes one framed message and reads one back, with a
/// deadline for both, a size limit checked from the header, and the module's stderr drained
/// into a capped log all the while. One `poll(2)` waits on all three pipes, so neither side can
/// block the other however large the messages are.
struct FrameExchange {
  /// Bytes read from the module's stdout beyond the last complete message.
  private var pending: [UInt8] = []
  private(set) var log = LogBuffer(capacity: 64 * 1024)
  private var stderrOpen = true
  private var stdoutOpen = true

  /// Sends `outgoing` (already framed; may be empty) and waits for the next message.
  mutating func exchange(
    with child: ChildProcess, sending outgoing: [UInt8], deadline: DispatchTime, maximumMessageBytes: Int
  ) -> ExchangeOutcome {
    var written = 0
    let chunkSize = 64 * 1024
    var chunk = [UInt8](repeating: 0, count: chunkSize)
    while true {
      if let outcome = takeMessage(maximumMessageBytes: maximumMessageBytes) { return outcome }
      guard stdoutOpen else { return .endOfStream }
      let now = DispatchTime.now()
      guard now < deadline else { return .timedOut }
      let remaining = (deadline.uptimeNanoseconds - now.uptimeNanoseconds + 999_999) / 1_000_000
      let wantsToWrite = written < outgoing.count && child.input >= 0
      var fds = [pollfd(fd: child.output, events: Int16(POLLIN), revents: 0)]
      if stderrOpen { fds.append(pollfd(fd: child.error, events: Int16(POLLIN), revents: 0)) }
      if wantsToWrite { fds.append(pollfd(fd: child.input, events: Int16(POLLOUT), revents: 0)) }
      let ready = fds.withUnsafeMutableBufferPointer { buffer in
        poll(buffer.baseAddress, nfds_t(buffer.count), Int32(clamping: remaining))
      }
      if ready < 0 {
        if errno == EINTR { continue }
        return .ioFailed(errorNumber: errno)
      }
      if ready == 0 { continue }  // The deadline check at the top decides.

      var index = 1
      if stderrOpen {
        if fds[index].revents != 0 { drainStandardError(of: child, into: &chunk) }
        index += 1
      }
      if wantsToWrite, fds[index].revents != 0 {
        let count = outgoing.withUnsafeBytes { bytes in
          writeWithoutSIGPIPE(child.input, bytes.baseAddress! + written, min(outgoing.count - written, chunkSize))
        }
        if count > 0 {
          written += count
        } else if count < 0, errno != EAGAIN, errno != EINTR {
          // The module closed its stdin (EPIPE) or went away: stop writing, and let its
          // stdout tell whether it still answers (it may have failed on purpose).
          written = outgoing.count
        }
      }
      if fds[0].revents != 0 {
        let count = chunk.withUnsafeMutableBytes { read(child.output, $0.baseAddress, chunkSize) }
        if count > 0 {
          pending.append(contentsOf: chunk[0..<count])
        } else if count == 0 || (errno != EAGAIN && errno != EINTR) {
          stdoutOpen = false
          drainStandardError(of: child, into: &chunk)
        }
      }
    }
  }

  /// Reads whatever stderr holds right now, without waiting.
  mutating func drainStandardError(of child: ChildProcess) {
    var chunk = [UInt8](repeating: 0, count: 64 * 1024)
    drainStandardError(of: child, into: &chunk)
  }

  /// Reads stderr until it ends, or until `deadline` (for the last words of a module that exits).
  mutating func readStandardErrorToEnd(of child: ChildProcess, until deadline: DispatchTime) {
    var chunk = [UInt8](repeating: 0, count: 64 * 1024)
    while stderrOpen {
      let now = DispatchTime.now()
      guard now < deadline else { return }
      let remaining = (deadline.uptimeNanoseconds - now.uptimeNanoseconds + 999_999) / 1_000_000
      var fd = pollfd(fd: child.error, events: Int16(POLLIN), revents: 0)
      let ready = poll(&fd, 1, Int32(clamping: remaining))
      if ready < 0, errno != EINTR { return }
      if ready > 0 { drainStandardError(of: child, into: &chunk) }
    }
  }

  private mutating func drainStandardError(of child: ChildProcess, into chunk: inout [UInt8]) {
    guard stderrOpen, child.error >= 0 else { return }
    let size = chunk.count
    while true {
      let count = chunk.withUnsafeMutableBytes { read(child.error, $0.baseAddress, size) }
      if count > 0 {
        log.append(chunk[0..<count])
      } else if count == 0 {
        stderrOpen = false
        return
      } else if errno == EINTR {
        continue
      } else {
        if errno != EAGAIN { stderrOpen = false }
        return
      }
    }
  }

  /// Takes one complete message off `pending`, or reports a header that cannot be honoured.
  private mutating func takeMessage(maximumMessageBytes: Int) -> ExchangeOutcome? {
    guard pending.count >= 8 else { return nil }
    let announced = MessageFrame.announcedLength(pending)
    guard announced <= UInt64(maximumMessageBytes) else {
      if MessageFrame.headerLooksLikeText(pending) { return .notAFrame(Array(pending.prefix(200)), isText: true) }
      if announced > 1 << 48 { return .notAFrame(Array(pending.prefix(200)), isText: false) }
      return .tooLarge(announced: announced)
    }
    let end = 8 + Int(announced)
    guard pending.count >= end else { return nil }
    let payload = Array(pending[8..<end])
    pending.removeSubrange(0..<end)
    return .message(payload)
  }
}

/// The last `capacity` bytes a module wrote to stderr.
struct LogBuffer {
  let capacity: Int
  private(set) var bytes: [UInt8] = []
  private(set) var droppedBytes = 0

  init(capacity: Int) { self.capacity = capacity }

  mutating func append(_ chunk: some Collection<UInt8>) {
    bytes.append(contentsOf: chunk)
    if bytes.count > capacity {
      let excess = bytes.count - capacity
      bytes.removeFirst(excess)
      droppedBytes += excess
    }
  }

  var text: String {
    let body = String(decoding: bytes, as: UTF8.self)
    return droppedBytes > 0 ? "[… \(droppedBytes) earlier bytes not kept]\n" + body : body
  }

  /// Every byte appended so far, kept or not: a mark to read the log from later.
  var total: Int { droppedBytes + bytes.count }

  /// What was appended after `mark` (a ``total`` read earlier), as much of it as is kept.
  func text(since mark: Int) -> String {
    let wanted = total - max(0, mark)
    guard wanted <= bytes.count else {
      let lost = wanted - bytes.count
      return "[… \(lost) earlier bytes not kept]\n" + String(decoding: bytes, as: UTF8.self)
    }
    return String(decoding: bytes.suffix(wanted), as: UTF8.self)
  }

  /// The last few lines, for an error message.
  func excerpt(maximumCharacters: Int = 2_000) -> String {
    let whole = String(decoding: bytes.suffix(maximumCharacters * 2), as: UTF8.self)
    let trimmed = whole.trimmingCharacters(in: .whitespacesAndNewlines)
    guard trimmed.count > maximumCharacters else { return trimmed }
    return "…" + trimmed.suffix(maximumCharacters)
  }

  /// The last non-empty line.
  var lastLine: String? {
    excerpt(maximumCharacters: 1_000).split(whereSeparator: \.isNewline).last.map(String.init)
  }
}

/// `write(2)` that turns a closed pipe into EPIPE instead of a SIGPIPE killing the host: the
/// signal is blocked for this thread during the write and a pending one is taken off again.
private func writeWithoutSIGPIPE(_ fd: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int {
  #if canImport(Darwin)
    return write(fd, bytes, count)  // F_SETNOSIGPIPE is set on the descriptor.
  #else
    var block = sigset_t()
    sigemptyset(&block)
    sigaddset(&block, SIGPIPE)
    var previous = sigset_t()
    pthread_sigmask(SIG_BLOCK, &block, &previous)
    let result = write(fd, bytes, count)
    let savedErrno = errno
    if result < 0, savedErrno == EPIPE, sigismember(&previous, SIGPIPE) == 0 {
      var pending = sigset_t()
      sigpending(&pending)
      if sigismember(&pending, SIGPIPE) == 1 {
        var zero = timespec(tv_sec: 0, tv_nsec: 0)
        _ = sigtimedwait(&block, nil, &zero)
      }
    }
    pthread_sigmask(SIG_SETMASK, &previous, nil)
    errno = savedErrno
    return result
  #endif
}
