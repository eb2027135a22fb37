import AssessmentKit
import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// The few facts about the terminal the CLI needs, and the two streams it writes to.
enum Terminal {
  /// Colour only when standard error is a terminal, `NO_COLOR` is unset or empty, and the
  /// terminal is not `dumb` (https://no-color.org).
  static var useColour: Bool {
    let environment = ProcessInfo.processInfo.environment
    if let noColour = environment["NO_COLOR"], !noColour.isEmpty { return false }
    if environment["TERM"] == "dumb" { return false }
    return isatty(STDERR_FILENO) == 1
  }

  /// The same rule for standard output, where summaries for people go.
  static var useColourOnStandardOutput: Bool {
    let environment = ProcessInfo.processInfo.environment
    if let noColour = environment["NO_COLOR"], !noColour.isEmpty { return false }
    if environment["TERM"] == "dumb" { return false }
    return isatty(STDOUT_FILENO) == 1
  }

  /// Whether progress lines can be drawn: standard error is a terminal.
  static var showsProgress: Bool { isatty(STDERR_FILENO) == 1 }

  /// The width of the terminal standard output goes to; nil when it is not a terminal.
  static var outputWidth: Int? {
    guard isatty(STDOUT_FILENO) == 1 else { return nil }
    var size = winsize()
    #if canImport(Darwin)
      let request = UInt(TIOCGWINSZ)
    #else
      let request = UInt(0x5413)  // TIOCGWINSZ
    #endif
    guard ioctl(STDOUT_FILENO, request, &size) == 0, size.ws_col > 0 else { return 80 }
    return Int(size.ws_col)
  }

  static func writeOut(_ text: String) {
    FileHandle.standardOutput.write(Data(text.utf8))
  }

  static func writeError(_ text: String) {
    FileHandle.standardError.write(Data(text.utf8))
  }

  /// The running executable, symlinks resolved, to find the toolkit's own folders.
  static var executablePath: String? {
    if let path = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") { return path }
    return Bundle.main.executablePath ?? CommandLine.arguments.first
  }

  /// The toolkit's own folders (ASSESS_HOME, or found from the executable) and plugin folders.
  static func searchPaths(pluginDirectories: [String] = []) -> SearchPaths {
    SearchPaths.fromEnvironment(
      ProcessInfo.processInfo.environment, executablePath: executablePath, pluginDirectories: pluginDirectories)
  }

  /// A path as short as it can be written from the current folder.
  static func display(_ path: String) -> String {
    let current = FileManager.default.currentDirectoryPath
    let prefix = current.hasSuffix("/") ? current : current + "/"
    return path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : path
  }
}
