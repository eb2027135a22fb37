import Dispatch
import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// How a child process ended.
enum ExitStatus: Hashable, Sendable, CustomStringConvertible {
  case exited(Int32)
  case signalled(Int32)

  init(waitStatus status: Int32) {
    // WIFEXITED / WEXITSTATUS / WTERMSIG are macros Swift does not import.
    let signal = status & 0x7F
    self = signal == 0 ? .exited((status >> 8) & 0xFF) : .signalled(signal)
  }

  var description: String {
    switch self {
    case .exited(let code): return "exited with status \(code)"
    case .signalled(let signal): return "was killed by signal \(signal) (\(Self.signalName(signal)))"
    }
  }

  static func signalName(_ signal: Int32) -> String {
    switch signal {
    case SIGKILL: return "SIGKILL"
    case SIGSEGV: return "SIGSEGV"
    case SIGABRT: return "SIGABRT"
    case SIGBUS: return "SIGBUS"
    case SIGILL: return "SIGILL"
    case SIGFPE: return "SIGFPE"
    case SIGTERM: return "SIGTERM"
    case SIGPIPE: return "SIGPIPE"
    case SIGTRAP: return "SIGTRAP"
    case SIGINT: return "SIGINT"
    default: return "signal \(signal)"
    }
  }
}

/// Why a program could not be started at all.
struct SpawnError: Error {
  var errorNumber: Int32
  var step: String
}

/// A program started with `posix_spawn` in its own process group, with its standard input,
/// output and error connected to pipes the host holds. A background thread reaps it, so the
/// host can wait for its exit with a deadline.
final class ChildProcess: @unchecked Sendable {
  let pid: pid_t
  /// The host's ends: it writes requests to `input`, reads messages from `output` and logs from `error`.
  private(set) var input: Int32
  private(set) var output: Int32
  private(set) var error: Int32
  private let reaper: Reaper

  private init(pid: pid_t, input: Int32, output: Int32, error: Int32) {
    self.pid = pid
    self.input = input
    self.output = output
    self.error = error
    reaper = Reaper(pid: pid)
  }

  deinit {
    for fd in [input, output, error] where fd >= 0 { close(fd) }
  }

  /// Starts `executable` (an absolute path) with exactly `arguments` (argv[0] first) and
  /// `environment`, in `workingDirectory`, as the leader of a new process group.
  static func spawn(
    executable: String, arguments: [String], environment: [String], workingDirectory: String
  ) throws(SpawnError) -> ChildProcess {
    // Pipes are created close-on-exec so no other module ever inherits this one's channel;
    // the child gets its three ends through dup2, which clears the flag on the copies.
    let stdinPipe = try makePipe()
    let stdoutPipe: (read: Int32, write: Int32)
    let stderrPipe: (read: Int32, write: Int32)
    do {
      stdoutPipe = try makePipe()
    } catch {
      closeAll(stdinPipe.read, stdinPipe.write)
      throw error
    }
    do {
      stderrPipe = try makePipe()
    } catch {
      closeAll(stdinPipe.read, stdinPipe.write, stdoutPipe.read, stdoutPipe.write)
      throw error
    }
    let childEnds = [stdinPipe.read, stdoutPipe.write, stderrPipe.write]
    let hostEnds = [stdinPipe.write, stdoutPipe.read, stderrPipe.read]

    var actions = SpawnActions()
    var attributes = SpawnAttributes()
    defer {
      actions.destroy()
      attributes.destroy()
    }
    do {
      try actions.dup(stdinPipe.read, to: 0)
      try actions.dup(stdoutPipe.write, to: 1)
      try actions.dup(stderrPipe.write, to: 2)
      try actions.changeDirectory(to: workingDirectory)
      actions.closeDescriptorsFromThree()
      try attributes.configureForModule()
    } catch {
      closeAll(childEnds + hostEnds)
      throw error
    }

    var pid: pid_t = 0
    let result = withCStrings(arguments) { argv in
      withCStrings(environment) { envp in
        actions.withPointer { actionsPointer in
          attributes.withPointer { attributesPointer in
            posix_spawn(&pid, executable, actionsPointer, attributesPointer, argv, envp)
          }
        }
      }
    }
    closeAll(childEnds)
    guard result == 0 else {
      closeAll(hostEnds)
      throw SpawnError(errorNumber: result, step: "posix_spawn")
    }
    for fd in hostEnds {
      _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
    }
    #if canImport(Darwin)
      _ = fcntl(stdinPipe.write, F_SETNOSIGPIPE, 1)
    #endif
    let child = ChildProcess(pid: pid, input: stdinPipe.write, output: stdoutPipe.read, error: stderrPipe.read)
    child.reaper.start()
    return child
  }

