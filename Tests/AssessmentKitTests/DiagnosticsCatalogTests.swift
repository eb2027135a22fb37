import AssessmentKit
import Foundation
import Testing

@Suite struct DiagnosticsCatalogTests {
  static let page: String = {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    return (try? String(contentsOf: root.appendingPathComponent("Docs/diagnostics.md"), encoding: .utf8)) ?? ""
  }()

  @Test(arguments: DiagnosticCode.all)
  func everyCodeIsExplainedInTheDocs(code: DiagnosticCode) {
    #expect(Self.page.contains("### `\(code.rawValue)`"), "Docs/diagnostics.md has no section for \(code)")
  }

  @Test func codesAreUniqueAndWellFormed() {
    let names = DiagnosticCode.all.map(\.rawValue)
    #expect(Set(names).count == names.count)
    for name in names {
      #expect(name.wholeMatch(of: /[a-z0-9]+(\.[a-z0-9-]+)+/) != nil, "\(name)")
    }
  }
}
