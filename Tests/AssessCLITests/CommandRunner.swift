import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// What one run of the `assess` executable did.
struct CommandResult: Sendable, CustomStringConvertible {
  var arguments: [String]
  /// The exit status, or the signal number when `uncaughtSignal` is true.
  var status: Int32
  var uncaughtSignal: Bool
  var stdout: String
  var stderr: String

  var stdoutLines: [String] { Self.lines(stdout) }
  var stderrLines: [String] { Self.lines(stderr) }

  /// Lines without their newline; a trailing newline does not make an extra empty line.
  static func lines(_ text: String) -> [String] {
    var lines = text.components(separatedBy: "\n")
    if lines.last == "" { lines.removeLast() }
    return lines.map { $0.hasSuffix("\r") ? String($0.dropLast()) : $0 }
  }

  var description: String {
    """
    assess \(arguments.joined(separator: " "))
    exit: \(uncaughtSignal ? "signal \(status)" : String(status))
    --- stdout ---
    \(stdout)--- stderr ---
    \(stderr)--------------
    """
  }
}

/// Where things are, and how to run the built `assess` executable in a controlled way.
enum AssessCLI {
  /// The package root, found from this source file: `<root>/Tests/AssessCLITests/CommandRunner.swift`.
  static let packageRoot: URL = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent()  // AssessCLITests
    .deletingLastPathComponent()  // Tests
    .deletingLastPathComponent()  // <root>
    .standardizedFileURL

  /// This target's own folder in the source tree.
  static let testsFolder = packageRoot.appendingPathComponent("Tests/AssessCLITests")

  /// CLI fixtures (not a declared resource, so reached through the source tree).
  static let fixtures = testsFolder.appendingPathComponent("Fixtures")

  /// A path relative to the package root, for arguments when running with the root as current folder.
  static func relative(_ url: URL) -> String {
    let root = packageRoot.path.hasSuffix("/") ? packageRoot.path : packageRoot.path + "/"
    return url.path.hasPrefix(root) ? String(url.path.dropFirst(root.count)) : url.path
  }

  /// `Tests/AssessCLITests/Fixtures/<name>`, as an argument relative to the package root.
  static func fixture(_ name: String) -> String {
    relative(fixtures.appendingPathComponent(name))
  }

  /// The `assess` executable the build put next to this test bundle.
  static func executable() throws -> URL {
    let candidates = executableCandidates()
    for candidate in candidates where FileManager.default.isExecutableFile(atPath: candidate.path) {
      return candidate
    }
    throw RunnerError.executableNotFound(searched: candidates.map(\.path))
  }

