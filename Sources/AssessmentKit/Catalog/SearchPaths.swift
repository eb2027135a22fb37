import Foundation

/// Where questionnaires and evaluator modules are looked for, in order: the toolkit's own
/// folders, then `--plugins` folders, then the `ASSESS_PLUGIN_PATH` list.
public struct SearchPaths: Hashable, Sendable {
  /// The toolkit's own folder, holding `Questionnaires/` and `Plugins/`; nil when not found.
  public var toolkitHome: String?
  public var pluginDirectories: [String]
  public var environmentPluginDirectories: [String]

  public init(toolkitHome: String?, pluginDirectories: [String] = [], environmentPluginDirectories: [String] = []) {
    self.toolkitHome = toolkitHome
    self.pluginDirectories = pluginDirectories
    self.environmentPluginDirectories = environmentPluginDirectories
  }

  /// Search paths from the process environment: `ASSESS_HOME` names the toolkit folder (else
  /// it is found by walking up from the executable); `ASSESS_PLUGIN_PATH` is a `:`-separated list.
  public static func fromEnvironment(
    _ environment: [String: String], executablePath: String?, pluginDirectories: [String]
  ) -> SearchPaths {
    let home = environment["ASSESS_HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? executablePath.flatMap(locateHome)
    let fromEnvironment = (environment["ASSESS_PLUGIN_PATH"] ?? "").split(separator: ":").map(String.init)
    return SearchPaths(toolkitHome: home, pluginDirectories: pluginDirectories, environmentPluginDirectories: fromEnvironment)
  }

  /// The nearest folder above the executable that holds both `Questionnaires` and `Plugins`
  /// (a source checkout running `.build/debug/assess`), or `share/assess` beside an installed `bin/`.
  static func locateHome(executablePath: String) -> String? {
    var folder = URL(fileURLWithPath: executablePath).resolvingSymlinksInPath().deletingLastPathComponent()
    for _ in 0..<8 {
      for candidate in [folder, folder.appendingPathComponent("share/assess")] where isHome(candidate.path) {
        return candidate.path
      }
      let parent = folder.deletingLastPathComponent()
      if parent.path == folder.path { break }
      folder = parent
    }
    return nil
  }

  private static func isHome(_ path: String) -> Bool {
    var isDirectory: ObjCBool = false
    let manager = FileManager.default
    return manager.fileExists(atPath: path + "/Questionnaires", isDirectory: &isDirectory) && isDirectory.boolValue
      && manager.fileExists(atPath: path + "/Plugins", isDirectory: &isDirectory) && isDirectory.boolValue
  }
}

/// Where a questionnaire or module was found, as `assess list` shows it.
public enum Origin: String, Hashable, Sendable, Codable {
  /// The toolkit's own `Questionnaires/` or `Plugins/`.
  case toolkit
  /// A folder given with `--plugins`.
  case option = "--plugins"
  /// A folder listed in `ASSESS_PLUGIN_PATH`.
  case environment = "ASSESS_PLUGIN_PATH"
  /// A path given on the command line.
  case argument
}
