import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// The built `assess` running with its standard input and output in the test's hands: lines
/// are sent one at a time, and the test waits for a marker on standard output before going on,
/// so a kill happens at a known point of the conversation without any sleeping.
final class InteractiveProcess {
  let process = Process()
  private let input = Pipe()
  private let output = Pipe()
  private let errors = Pipe()
  private(set) var transcript = ""

  init(_ arguments: [String], in directory: URL, environment overrides: [String: String?] = [:]) throws {
    process.executableURL = try AssessCLI.executable()
    process.arguments = arguments
    process.currentDirectoryURL = directory
    process.environment = AssessCLI.environment(overrides)
    process.standardInput = input
    process.standardOutput = output
    process.standardError = errors
    // A child that exits early must fail the test, not kill the test runner with SIGPIPE.
    signal(SIGPIPE, SIG_IGN)
    try process.run()
  }

  /// Writes a line; a process that has already exited makes this a no-op (an error, not SIGPIPE).
  func send(_ line: String) {
    try? input.fileHandleForWriting.write(contentsOf: Data((line + "\n").utf8))
  }

  /// Reads standard output until `marker` has appeared after what was read before; false when
  /// the output ended first.
  @discardableResult
  func wait(for marker: String) -> Bool {
    let start = transcript.endIndex
    while true {
      if transcript[start...].contains(marker) { return true }
      let data = output.fileHandleForReading.availableData
      if data.isEmpty { return false }
      transcript += String(decoding: data, as: UTF8.self)
    }
  }

  /// SIGKILL: no handler runs, nothing is flushed, as when the machine loses power.
  func kill() {
    _ = sendSignal(process.processIdentifier, SIGKILL)
    process.waitUntilExit()
  }

  /// Closes standard input (end of file) and waits for the exit; returns the rest of the output.
  func finish() -> (status: Int32, stdout: String, stderr: String) {
    try? input.fileHandleForWriting.close()
    let rest = output.fileHandleForReading.readDataToEndOfFile()
    transcript += String(decoding: rest, as: UTF8.self)
    let stderr = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    return (process.terminationStatus, transcript, stderr)
  }

  /// Runs `assess` with `lines` as its whole standard input.
  static func run(_ arguments: [String], input lines: [String], in directory: URL) throws -> (status: Int32, stdout: String, stderr: String) {
    let session = try InteractiveProcess(arguments, in: directory)
    for line in lines { session.send(line) }
    return session.finish()
  }
}

private func sendSignal(_ pid: Int32, _ signal: Int32) -> Int32 {
  #if canImport(Darwin)
    return Darwin.kill(pid, signal)
  #elseif canImport(Musl)
    return Musl.kill(pid, signal)
  #else
    return Glibc.kill(pid, signal)
  #endif
}