  /// Sends SIGKILL to every process of the module's group (the module and anything it started).
  func killGroup() {
    _ = kill(-pid, SIGKILL)
  }

  /// Waits for the module itself to exit, until `deadline`; nil if it is still running then.
  func waitForExit(until deadline: DispatchTime) -> ExitStatus? {
    reaper.wait(until: deadline)
  }

  func closeInput() {
    if input >= 0 {
      close(input)
      input = -1
    }
  }

  func closeOutput() {
    if output >= 0 {
      close(output)
      output = -1
    }
    if error >= 0 {
      close(error)
      error = -1
    }
  }

  // MARK: - Pieces

  private static func makePipe() throws(SpawnError) -> (read: Int32, write: Int32) {
    var fds: [Int32] = [-1, -1]
    let result = fds.withUnsafeMutableBufferPointer { buffer in
      LibC.pipeCloseOnExec(buffer.baseAddress!)
    }
    guard result == 0 else { throw SpawnError(errorNumber: errno, step: "pipe") }
    return (fds[0], fds[1])
  }

  private static func closeAll(_ fds: Int32...) { closeAll(fds) }

  private static func closeAll(_ fds: [Int32]) {
    for fd in fds where fd >= 0 { close(fd) }
  }
}

/// Waits for one child on a thread of its own and hands its status over to whoever asks.
private final class Reaper: @unchecked Sendable {
  private let pid: pid_t
  private let lock = NSLock()
  private var status: ExitStatus?
  private let exited = DispatchSemaphore(value: 0)

  init(pid: pid_t) { self.pid = pid }

  func start() {
    let thread = Thread { [self] in
      var raw: Int32 = 0
      var result: pid_t
      repeat { result = waitpid(pid, &raw, 0) } while result == -1 && errno == EINTR
      let status = result == pid ? ExitStatus(waitStatus: raw) : .exited(-1)
      lock.withLock { self.status = status }
      exited.signal()
    }
    thread.name = "assess-reaper-\(pid)"
    thread.start()
  }

  func wait(until deadline: DispatchTime) -> ExitStatus? {
    guard exited.wait(timeout: deadline) == .success else { return nil }
    exited.signal()  // Leave it signalled for the next caller.
    return lock.withLock { status }
  }
}

// MARK: - posix_spawn plumbing

private func withCStrings<Result>(_ strings: [String], _ body: (UnsafePointer<UnsafeMutablePointer<CChar>?>) -> Result) -> Result {
  let pointers = strings.map { strdup($0) } + [nil]
  defer { for pointer in pointers { free(pointer) } }
  return pointers.withUnsafeBufferPointer { body($0.baseAddress!) }
}

#if canImport(Darwin)
  private typealias FileActionsStorage = posix_spawn_file_actions_t?
  private typealias AttributesStorage = posix_spawnattr_t?
#else
  private typealias FileActionsStorage = posix_spawn_file_actions_t
  private typealias AttributesStorage = posix_spawnattr_t
#endif

private struct SpawnActions {
  var storage = UnsafeMutablePointer<FileActionsStorage>.allocate(capacity: 1)

  init() {
    #if canImport(Darwin)
      storage.initialize(to: nil)
    #else
      storage.initialize(to: posix_spawn_file_actions_t())
    #endif
    posix_spawn_file_actions_init(storage)
  }

  mutating func destroy() {
    posix_spawn_file_actions_destroy(storage)
    storage.deallocate()
  }

  func dup(_ fd: Int32, to target: Int32) throws(SpawnError) {
    let result = posix_spawn_file_actions_adddup2(storage, fd, target)
    guard result == 0 else { throw SpawnError(errorNumber: result, step: "posix_spawn_file_actions_adddup2") }
  }

  func changeDirectory(to path: String) throws(SpawnError) {
    let result = LibC.addChangeDirectory(storage, path)
    guard result == 0 else { throw SpawnError(errorNumber: result, step: "posix_spawn_file_actions_addchdir_np") }
  }

  /// Closes every descriptor above 2 in the child, where the C library can (glibc ≥ 2.34, macOS).
  func closeDescriptorsFromThree() {
    _ = LibC.addCloseFrom(storage, 3)
  }

  func withPointer<Result>(_ body: (UnsafePointer<FileActionsStorage>) -> Result) -> Result { body(storage) }
}

private struct SpawnAttributes {
  var storage = UnsafeMutablePointer<AttributesStorage>.allocate(capacity: 1)

