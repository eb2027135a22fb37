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

/// One running executable evaluator module: started once, asked any number of times, shut down.
///
/// The program runs without a shell, in a fresh temporary working directory, with a scrubbed
/// environment, as the leader of its own process group, and speaks the evaluator protocol
/// (`Docs/evaluator-protocol.md`) over its stdin and stdout; what it writes to stderr is kept as
/// its log. Every wait has a deadline. A crash, timeout, oversized or malformed message stops the
/// whole process group, and every later call fails at once with the same failure.
///
/// Use a session from one thread at a time.
public final class ExecutableModuleSession: @unchecked Sendable {
  public let manifest: EvaluatorManifest
  public let manifestPath: String
  public let toolkitVersion: String

  /// Seconds the module has to answer `hello` (`limits.start_timeout_seconds`, default 10).
  public let startTimeout: Double
  /// Seconds the module has to answer one request (`limits.request_timeout_seconds`, default 60).
  public let requestTimeout: Double
  /// The largest message accepted from the module (`limits.max_message_bytes`, default 16 MiB).
  public let maximumMessageBytes: Int
  /// The protocol versions offered in `hello`.
  public let offeredVersions: [Int]

  /// The version agreed in the handshake.
  public private(set) var protocolVersion: Int?
  /// The id and version the program gave in its `helloResult`.
  public private(set) var reportedIdentity: ModuleIdentity?
  /// How many processes this session has started (one, unless `start` failed before spawning).
  public private(set) var spawnCount = 0
  /// The fresh directory the module runs in; removed when the session ends.
  public private(set) var workingDirectory: String?

  private enum State {
    case notStarted
    case running(ChildProcess)
    case failed(EvaluatorFailure)
    case finished
  }

  private var state = State.notStarted
  private var channel = FrameExchange()
  private let encoder: JSONEncoder = {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    return encoder
  }()
  private let decoder = JSONDecoder()

  /// - Parameter offeredVersions: the versions to offer in `hello`; only conformance checks
  ///   offer anything but the toolkit's own (to see a module refuse a version it does not speak).
  public init(
    manifest: EvaluatorManifest, manifestPath: String, toolkitVersion: String,
    offeredVersions: [Int] = MessageFrame.supportedProtocolVersions
  ) {
    self.manifest = manifest
    self.manifestPath = manifestPath
    self.toolkitVersion = toolkitVersion
    startTimeout = Self.seconds(manifest.limits.startTimeoutSeconds?.value, default: 10)
    requestTimeout = Self.seconds(manifest.limits.requestTimeoutSeconds?.value, default: 60)
    let bytes = manifest.limits.maximumMessageBytes?.value ?? MessageFrame.defaultMaximumMessageBytes
    maximumMessageBytes = min(max(bytes, 1), Self.largestMessageLimit)
    self.offeredVersions = offeredVersions
  }

  deinit {
    if case .running(let child) = state {
      child.killGroup()
      child.closeInput()
      child.closeOutput()
    }
    removeWorkingDirectory()
  }

  public var moduleID: String { manifest.id.value }

  /// Limits are kept within what a clock and a buffer can honour, whatever a manifest says
  /// (`assess validate` reports limits that are not above zero).
  static let longestTimeout = 7 * 24 * 3600.0
  static let largestMessageLimit = 1 << 30

  private static func seconds(_ value: Double?, default fallback: Double) -> Double {
    guard let value, value.isFinite, value > 0 else { return fallback }
    return min(max(value, 0.001), longestTimeout)
  }

  /// The module's process id while it runs.
  public var processID: Int32? {
    if case .running(let child) = state { return child.pid }
    return nil
  }

  public var isRunning: Bool {
    if case .running = state { return true }
    return false
  }

  /// The failure that ended the session, if one did.
  public var failure: EvaluatorFailure? {
    if case .failed(let failure) = state { return failure }
    return nil
  }

