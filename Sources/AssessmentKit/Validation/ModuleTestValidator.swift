import Foundation

/// Checks a module's content test: the answers file it names exists, and, for a rules module,
/// every finding it expects is a rule of the module.
public enum ModuleTestValidator {
  public static func validate(_ document: Document<ModuleTest>) -> [Diagnostic] {
    var diagnostics: [Diagnostic] = []
    let test = document.model
    let answers = resolvedAnswersPath(document)
    if !FileManager.default.fileExists(atPath: answers) {
      diagnostics.append(
        .error(
          .fileUnreadable, "no answers file at `\(test.answers.value)`",
          hint: "give the path relative to this test file", at: test.answers.location))
    }
    if let manifest = moduleManifest(for: document), manifest.kind == .rules {
      let rules = manifest.rules.map(\.id.value)
      for expected in test.expectFindings where !rules.contains(expected.value) {
        diagnostics.append(
          .error(
            .refUnknownRule, "module `\(manifest.id.value)` has no rule `\(expected.value)`",
            hint: Suggestion.hint(for: expected.value, among: rules), at: expected.location))
      }
    }
    return diagnostics
  }

  /// The answers file a test names, as a path from the current folder.
  public static func resolvedAnswersPath(_ document: Document<ModuleTest>) -> String {
    let folder = (document.path as NSString).deletingLastPathComponent
    return ((folder as NSString).appendingPathComponent(document.model.answers.value) as NSString).standardizingPath
  }

  /// The module a test belongs to: `<module>/tests/<test>.yaml` → `<module>/evaluator.yaml`.
  static func moduleManifest(for document: Document<ModuleTest>) -> EvaluatorManifest? {
    let tests = (document.path as NSString).deletingLastPathComponent
    let manifest = ((tests as NSString).deletingLastPathComponent as NSString).appendingPathComponent("evaluator.yaml")
    guard FileManager.default.fileExists(atPath: manifest), case .evaluator(let loaded)? = DocumentLoader.load(path: manifest).document else {
      return nil
    }
    return loaded.model
  }
}
