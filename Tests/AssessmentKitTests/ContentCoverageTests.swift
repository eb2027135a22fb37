import AssessmentKit
import Foundation
import Testing

/// `Docs/content-coverage.md` maps every research criterion to the items covering it; the
/// questionnaires name the criteria each item covers. The two must agree.
@Suite struct ContentCoverageTests {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

  /// Criterion → item ids, from the questionnaires' `criteria` keys; and the critical items.
  static let fromQuestionnaires: (covered: [String: Set<String>], critical: Set<String>) = {
    var covered: [String: Set<String>] = [:]
    var critical = Set<String>()
    for path in FileDiscovery.yamlFiles(in: root.appendingPathComponent("Questionnaires").path) {
      guard case .questionnaire(let document)? = DocumentLoader.load(path: path).document else { continue }
      for item in document.model.items {
        for criterion in item.criteria { covered[criterion.value, default: []].insert(item.id.value) }
        if item.critical { critical.insert(item.id.value) }
      }
    }
    return (covered, critical)
  }()

  /// Rows of the page: criterion, critical mark, item ids.
  static let rows: [(criterion: String, starred: Bool, items: Set<String>)] = {
    let page = (try? String(contentsOf: root.appendingPathComponent("Docs/content-coverage.md"), encoding: .utf8)) ?? ""
    return page.split(separator: "\n").compactMap { line in
      let cells = line.split(separator: "|", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
      guard cells.count >= 5, cells[1].wholeMatch(of: /(CP|CH|BM|PR|XC)-\d\d/) != nil else { return nil }
      let items = cells[3].split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).trimmingCharacters(in: ["`"]) }
      return (cells[1], cells[2] == "★", Set(items.filter { $0 != "not covered" }))
    }
  }()

  @Test func thePageListsEveryCriterionOfEveryArea() {
    #expect(Self.rows.count >= 100, "\(Self.rows.count) rows")
    for prefix in ["CP", "CH", "BM", "PR", "XC"] {
      let area = Self.rows.filter { $0.criterion.hasPrefix(prefix + "-") }
      let covered = area.filter { !$0.items.isEmpty }
      #expect(!area.isEmpty, "no \(prefix) criteria")
      #expect(Double(covered.count) >= 0.9 * Double(area.count), "\(prefix): \(covered.count) of \(area.count) covered")
    }
  }

  @Test func thePageAgreesWithTheQuestionnaires() {
    for row in Self.rows {
      #expect(row.items == (Self.fromQuestionnaires.covered[row.criterion] ?? []), "\(row.criterion)")
    }
  }

  @Test func everyCriticalCriterionHasACriticalItem() {
    for row in Self.rows where row.starred {
      #expect(!row.items.isDisjoint(with: Self.fromQuestionnaires.critical), "\(row.criterion) has no item marked critical")
    }
  }
}
