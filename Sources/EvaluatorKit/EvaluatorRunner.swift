import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// Runs an ``Evaluator`` as a module process: the protocol loop on stdin and stdout.
public enum EvaluatorRunner {
  /// Serves requests until `shutdown` or the end of stdin, then exits with status 0. Exits with
  /// status 1, after a line on stderr, if the host sends something that is not a message.
  ///
  /// Before anything else the runner keeps the real stdout for the protocol and points file
  /// descriptor 1 at stderr, so `print` and anything a library writes to stdout lands in the
  /// module's log instead of corrupting the channel; stdin is replaced by `/dev/null`.
  public static func run(
    _ evaluator: some Evaluator, maximumMessageBytes: Int = MessageFrame.defaultMaximumMessageBytes
  ) -> Never {
    var channel = Channel.takeOverStandardStreams()
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    let decoder = JSONDecoder()
    let name = evaluator.identity.id
    var greeted = false

    while true {
      let payload: [UInt8]
      switch channel.readMessage(maximumMessageBytes: maximumMessageBytes) {
      case .endOfInput: exit(0)
      case .failed(let reason): fail("\(name): \(reason)")
      case .message(let bytes): payload = bytes
      }
      let message: HostMessage
      do {
        message = try decoder.decode(HostMessage.self, from: Data(payload))
      } catch {
        fail("\(name): cannot read a message from the host: \(error)")
      }

      let reply: ModuleMessage
      switch message {
      case .hello(let hello):
        let common = Set(hello.protocolVersions).intersection(EvaluatorKit.protocolVersions)
        guard let chosen = common.max() else {
          let ours = EvaluatorKit.protocolVersions.map(String.init).joined(separator: ", ")
          let theirs = hello.protocolVersions.map(String.init).joined(separator: ", ")
          send(
            .helloError(
              HelloError(
                message: "\(name) speaks protocol \(ours); the host offered \(theirs)",
                supportedVersions: EvaluatorKit.protocolVersions)),
            on: &channel, encoder: encoder, name: name)
          exit(0)
        }
        greeted = true
        reply = .helloResult(HelloResult(protocolVersion: chosen, module: evaluator.identity))
      case .evaluate(let request):
        guard greeted else { fail("\(name): the host sent evaluate before hello") }
        do {
          reply = .evaluateResult(EvaluateResult(requestId: request.requestId, findings: try evaluator.evaluate(request)))
        } catch {
          reply = .evaluateError(EvaluateError(requestId: request.requestId, message: describe(error)))
        }
      case .shutdown:
        exit(0)
      }
      // What the evaluator printed sits in stdout's buffer; it goes to the log before the answer.
      fflush(nil)
      send(reply, on: &channel, encoder: encoder, name: name)
    }
  }

  private static func send(_ message: ModuleMessage, on channel: inout Channel, encoder: JSONEncoder, name: String) {
    let payload: Data
    do {
      payload = try encoder.encode(message)
    } catch {
      // Only a number that JSON cannot carry gets here; tell the host this request failed.
      if case .evaluateResult(let result) = message {
        let fallback = ModuleMessage.evaluateError(
          EvaluateError(requestId: result.requestId, message: "\(name) produced a result it cannot encode: \(error)"))
        send(fallback, on: &channel, encoder: encoder, name: name)
        return
      }
      fail("\(name): cannot encode a message: \(error)")
    }
    if !channel.send(MessageFrame.encode(Array(payload))) {
      fail("\(name): the host closed the channel")
    }
  }

  private static func describe(_ error: any Error) -> String {
    if let error = error as? EvaluationError { return error.message }
    if let error = error as? any LocalizedError, let text = error.errorDescription { return text }
    return String(describing: error)
  }

  private static func fail(_ line: String) -> Never {
    FileHandle.standardError.write(Data((line + "\n").utf8))
    exit(1)
  }
}

/// The protocol's two file descriptors, taken over from stdin and stdout.
private struct Channel {
  enum Read {
    case message([UInt8])
    case endOfInput
    case failed(String)
  }

  let input: Int32
  let output: Int32

  static func takeOverStandardStreams() -> Channel {
    let input = dup(STDIN_FILENO)
    let output = dup(STDOUT_FILENO)
    for fd in [input, output] { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
    // fd 1 becomes a second stderr; fd 0 reads nothing, so a stray read cannot steal a message.
    _ = dup2(STDERR_FILENO, STDOUT_FILENO)
    fflush(nil)  // Anything printed before the runner started goes to stderr too.
    let null = open("/dev/null", O_RDONLY)
    if null >= 0 {
      _ = dup2(null, STDIN_FILENO)
      close(null)
    }
    return Channel(input: input, output: output)
  }

  func readMessage(maximumMessageBytes: Int) -> Read {
    var header = [UInt8](repeating: 0, count: 8)
    switch readExactly(into: &header) {
    case 0: return .endOfInput
    case 8: break
    default: return .failed("the host's message ended inside its 8-byte length")
    }
    let length = MessageFrame.announcedLength(header)
    guard length <= UInt64(maximumMessageBytes) else {
      return .failed("the host announced a \(length)-byte message, above the limit of \(maximumMessageBytes) bytes")
    }
    var payload = [UInt8](repeating: 0, count: Int(length))
    guard readExactly(into: &payload) == payload.count else {
      return .failed("the host's message ended after fewer bytes than it announced")
    }
    return .message(payload)
  }

  /// Reads until `buffer` is full or the input ends; returns how many bytes were read.
  private func readExactly(into buffer: inout [UInt8]) -> Int {
    var filled = 0
    let total = buffer.count
    while filled < total {
      let count = buffer.withUnsafeMutableBytes { read(input, $0.baseAddress! + filled, total - filled) }
      if count > 0 {
        filled += count
      } else if count == 0 || errno != EINTR {
        break
      }
    }
    return filled
  }

  func send(_ bytes: [UInt8]) -> Bool {
    var written = 0
    while written < bytes.count {
      let count = bytes.withUnsafeBytes { systemWrite(output, $0.baseAddress! + written, bytes.count - written) }
      if count > 0 {
        written += count
      } else if count < 0 && errno == EINTR {
        continue
      } else {
        return false
      }
    }
    return true
  }
}

private func systemWrite(_ fd: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int {
  write(fd, bytes, count)
}
