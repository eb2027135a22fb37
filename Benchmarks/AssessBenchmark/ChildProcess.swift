import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// Runs a program to its end and reports its own peak memory: `wait4` returns the resource use
/// of that one child, so each workload's peak is its own and not the largest of all before it.
enum ChildProcess {
  struct Outcome {
    var status: Int32
    /// The child's peak resident set size, in bytes.
    var peakMemory: Int
  }

  /// - Parameter quiet: send the child's standard output to /dev/null.
  static func run(_ executable: String, _ arguments: [String], quiet: Bool = false) throws -> Outcome {
    let argv = ([executable] + arguments).map { strdup($0) } + [nil]
    defer { for pointer in argv { free(pointer) } }
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    if quiet { posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0) }
    var pid = pid_t()
    let spawned = posix_spawn(&pid, executable, &actions, nil, argv, environ)
    guard spawned == 0 else { throw BenchmarkError("cannot start \(executable): \(String(cString: strerror(spawned)))") }
    var status: Int32 = 0
    var usage = rusage()
    while wait4(pid, &status, 0, &usage) < 0 {
      guard errno == EINTR else { throw BenchmarkError("waiting for the worker failed: \(String(cString: strerror(errno)))") }
    }
    // Linux reports kilobytes, macOS bytes.
    #if os(Linux)
      let peak = Int(usage.ru_maxrss) * 1024
    #else
      let peak = Int(usage.ru_maxrss)
    #endif
    let exited = status & 0x7F == 0
    return Outcome(status: exited ? (status >> 8) & 0xFF : 128 + (status & 0x7F), peakMemory: peak)
  }

  /// The wall time of one run, in seconds, failing unless it exits 0.
  static func timed(_ executable: String, _ arguments: [String]) throws -> (seconds: Double, outcome: Outcome) {
    let start = DispatchTime.now().uptimeNanoseconds
    let outcome = try run(executable, arguments, quiet: true)
    let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    guard outcome.status == 0 else {
      throw BenchmarkError("\(executable) \(arguments.joined(separator: " ")) exited with status \(outcome.status)")
    }
    return (seconds, outcome)
  }

  /// CPU seconds (user and system) this process has used so far.
  static func cpuSeconds() -> Double {
    var usage = rusage()
    #if os(Linux)
      getrusage(RUSAGE_SELF.rawValue, &usage)
    #else
      getrusage(RUSAGE_SELF, &usage)
    #endif
    func seconds(_ time: timeval) -> Double { Double(time.tv_sec) + Double(time.tv_usec) / 1_000_000 }
    return seconds(usage.ru_utime) + seconds(usage.ru_stime)
  }
}
