import Foundation
import Testing

@Suite("assess list")
struct ListCommandTests {
  static let partnerModules = AssessCLI.fixture("partner-modules")
  static let partnerIDs = ["org.example.partner-ranker", "org.example.partner-rules"]

  static func partnerFile(_ id: String, under folder: String = partnerModules) -> String {
    "\(folder)/\(id)/evaluator.yaml"
  }

  @Test("the toolkit questionnaire is listed with origin toolkit")
  func toolkitQuestionnaire() throws {
    let result = try AssessCLI.run(["list"])
    #expect(result.status == 0, "\(result)")
    #expect(result.stderr.isEmpty, "\(result)")
    let rows = ListingRow.rows(in: result.stdout)
    let row = try #require(rows.first { $0.id == "border-management" }, "\(result)")
    #expect(row.kind == "questionnaire")
    #expect(row.origin == "toolkit")
    #expect(row.version == "0.1.0")
    #expect(row.file == "Questionnaires/border-management.yaml", "paths print relative to the current folder")
    #expect(row.title.hasPrefix("Border management"))
    let toolkitModules = rows.filter { $0.file.hasPrefix("Plugins/") }
    #expect(toolkitModules.allSatisfy { $0.origin == "toolkit" && $0.kind != "questionnaire" }, "\(result)")
    #expect(result.stdoutLines.first == "Questionnaires")
    #expect(result.stdoutLines.contains("Evaluator modules"))
    #expect(result.stdoutLines.last?.hasPrefix("Searched: ") == true)
  }

  @Test("--plugins adds the partner modules with origin --plugins")
  func pluginsOption() throws {
    let result = try AssessCLI.run(["list", "--plugins", Self.partnerModules])
    #expect(result.status == 0, "\(result)")
    #expect(result.stderr.isEmpty, "\(result)")
    let modules = ListingRow.rows(in: result.stdout).filter { $0.kind != "questionnaire" && $0.origin != "toolkit" }
    #expect(modules.map(\.id) == Self.partnerIDs, "\(result)")
    #expect(modules.map(\.origin) == ["--plugins", "--plugins"])
    #expect(modules.map(\.kind) == ["executable", "rules"])
    #expect(modules.map(\.version) == ["0.2.0", "1.0.0"])
    #expect(modules.map(\.file) == Self.partnerIDs.map { Self.partnerFile($0) })
    #expect(result.stdoutLines.last?.hasSuffix(", " + Self.partnerModules) == true, "\(result)")
  }

  @Test("a single module folder can be given to --plugins")
  func pluginsOptionWithOneModule() throws {
    let folder = Self.partnerModules + "/org.example.partner-rules"
    let result = try AssessCLI.run(["list", "--format", "json", "--plugins", folder])
    #expect(result.status == 0, "\(result)")
    let listing = try JSONDecoder().decode(ListingJSON.self, from: Data(result.stdout.utf8))
    let added = listing.modules.filter { $0.origin != "toolkit" }
    #expect(added.map(\.id) == ["org.example.partner-rules"])
    #expect(added.map(\.origin) == ["--plugins"])
  }

  @Test("ASSESS_PLUGIN_PATH adds the partner modules with origin ASSESS_PLUGIN_PATH")
  func pluginPathVariable() throws {
    let absolute = AssessCLI.fixtures.appendingPathComponent("partner-modules").path
    let missing = "/nonexistent/assess-modules-\(UUID().uuidString)"
    let result = try AssessCLI.run(["list"], environment: ["ASSESS_PLUGIN_PATH": "\(missing):\(absolute)"])
    #expect(result.status == 0, "\(result)")
    #expect(result.stderr.isEmpty, "\(result)")
    let modules = ListingRow.rows(in: result.stdout).filter { $0.kind != "questionnaire" && $0.origin != "toolkit" }
    #expect(modules.map(\.id) == Self.partnerIDs, "\(result)")
    #expect(modules.map(\.origin) == ["ASSESS_PLUGIN_PATH", "ASSESS_PLUGIN_PATH"])
    // The absolute folder lies under the current folder, so it prints relative.
    #expect(modules.map(\.file) == Self.partnerIDs.map { Self.partnerFile($0) })
  }

