import AssessmentKit
import Testing

@Suite struct VersionTests {
  @Test(arguments: ["1.0.0", "0.1.0", "10.20.30", "1.0.0-rc.1", "2.0.0-beta-2"])
  func readsSemanticVersions(text: String) throws {
    let version = try #require(SemanticVersion(text))
    #expect(version.description == text)
  }

  @Test(arguments: ["1.0", "v1.0.0", "01.0.0", "1.0.0-", "1.0.0.0", "", "a.b.c", "1..0", "1.0.0-é"])
  func refusesOtherVersions(text: String) {
    #expect(SemanticVersion(text) == nil)
  }

  @Test func ordersPrereleasesBeforeReleases() throws {
    let ordered = ["0.9.9", "1.0.0-alpha", "1.0.0-beta", "1.0.0", "1.0.1", "1.2.0", "2.0.0"].compactMap(SemanticVersion.init)
    #expect(ordered.count == 7)
    #expect(ordered == ordered.sorted())
  }

  struct RangeCase: Sendable, CustomTestStringConvertible {
    var range: String
    var inside: [String]
    var outside: [String]
    var testDescription: String { range }
  }

  @Test(arguments: [
    RangeCase(range: ">=1.0.0, <2.0.0", inside: ["1.0.0", "1.9.9"], outside: ["0.9.0", "2.0.0"]),
    RangeCase(range: "^1.2.0", inside: ["1.2.0", "1.9.0"], outside: ["1.1.9", "2.0.0"]),
    RangeCase(range: "^0.1.0", inside: ["0.1.0", "0.1.7"], outside: ["0.2.0", "0.0.9"]),
    RangeCase(range: "~1.2.0", inside: ["1.2.0", "1.2.9"], outside: ["1.3.0"]),
    RangeCase(range: "1.2.3", inside: ["1.2.3"], outside: ["1.2.4"]),
    RangeCase(range: "*", inside: ["0.0.1", "9.9.9"], outside: []),
    RangeCase(range: "> 1.0.0, <= 1.5.0", inside: ["1.0.1", "1.5.0"], outside: ["1.0.0", "1.5.1"]),
  ])
  func rangesContainWhatTheySay(test: RangeCase) throws {
    let range = try #require(VersionRange(test.range))
    for version in test.inside {
      #expect(range.contains(try #require(SemanticVersion(version))), "\(version) should be in \(test.range)")
    }
    for version in test.outside {
      #expect(!range.contains(try #require(SemanticVersion(version))), "\(version) should not be in \(test.range)")
    }
  }

  @Test(arguments: [">= one", "^1.0", "1.0.0 - 2.0.0", ">=1.0.0,, <2"])
  func refusesUnreadableRanges(text: String) {
    #expect(VersionRange(text) == nil)
  }
}