  init() {
    #if canImport(Darwin)
      storage.initialize(to: nil)
    #else
      storage.initialize(to: posix_spawnattr_t())
    #endif
    posix_spawnattr_init(storage)
  }

  mutating func destroy() {
    posix_spawnattr_destroy(storage)
    storage.deallocate()
  }

  /// A new process group (so the host can kill everything the module starts), every signal
  /// back to its default action and none blocked (the host may ignore SIGPIPE; the module
  /// should not inherit that).
  func configureForModule() throws(SpawnError) {
    var flags = Int32(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK)
    #if canImport(Darwin)
      flags |= Int32(POSIX_SPAWN_CLOEXEC_DEFAULT)
    #endif
    var defaults = sigset_t()
    sigfillset(&defaults)
    sigdelset(&defaults, SIGKILL)
    sigdelset(&defaults, SIGSTOP)
    var mask = sigset_t()
    sigemptyset(&mask)
    for (result, step) in [
      (posix_spawnattr_setflags(storage, Int16(flags)), "posix_spawnattr_setflags"),
      (posix_spawnattr_setpgroup(storage, 0), "posix_spawnattr_setpgroup"),
      (posix_spawnattr_setsigdefault(storage, &defaults), "posix_spawnattr_setsigdefault"),
      (posix_spawnattr_setsigmask(storage, &mask), "posix_spawnattr_setsigmask"),
    ] where result != 0 {
      throw SpawnError(errorNumber: result, step: step)
    }
  }

  func withPointer<Result>(_ body: (UnsafePointer<AttributesStorage>) -> Result) -> Result { body(storage) }
}

/// C library functions Swift's Glibc module does not expose (they are behind `_GNU_SOURCE`),
/// looked up once at run time.
private enum LibC {
  #if canImport(Darwin)
    static func pipeCloseOnExec(_ fds: UnsafeMutablePointer<Int32>) -> Int32 {
      pipeLock.withLock {
        guard pipe(fds) == 0 else { return -1 }
        _ = fcntl(fds[0], F_SETFD, FD_CLOEXEC)
        _ = fcntl(fds[1], F_SETFD, FD_CLOEXEC)
        return 0
      }
    }

    static func addChangeDirectory(_ actions: UnsafeMutablePointer<FileActionsStorage>, _ path: String) -> Int32 {
      posix_spawn_file_actions_addchdir_np(actions, path)
    }

    static func addCloseFrom(_ actions: UnsafeMutablePointer<FileActionsStorage>, _ lowest: Int32) -> Int32 {
      0  // POSIX_SPAWN_CLOEXEC_DEFAULT does this on Darwin.
    }
  #else
    private typealias Pipe2 = @convention(c) (UnsafeMutablePointer<Int32>, Int32) -> Int32
    private typealias AddChdir = @convention(c) (UnsafeMutablePointer<FileActionsStorage>, UnsafePointer<CChar>) -> Int32
    private typealias AddCloseFrom = @convention(c) (UnsafeMutablePointer<FileActionsStorage>, Int32) -> Int32

    private static func symbol<Function>(_ name: String, as type: Function.Type) -> Function? {
      guard let handle = dlopen(nil, RTLD_NOW), let address = dlsym(handle, name) else { return nil }
      return unsafeBitCast(address, to: type)
    }

    private static let pipe2: Pipe2? = symbol("pipe2", as: Pipe2.self)
    private static let addchdir: AddChdir? = symbol("posix_spawn_file_actions_addchdir_np", as: AddChdir.self)
    private static let addclosefrom: AddCloseFrom? = symbol(
      "posix_spawn_file_actions_addclosefrom_np", as: AddCloseFrom.self)

    static func pipeCloseOnExec(_ fds: UnsafeMutablePointer<Int32>) -> Int32 {
      if let pipe2 { return pipe2(fds, Int32(O_CLOEXEC)) }
      return pipeLock.withLock {
        guard pipe(fds) == 0 else { return -1 }
        _ = fcntl(fds[0], F_SETFD, FD_CLOEXEC)
        _ = fcntl(fds[1], F_SETFD, FD_CLOEXEC)
        return 0
      }
    }

    static func addChangeDirectory(_ actions: UnsafeMutablePointer<FileActionsStorage>, _ path: String) -> Int32 {
      guard let addchdir else { return ENOSYS }
      return path.withCString { addchdir(actions, $0) }
    }

    static func addCloseFrom(_ actions: UnsafeMutablePointer<FileActionsStorage>, _ lowest: Int32) -> Int32 {
      guard let addclosefrom else { return ENOSYS }
      return addclosefrom(actions, lowest)
    }
  #endif

  private static let pipeLock = NSLock()
}