  @Test("--plugins folders come before ASSESS_PLUGIN_PATH folders")
  func searchOrder() throws {
    let absolute = AssessCLI.fixtures.appendingPathComponent("partner-modules/org.example.partner-rules").path
    let result = try AssessCLI.run(
      ["list", "--format", "json", "--plugins", Self.partnerModules + "/org.example.partner-ranker"],
      environment: ["ASSESS_PLUGIN_PATH": absolute])
    #expect(result.status == 0, "\(result)")
    let listing = try JSONDecoder().decode(ListingJSON.self, from: Data(result.stdout.utf8))
    let added = listing.modules.filter { $0.origin != "toolkit" }
    #expect(added.map(\.id) == Self.partnerIDs)
    #expect(added.map(\.origin) == ["--plugins", "ASSESS_PLUGIN_PATH"])
    #expect(listing.modules.prefix(while: { $0.origin == "toolkit" }).count == listing.modules.count - 2, "toolkit modules come first")
    #expect(listing.searched == ["Questionnaires", "Plugins", Self.partnerModules + "/org.example.partner-ranker", Self.partnerModules + "/org.example.partner-rules"])
  }

  @Test("--format json parses and matches the table")
  func json() throws {
    let text = try AssessCLI.run(["list", "--plugins", Self.partnerModules])
    let result = try AssessCLI.run(["list", "--format", "json", "--plugins", Self.partnerModules])
    #expect(result.status == 0, "\(result)")
    #expect(result.stderr.isEmpty, "\(result)")
    let listing = try JSONDecoder().decode(ListingJSON.self, from: Data(result.stdout.utf8))
    #expect(listing.questionnaires.map(\.id) == AssessCLI.shippedQuestionnaireIDs)
    #expect(listing.questionnaires.allSatisfy { $0.origin == "toolkit" })
    #expect(listing.modules.filter { $0.origin == "--plugins" }.map(\.id) == Self.partnerIDs)
    #expect(listing.modules.allSatisfy { $0.origin == "--plugins" || ($0.origin == "toolkit" && $0.path.hasPrefix("Plugins/")) })
    #expect(listing.searched == ["Questionnaires", "Plugins", Self.partnerModules])
    let rows = (listing.questionnaires + listing.modules).map {
      ListingRow(id: $0.id, version: $0.version, kind: $0.kind, origin: $0.origin, file: $0.path, title: $0.title)
    }
    #expect(rows == ListingRow.rows(in: text.stdout), "\(text)")
  }

  @Test("--plugins naming a missing folder is a usage error")
  func missingPluginsFolder() throws {
    let result = try AssessCLI.run(["list", "--plugins", "no/such/modules"])
    #expect(result.status == 64, "\(result)")
    #expect(result.stdout.isEmpty, "\(result)")
    #expect(result.stderr.contains("no/such/modules"), "\(result)")
  }

  @Test("--plugins naming a file is a usage error")
  func pluginsNamingAFile() throws {
    let result = try AssessCLI.run(["list", "--plugins", "Questionnaires/border-management.yaml"])
    #expect(result.status == 64, "\(result)")
    #expect(result.stderr.contains("Questionnaires/border-management.yaml"), "\(result)")
  }

  @Test("without ASSESS_HOME the toolkit is found by walking up from the executable", .enabled(if: AssessCLI.executableIsInsidePackage))
  func homeFromExecutable() throws {
    for value: String? in [nil, ""] {
      let result = try AssessCLI.run(["list", "--format", "json"], environment: ["ASSESS_HOME": value])
      #expect(result.status == 0, "\(result)")
      let listing = try JSONDecoder().decode(ListingJSON.self, from: Data(result.stdout.utf8))
      #expect(listing.questionnaires.map(\.id) == AssessCLI.shippedQuestionnaireIDs, "\(result)")
      #expect(listing.questionnaires.map(\.path) == AssessCLI.shippedFiles(in: ["Questionnaires"]), "\(result)")
      #expect(listing.searched == ["Questionnaires", "Plugins"], "\(result)")
    }
  }