  /// The folders the build products may sit in, most specific first: the folder holding this
  /// target's resource bundle, the test runner's folder (Linux: `<scratch>/debug/<Package>PackageTests.xctest`
  /// is itself the executable), and the folder around an `.xctest` bundle (macOS).
  private static func executableCandidates() -> [URL] {
    var folders: [URL] = []
    folders.append(Bundle.module.bundleURL.deletingLastPathComponent())
    if let executable = Bundle.main.executableURL {
      folders.append(executable.resolvingSymlinksInPath().deletingLastPathComponent())
    }
    if let first = CommandLine.arguments.first, !first.isEmpty {
      let url = URL(fileURLWithPath: first, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
      folders.append(url.resolvingSymlinksInPath().deletingLastPathComponent())
    }
    for bundle in [Bundle.main.bundleURL] + Bundle.allBundles.map(\.bundleURL) {
      if bundle.pathExtension == "xctest" {
        folders.append(bundle.deletingLastPathComponent())
      }
      folders.append(bundle)
    }
    var seen = Set<String>()
    return folders.map { $0.appendingPathComponent("assess").standardizedFileURL }.filter { seen.insert($0.path).inserted }
  }

  enum RunnerError: Error, CustomStringConvertible {
    case executableNotFound(searched: [String])
    case pseudoTerminalUnavailable(String)

    var description: String {
      switch self {
      case .executableNotFound(let searched):
        return "the `assess` executable was not found next to the test bundle; build it first "
          + "(`swift build --product assess` with the same --scratch-path). Looked at:\n  "
          + searched.joined(separator: "\n  ")
      case .pseudoTerminalUnavailable(let why):
        return "cannot open a pseudo-terminal: \(why)"
      }
    }
  }

  /// Environment variables `run` sets unless told otherwise: no colour, the package root as the
  /// toolkit, no extra plugin folders, an 80-column help layout.
  static var defaultEnvironment: [String: String] {
    [
      "NO_COLOR": "1",
      "ASSESS_HOME": packageRoot.path,
      "ASSESS_PLUGIN_PATH": "",
      "COLUMNS": "80",
    ]
  }

  /// The whole environment of a run: only `PATH` and `HOME` inherited, then the defaults, then
  /// `overrides` (a nil value removes the variable).
  static func environment(_ overrides: [String: String?]) -> [String: String] {
    let inherited = ProcessInfo.processInfo.environment
    var environment: [String: String] = [:]
    environment["PATH"] = inherited["PATH"] ?? "/usr/bin:/bin"
    if let home = inherited["HOME"] { environment["HOME"] = home }
    environment["LANG"] = "C.UTF-8"
    for (key, value) in defaultEnvironment { environment[key] = value }
    for (key, value) in overrides { environment[key] = value }
    return environment
  }

  /// Runs `assess` with `arguments` in `directory` (default: the package root), stdin empty,
  /// stdout and stderr captured in full through pipes.
  static func run(
    _ arguments: [String], in directory: URL = packageRoot, environment overrides: [String: String?] = [:]
  ) throws -> CommandResult {
    let process = Process()
    process.executableURL = try executable()
    process.arguments = arguments
    process.currentDirectoryURL = directory
    process.environment = environment(overrides)
    let stdoutPipe = Pipe()
    let stderrPipe = Pipe()
    process.standardInput = FileHandle.nullDevice
    process.standardOutput = stdoutPipe
    process.standardError = stderrPipe
    try process.run()
    // Read both pipes to the end at the same time, so a child filling one pipe never blocks
    // while we wait on the other.
    let stderrReader = BackgroundRead(stderrPipe.fileHandleForReading)
    let stdoutData = stdoutPipe.fileHandleForReading.readDataToEndOfFile()
    let stderrData = stderrReader.wait()
    process.waitUntilExit()
    return CommandResult(
      arguments: arguments, status: process.terminationStatus,
      uncaughtSignal: process.terminationReason == .uncaughtSignal,
      stdout: String(decoding: stdoutData, as: UTF8.self), stderr: String(decoding: stderrData, as: UTF8.self))
  }

  /// Runs `assess` with standard error connected to a pseudo-terminal (so `isatty(2)` is true)
  /// and stdout to a pipe; returns what was written to each.
  static func runWithTerminalStderr(
    _ arguments: [String], in directory: URL = packageRoot, environment overrides: [String: String?] = [:]
  ) throws -> CommandResult {
    let (master, slavePath) = try openPseudoTerminal()
    let slave = open(slavePath, O_RDWR | O_NOCTTY)
    guard slave >= 0 else {
      close(master)
      throw RunnerError.pseudoTerminalUnavailable(String(cString: strerror(errno)))
    }
    let masterHandle = FileHandle(fileDescriptor: master, closeOnDealloc: true)
    let slaveHandle = FileHandle(fileDescriptor: slave, closeOnDealloc: false)

    let process = Process()
    process.executableURL = try executable()
    process.arguments = arguments
    process.currentDirectoryURL = directory
    process.environment = environment(overrides)
    let stdoutPipe = Pipe()
    process.standardInput = FileHandle.nullDevice
    process.standardOutput = stdoutPipe
    process.standardError = slaveHandle
    do {
      try process.run()
    } catch {
      close(slave)
      throw error
    }
    // Only the child keeps the terminal open now, so reading the master ends when it exits.
    close(slave)
    let terminalReader = BackgroundRead(masterHandle, untilHangUp: true)
    let stdoutData = stdoutPipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    let terminalData = terminalReader.wait()
    return CommandResult(
      arguments: arguments, status: process.terminationStatus,
      uncaughtSignal: process.terminationReason == .uncaughtSignal,
      stdout: String(decoding: stdoutData, as: UTF8.self), stderr: String(decoding: terminalData, as: UTF8.self))
  }
}

/// Opens a pseudo-terminal's master side; returns it and the path of the terminal side.
private func openPseudoTerminal() throws -> (master: Int32, slavePath: String) {
  func failure(_ what: String) -> AssessCLI.RunnerError {
    .pseudoTerminalUnavailable("\(what): \(String(cString: strerror(errno)))")
  }
  #if os(Linux)
    // posix_openpt and friends are not visible through Glibc; use the Linux ioctls directly.
    let master = open("/dev/ptmx", O_RDWR | O_NOCTTY)
    guard master >= 0 else { throw failure("open /dev/ptmx") }
    let TIOCGPTN: UInt = 0x8004_5430  // _IOR('T', 0x30, unsigned int)
    let TIOCSPTLCK: UInt = 0x4004_5431  // _IOW('T', 0x31, int)
    var unlock: Int32 = 0
    var number: UInt32 = 0
    guard ioctl(master, TIOCSPTLCK, &unlock) == 0, ioctl(master, TIOCGPTN, &number) == 0 else {
      close(master)
      throw failure("unlock the pseudo-terminal")
    }
    return (master, "/dev/pts/\(number)")
  #else
    let master = posix_openpt(O_RDWR | O_NOCTTY)
    guard master >= 0 else { throw failure("posix_openpt") }
    guard grantpt(master) == 0, unlockpt(master) == 0, let name = ptsname(master) else {
      close(master)
      throw failure("grantpt/unlockpt")
    }
    return (master, String(cString: name))
  #endif
}

/// Reads a file handle to its end on a thread of its own.
private final class BackgroundRead: @unchecked Sendable {
  private let done = DispatchSemaphore(value: 0)
  private var data = Data()

  /// - Parameter untilHangUp: read with `read(2)` until it returns 0 or fails (a pseudo-terminal's
  ///   master reports EIO, not end of file, once the other side is closed).
  init(_ handle: FileHandle, untilHangUp: Bool = false) {
    let descriptor = handle.fileDescriptor
    Thread.detachNewThread { [self] in
      if untilHangUp {
        var buffer = [UInt8](repeating: 0, count: 4096)
        var collected = Data()
        while true {
          let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
          if count > 0 {
            collected.append(contentsOf: buffer[0..<count])
          } else if count < 0 && errno == EINTR {
            continue
          } else {
            break
          }
        }
        data = collected
      } else {
        data = handle.readDataToEndOfFile()
      }
      done.signal()
    }
  }

  func wait() -> Data {
    done.wait()
    return data
  }
}