  /// What the module wrote to stderr (the last 64 KB of it), control characters other than
  /// newlines and tabs removed.
  public var log: String {
    if case .running(let child) = state { channel.drainStandardError(of: child) }
    return ModuleText.block(channel.log.text)
  }

  /// A mark in the log, for ``log(since:)``.
  public var logMark: Int {
    if case .running(let child) = state { channel.drainStandardError(of: child) }
    return channel.log.total
  }

  /// What the module wrote to stderr after `mark`, cleaned as ``log`` is.
  public func log(since mark: Int) -> String {
    if case .running(let child) = state { channel.drainStandardError(of: child) }
    return ModuleText.block(channel.log.text(since: mark))
  }

  // MARK: - Start

  /// Starts the program and completes the handshake.
  public func start() throws(EvaluatorFailure) {
    switch state {
    case .running: return
    case .failed(let failure): throw failure
    case .finished: throw makeFailure(.startFailed, "module \(moduleID) was already shut down; start a new session")
    case .notStarted: break
    }
    let child: ChildProcess
    do {
      child = try launch()
    } catch {
      state = .failed(error)
      throw error
    }
    state = .running(child)

    let hello = HostMessage.hello(Hello(protocolVersions: offeredVersions, toolkitVersion: toolkitVersion))
    let deadline = DispatchTime.now() + startTimeout
    let reply: ModuleMessage
    switch send(hello, to: child, deadline: deadline, awaiting: "hello") {
    case .failure(let failure):
      // A session that did not complete its handshake never stays up.
      if isRunning { throw stop(child, failure.kind, failure.message) }
      throw failure
    case .success(let message): reply = message
    }
    switch reply {
    case .helloResult(let result):
      guard offeredVersions.contains(result.protocolVersion) else {
        throw stop(
          child, .noCommonVersion,
          "module \(moduleID) chose protocol \(result.protocolVersion), which this toolkit did not offer (it speaks \(Self.versions(offeredVersions))) — upgrade one of them"
        )
      }
      guard result.module.id == moduleID else {
        throw stop(
          child, .startFailed,
          "the program of module \(moduleID) introduced itself as \(ModuleText.line(result.module.id, limit: 80)); the id in evaluator.yaml and the one the program sends in helloResult must be the same"
        )
      }
      protocolVersion = result.protocolVersion
      reportedIdentity = result.module
    case .helloError(let refusal):
      let spoken = refusal.supportedVersions.isEmpty ? "no version this toolkit knows" : "protocol \(Self.versions(refusal.supportedVersions))"
      throw stop(child, .noCommonVersion, "module \(moduleID) speaks \(spoken); this toolkit speaks \(Self.versions(offeredVersions)) — upgrade one of them")
    case .evaluateResult, .evaluateError:
      throw stop(child, .malformedMessage, "module \(moduleID) answered hello with \(Self.name(of: reply)) instead of helloResult; it was stopped")
    }
  }

  /// Checks the manifest, prepares the working directory and spawns the program.
  private func launch() throws(EvaluatorFailure) -> ChildProcess {
    guard manifest.kind == .executable, let program = manifest.program.first?.value, !program.isEmpty else {
      throw makeFailure(.startFailed, "module \(moduleID) is not an executable module with a `program`; check evaluator.yaml")
    }
    let declared = manifest.protocolVersions.map(\.value)
    let spoken = MessageFrame.supportedProtocolVersions
    if !declared.isEmpty, Set(declared).isDisjoint(with: spoken) {
      throw makeFailure(
        .noCommonVersion,
        "module \(moduleID) speaks protocol \(Self.versions(declared)); this toolkit speaks \(Self.versions(spoken)) — upgrade one of them")
    }
    if program.hasPrefix("/") || program.hasPrefix("~") || program.split(separator: "/").contains("..") {
      throw makeFailure(
        .startFailed, "module \(moduleID) names program `\(program)` outside its folder; give a path inside the module folder, such as bin/evaluator")
    }
    let folder = URL(fileURLWithPath: manifestPath).standardizedFileURL.deletingLastPathComponent()
    let executable = folder.appendingPathComponent(program).standardizedFileURL.path
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: executable, isDirectory: &isDirectory), !isDirectory.boolValue else {
      throw makeFailure(.startFailed, "module \(moduleID) cannot start: its program `\(program)` does not exist in \(folder.path); build it or correct `program` in evaluator.yaml")
    }

