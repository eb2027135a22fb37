import AssessmentKit
import Foundation

/// What `assess list` shows: each questionnaire and module with id, version, title, origin
/// and file, as a table for people or JSON for scripts.
public struct CatalogListing: Sendable {
  public struct Row: Encodable, Hashable, Sendable {
    public var id: String
    public var version: String
    public var title: String
    public var kind: String
    public var origin: String
    public var path: String
  }

  public var questionnaires: [Row]
  public var modules: [Row]
  public var searched: [String]

  public init(catalog: Catalog, paths: SearchPaths, displayPath: (String) -> String) {
    questionnaires = catalog.questionnaires.map { entry in
      let model = entry.document.model
      return Row(
        id: model.id.value, version: model.version.value,
        title: model.title.resolved(in: model.defaultLanguage.value, defaultLanguage: model.defaultLanguage.value),
        kind: "questionnaire", origin: entry.origin.rawValue, path: displayPath(entry.document.path))
    }
    modules = catalog.modules.map { entry in
      let model = entry.document.model
      return Row(
        id: model.id.value, version: model.version.value,
        title: model.title.resolved(in: model.defaultLanguage.value, defaultLanguage: model.defaultLanguage.value),
        kind: model.kind.rawValue, origin: entry.origin.rawValue, path: displayPath(entry.document.path))
    }
    let folders =
      (paths.toolkitHome.map { [$0 + "/Questionnaires", $0 + "/Plugins"] } ?? [])
      + paths.pluginDirectories + paths.environmentPluginDirectories
    var seen = Set<String>()
    searched = folders.filter { seen.insert(FileDiscovery.canonical($0)).inserted }.map(displayPath)
  }

  public func text() -> String {
    var out = "Questionnaires\n"
    out += table(questionnaires, empty: "none found")
    out += "\nEvaluator modules\n"
    out += table(modules, empty: "none found")
    out += "\nSearched: " + (searched.isEmpty ? "nothing (toolkit folder not found; set ASSESS_HOME)" : searched.joined(separator: ", ")) + "\n"
    return out
  }

  private func table(_ rows: [Row], empty: String) -> String {
    guard !rows.isEmpty else { return "  (\(empty))\n" }
    let header = ["ID", "VERSION", "KIND", "FROM", "FILE", "TITLE"]
    let cells = rows.map { [$0.id, $0.version, $0.kind, $0.origin, $0.path, $0.title] }
    let widths = (0..<header.count - 1).map { column in
      ([header] + cells).map { $0[column].count }.max() ?? 0
    }
    func render(_ row: [String]) -> String {
      "  " + row.enumerated().map { index, cell in
        index < widths.count ? cell.padding(toLength: widths[index], withPad: " ", startingAt: 0) : cell
      }.joined(separator: "  ") + "\n"
    }
    return render(header) + cells.map(render).joined()
  }

  public func json() throws -> String {
    struct Payload: Encodable {
      var questionnaires: [Row]
      var modules: [Row]
      var searched: [String]
    }
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    let data = try encoder.encode(Payload(questionnaires: questionnaires, modules: modules, searched: searched))
    return String(decoding: data, as: UTF8.self) + "\n"
  }
}