  @Test("ASSESS_HOME names the toolkit folder; run from elsewhere, paths print in full")
  func homeFromVariable() throws {
    let elsewhere = try TemporaryFolder()
    let result = try AssessCLI.run(["list", "--format", "json"], in: elsewhere.url)
    #expect(result.status == 0, "\(result)")
    let listing = try JSONDecoder().decode(ListingJSON.self, from: Data(result.stdout.utf8))
    let root = AssessCLI.packageRoot.path
    #expect(listing.questionnaires.map(\.path) == AssessCLI.shippedFiles(in: ["Questionnaires"]).map { root + "/" + $0 })
    #expect(listing.searched == [root + "/Questionnaires", root + "/Plugins"])

    // A toolkit folder with nothing in it: nothing listed, and the table says so.
    let empty = try TemporaryFolder()
    let bare = try AssessCLI.run(["list"], environment: ["ASSESS_HOME": empty.url.path])
    #expect(bare.status == 0, "\(bare)")
    #expect(ListingRow.rows(in: bare.stdout).isEmpty, "\(bare)")
    #expect(bare.stdoutLines.filter { $0 == "  (none found)" }.count == 2, "\(bare)")
  }

  @Test("a module that cannot be loaded fails the listing with a located diagnostic")
  func brokenModule() throws {
    let folder = try TemporaryFolder()
    try folder.write("modules/org.example.broken/evaluator.yaml", "schema: assess/evaluator@1\nid: org.example.broken\n")
    let rules = try String(
      contentsOf: AssessCLI.fixtures.appendingPathComponent("partner-modules/org.example.partner-rules/evaluator.yaml"), encoding: .utf8)
    try folder.write("modules/org.example.partner-rules/evaluator.yaml", rules)
    let result = try AssessCLI.run(["list", "--plugins", "modules"], in: folder.url)
    #expect(result.status == 1, "\(result)")
    #expect(ListingRow.rows(in: result.stdout).map(\.id).contains("org.example.partner-rules"), "the good module is still listed\n\(result)")
    let lines = result.stderrLines
    let diagnostics = lines.compactMap(DiagnosticLine.init)
    #expect(!diagnostics.isEmpty, "\(result)")
    #expect(diagnostics.allSatisfy { $0.file == "modules/org.example.broken/evaluator.yaml" }, "\(result)")
    #expect(diagnostics.map(\.code).contains("schema.missing-key"), "\(result)")
    #expect(lines.count == diagnostics.count + 1, "diagnostics then one closing line\n\(result)")
    #expect(lines.last?.contains("assess validate") == true, "\(result)")
    #expect(leaks(in: result.stderr).isEmpty, "\(result)")
  }

  @Test("a plugin folder named twice lists each module once")
  func pluginFolderNamedTwice() throws {
    let absolute = AssessCLI.fixtures.appendingPathComponent("partner-modules").path
    let result = try AssessCLI.run(
      ["list", "--format", "json", "--plugins", Self.partnerModules], environment: ["ASSESS_PLUGIN_PATH": absolute])
    #expect(result.status == 0, "\(result)")
    let listing = try JSONDecoder().decode(ListingJSON.self, from: Data(result.stdout.utf8))
    let added = listing.modules.filter { $0.origin != "toolkit" }
    #expect(added.map(\.id) == Self.partnerIDs, "\(result)")
    #expect(added.map(\.origin) == ["--plugins", "--plugins"], "the first search-path entry wins\n\(result)")
    #expect(listing.searched == ["Questionnaires", "Plugins", Self.partnerModules], "each folder searched, and named, once")
  }
}

extension AssessCLI {
  /// Whether the built executable lies inside the package, so walking up from it finds the toolkit.
  static var executableIsInsidePackage: Bool {
    guard let executable = try? executable() else { return false }
    return executable.resolvingSymlinksInPath().path.hasPrefix(packageRoot.resolvingSymlinksInPath().path + "/")
  }
}