    let directory: String
    do {
      directory = try Self.makeWorkingDirectory()
    } catch {
      throw makeFailure(.startFailed, "module \(moduleID) cannot start: no temporary working directory could be made (\(error.localizedDescription)); check TMPDIR")
    }
    workingDirectory = directory
    let environment = [
      "PATH=/usr/bin:/bin",
      "LANG=C.UTF-8",
      "HOME=\(directory)",
      "ASSESS_PROTOCOL_VERSIONS=\(offeredVersions.map(String.init).joined(separator: ","))",
    ]
    let arguments = [executable] + manifest.program.dropFirst().map(\.value)
    do {
      let child = try ChildProcess.spawn(
        executable: executable, arguments: arguments, environment: environment, workingDirectory: directory)
      spawnCount += 1
      return child
    } catch {
      removeWorkingDirectory()
      throw makeFailure(.startFailed, "module \(moduleID) cannot start: \(Self.explain(error, program: program))")
    }
  }

  // MARK: - Evaluate

  /// Asks the module for the findings on one request. The result has passed output validation;
  /// an `evaluateError` answer comes back as a `.contentError` failure and the session goes on.
  public func evaluate(_ request: EvaluateRequest) -> Result<EvaluateResult, EvaluatorFailure> {
    let child: ChildProcess
    switch state {
    case .running(let running): child = running
    case .failed(let failure): return .failure(failure)
    case .notStarted: return .failure(makeFailure(.startFailed, "module \(moduleID) was not started; call start() first"))
    case .finished: return .failure(makeFailure(.startFailed, "module \(moduleID) was already shut down; start a new session"))
    }
    let requestID = request.requestId
    let reply: ModuleMessage
    switch send(.evaluate(request), to: child, deadline: DispatchTime.now() + requestTimeout, awaiting: "request \(requestID)") {
    case .failure(let failure): return .failure(failure)
    case .success(let message): reply = message
    }
    switch reply {
    case .evaluateResult(let result):
      guard result.requestId == requestID else {
        return .failure(
          stop(child, .malformedMessage, "module \(moduleID) answered request `\(ModuleText.line(result.requestId, limit: 80))` when `\(requestID)` was asked; it was stopped"))
      }
      let problems = validate(result, for: request)
      guard problems.isEmpty else {
        let shown = problems.prefix(3).joined(separator: "; ")
        let more = problems.count > 3 ? "; and \(problems.count - 3) more" : ""
        return .failure(
          makeFailure(.invalidOutput, "module \(moduleID) returned a result for request \(requestID) that breaks the output rules, so none of it is used: \(shown)\(more)"))
      }
      return .success(result)
    case .evaluateError(let error):
      guard error.requestId == requestID else {
        return .failure(
          stop(child, .malformedMessage, "module \(moduleID) answered request `\(ModuleText.line(error.requestId, limit: 80))` when `\(requestID)` was asked; it was stopped"))
      }
      let text = ModuleText.line(error.message, limit: 500)
      return .failure(makeFailure(.contentError, "module \(moduleID) could not evaluate request \(requestID): \(text.isEmpty ? "it gave no reason" : text)"))
    case .helloResult, .helloError:
      return .failure(
        stop(child, .malformedMessage, "module \(moduleID) answered request \(requestID) with \(Self.name(of: reply)); it was stopped"))
    }
  }

  /// The output rules: item ids from the request, known severities, horizons, components and
  /// actors, no empty texts, unique finding ids. Empty when the result may be used.
  public func validate(_ result: EvaluateResult, for request: EvaluateRequest) -> [String] {
    ModuleOutputValidator.problems(in: result, for: request, knownActors: manifest.knownActorIDs)
  }

  /// What a module did with a request it could not read (see `sendMalformedRequest`).
  public struct ProbeOutcome: Hashable, Sendable {
    /// It answered, or exited, within its request time limit; it did not hang or send garbage.
    public var passed: Bool
    public var detail: String

    public init(passed: Bool, detail: String) {
      self.passed = passed
      self.detail = detail
    }
  }

  /// Conformance check: sends an `evaluate` whose request lacks every required field but its
  /// id, and sees whether the module copes — answers `evaluateError` (or a result) for that id,
  /// or exits — rather than hanging or writing garbage. The session cannot be used afterwards
  /// unless the module answered.
  public func sendMalformedRequest() -> ProbeOutcome {
    guard case .running(let child) = state else {
      return ProbeOutcome(passed: false, detail: failure?.message ?? "module \(moduleID) is not running")
    }
    let requestID = "conformance-malformed"
    let frame = MessageFrame.encode(Array(#"{"evaluate":{"requestId":"conformance-malformed"}}"#.utf8))
    let outcome = channel.exchange(
      with: child, sending: frame, deadline: DispatchTime.now() + requestTimeout, maximumMessageBytes: maximumMessageBytes)
    switch outcome {
    case .message(let payload):
      switch try? decoder.decode(ModuleMessage.self, from: Data(payload)) {
      case .evaluateError(let error)? where error.requestId == requestID:
        return ProbeOutcome(passed: true, detail: "answered evaluateError: \(ModuleText.line(error.message))")
      case .evaluateResult(let result)? where result.requestId == requestID:
        return ProbeOutcome(passed: true, detail: "answered evaluateResult with \(result.findings.count) finding(s)")
      default:
        let failure = stop(child, .malformedMessage, "module \(moduleID) answered a malformed request with a message that is not an answer to it")
        return ProbeOutcome(passed: false, detail: failure.message)
      }
    case .endOfStream:
      let status = child.waitForExit(until: .now() + 1)
      finish(child)
      state = .finished
      return ProbeOutcome(passed: true, detail: "exited (\(status.map(\.description) ?? "closed its standard output"))")
    case .timedOut:
      let failure = stop(child, .timeout, "module \(moduleID) neither answered nor exited within \(Self.seconds(requestTimeout)) after a malformed request")
      return ProbeOutcome(passed: false, detail: failure.message)
    case .tooLarge, .notAFrame, .ioFailed:
      let failure = stop(child, .malformedMessage, "module \(moduleID) wrote something that is not a message after a malformed request")
      return ProbeOutcome(passed: false, detail: failure.message)
    }
  }

  // MARK: - Shutdown

  /// Sends `shutdown`, gives the module 2 seconds to exit, then stops its process group.
  public func shutdown() {
    guard case .running(let child) = state else {
      if case .notStarted = state { state = .finished }
      return
    }
    let deadline = DispatchTime.now() + 2
    if let frame = try? frame(for: .shutdown) {
      // A module answers shutdown by exiting, which closes its stdout; anything else it sends
      // now is ignored.
      var outcome = channel.exchange(with: child, sending: frame, deadline: deadline, maximumMessageBytes: maximumMessageBytes)
      while case .message = outcome {
        outcome = channel.exchange(with: child, sending: [], deadline: deadline, maximumMessageBytes: maximumMessageBytes)
      }
    }
    child.closeInput()
    _ = child.waitForExit(until: deadline)
    finish(child)
    state = .finished
  }

  // MARK: - Conversation

  /// Frames and sends one message and reads the reply, turning every way that can go wrong into
  /// a failure that stops the module.
  private func send(_ message: HostMessage, to child: ChildProcess, deadline: DispatchTime, awaiting what: String)
    -> Result<ModuleMessage, EvaluatorFailure>
  {
    let outgoing: [UInt8]
    do {
      outgoing = try frame(for: message)
    } catch {
      // The toolkit's own fault (a score that is not a number, say): the module is not to blame.
      return .failure(makeFailure(.contentError, "the toolkit could not write \(what) for module \(moduleID): \(error)"))
    }
    let starting = what == "hello"
    switch channel.exchange(with: child, sending: outgoing, deadline: deadline, maximumMessageBytes: maximumMessageBytes) {
    case .message(let payload):
      do {
        return .success(try decoder.decode(ModuleMessage.self, from: Data(payload)))
      } catch {
        return .failure(
          stop(child, .malformedMessage, "module \(moduleID) sent a message the toolkit cannot read while answering \(what) (\(Self.explain(error))); it was stopped"))
      }
    case .endOfStream:
      // It may still be on its way out; if it lingers with its stdout closed, it is stopped.
      let status = child.waitForExit(until: .now() + 1)
      finish(child)
      let how = status.map { $0.description } ?? "closed its standard output"
      let lastWords = channel.log.lastLine.map { ": \(ModuleText.line($0))" } ?? ""
      let kind: EvaluatorFailure.Kind = starting ? .startFailed : .crashed
      let when = starting ? "before answering hello" : "while answering \(what)"
      return .failure(recordFailure(kind, "module \(moduleID) \(how) \(when)\(lastWords)"))
    case .timedOut:
      let limit = starting ? "limits.start_timeout_seconds" : "limits.request_timeout_seconds"
      let seconds = starting ? startTimeout : requestTimeout
      return .failure(
        stop(child, .timeout, "module \(moduleID) did not answer \(what) within \(Self.seconds(seconds)); it was stopped (raise \(limit) in evaluator.yaml if it needs longer)"))
    case .tooLarge(let announced):
      return .failure(
        stop(
          child, .messageTooLarge,
          "module \(moduleID) announced a \(announced)-byte message while answering \(what), above its limit of \(maximumMessageBytes) bytes; it was stopped (raise limits.max_message_bytes in evaluator.yaml if that is expected)"))
    case .notAFrame(let bytes, isText: true):
      let excerpt = ModuleText.line(String(decoding: bytes.prefix(40), as: UTF8.self).split(whereSeparator: \.isNewline).first.map(String.init) ?? "")
      return .failure(
        stop(
          child, .malformedMessage,
          "module \(moduleID) printed text to stdout (\"\(excerpt)\") while answering \(what); stdout carries only framed protocol messages — write logs to stderr"))
    case .notAFrame(let bytes, isText: false):
      let hex = bytes.prefix(8).map { String($0, radix: 16).leftPadded(to: 2) }.joined(separator: " ")
      return .failure(
        stop(
          child, .malformedMessage,
          "module \(moduleID) wrote bytes to stdout that are not a framed message while answering \(what) (they start \(hex)); stdout carries only framed protocol messages — write logs to stderr"))
    case .ioFailed(let number):
      return .failure(stop(child, .crashed, "module \(moduleID) could not be reached while answering \(what) (\(String(cString: strerror(number)))); it was stopped"))
    }
  }

  private func frame(for message: HostMessage) throws -> [UInt8] {
    MessageFrame.encode(Array(try encoder.encode(message)))
  }

  /// Stops the module's process group and records the failure; every later call returns it.
  private func stop(_ child: ChildProcess, _ kind: EvaluatorFailure.Kind, _ message: String) -> EvaluatorFailure {
    channel.drainStandardError(of: child)
    finish(child)
    return recordFailure(kind, message)
  }

  private func recordFailure(_ kind: EvaluatorFailure.Kind, _ message: String) -> EvaluatorFailure {
    let failure = makeFailure(kind, message)
    state = .failed(failure)
    return failure
  }

  /// Makes sure nothing of the module is left: its group killed and the module reaped, its last
  /// words read, its pipes closed and its working directory removed.
  @discardableResult
  private func finish(_ child: ChildProcess) -> ExitStatus? {
    child.killGroup()
    child.closeInput()
    // SIGKILL cannot be caught, so these waits are short; they are bounded all the same.
    let status = child.waitForExit(until: .now() + 2)
    channel.readStandardErrorToEnd(of: child, until: .now() + 0.5)
    child.closeOutput()
    removeWorkingDirectory()
    return status
  }

  private func makeFailure(_ kind: EvaluatorFailure.Kind, _ message: String) -> EvaluatorFailure {
    EvaluatorFailure(kind: kind, module: moduleID, message: message, logExcerpt: ModuleText.block(channel.log.excerpt()))
  }

  private func removeWorkingDirectory() {
    guard let directory = workingDirectory else { return }
    try? FileManager.default.removeItem(atPath: directory)
    workingDirectory = nil
  }

  // MARK: - Wording

  private static func makeWorkingDirectory() throws -> String {
    let base = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("assess-module-XXXXXX").path
    var template = Array(base.utf8CString)
    guard let made = template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) else {
      throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
    }
    return String(cString: made)
  }

  static func versions(_ versions: [Int]) -> String {
    let sorted = Array(Set(versions)).sorted()
    guard sorted.count > 1 else { return sorted.first.map(String.init) ?? "none" }
    return sorted.dropLast().map(String.init).joined(separator: ", ") + " and \(sorted.last!)"
  }

  private static func seconds(_ value: Double) -> String {
    value == value.rounded() ? "\(Int(value)) s" : "\(value) s"
  }

  private static func name(of message: ModuleMessage) -> String {
    switch message {
    case .helloResult: return "helloResult"
    case .helloError: return "helloError"
    case .evaluateResult: return "evaluateResult"
    case .evaluateError: return "evaluateError"
    }
  }

  private static func explain(_ error: SpawnError, program: String) -> String {
    switch error.errorNumber {
    case ENOENT:
      return "its program `\(program)` names an interpreter on its first line (`#!…`) that was not found on PATH=/usr/bin:/bin"
    case EACCES: return "its program `\(program)` is not executable; run `chmod +x \(program)`"
    case ENOEXEC: return "its program `\(program)` is not a program this system can run; a script needs a `#!` first line"
    default: return "\(error.step) failed for `\(program)` (\(String(cString: strerror(error.errorNumber))))"
    }
  }

  private static func explain(_ error: any Error) -> String {
    switch error {
    case MessageDecodingError.unknownMessage(let keys):
      if keys.count == 1 { return "there is no message named `\(keys[0])`" }
      return "a message is an object with exactly one key, found \(keys.count)"
    case DecodingError.dataCorrupted(let context) where context.codingPath.isEmpty:
      return "it is not valid JSON"
    case DecodingError.dataCorrupted(let context):
      return "`\(path(context.codingPath))`: \(context.debugDescription)"
    case DecodingError.keyNotFound(let key, let context):
      return "`\(path(context.codingPath + [key]))` is missing"
    case DecodingError.typeMismatch(let type, let context):
      return "`\(path(context.codingPath))` should be \(describe(type))"
    case DecodingError.valueNotFound(let type, let context):
      return "`\(path(context.codingPath))` should be \(describe(type)), found null"
    default:
      return "\(error)"
    }
  }

  private static func path(_ keys: [any CodingKey]) -> String {
    keys.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined().drop { $0 == "." }.description
  }

  private static func describe(_ type: Any.Type) -> String {
    switch type {
    case is String.Type: return "text"
    case is Int.Type, is Double.Type: return "a number"
    case is Bool.Type: return "true or false"
    case is [Any].Type: return "a list"
    default: return "an object"
    }
  }
}

extension String {
  fileprivate func leftPadded(to width: Int) -> String {
    count >= width ? self : String(repeating: "0", count: width - count) + self
  }
}
