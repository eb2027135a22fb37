import Testing
@testable import AssessmentKit

/// Targets: a profile's target level per section; gap = target − level, never below 0; the
/// area's percent to target = 1 − Σgap / Σtarget over the sections with a target.
@Suite("Scoring: targets, gaps and percent to target")
struct ScoringTargetsTests {
  static let body = """
    sections:
      - id: S1
        title: One
        items:
          - {id: a, text: A, scale: maturity}
      - id: S2
        title: Two
        items:
          - {id: b, text: B, scale: maturity}
      - id: S3
        title: Three
        items:
          - {id: c, text: C, scale: maturity}
      - id: S4
        title: Four
        items:
          - {id: d, text: D, scale: maturity}
    profiles:
      - id: national
        title: National
        targets: {S1: 3, S2: 2, S3: 4}
      - id: zero
        title: Zero targets
        targets: {S1: 0}
    """

  static let answers = "a: \"2\"\nb: \"4\"\nc: \"1\"\nd: \"3\""

  @Test("each targeted section gets its gap, and the area its percent to target")
  func gapsAndPercent() throws {
    let area = try #require(ScoringLoad.area(Self.body, answers: Self.answers, profile: "national"))
    // S1: a 0.5 → level 2; target 3 → gap 1
    #expect(area.section("S1")?.target == TargetResult(target: 3, gap: 1))
    // S2: b 1 → level 4; target 2 → 2 − 4 = −2 → gap 0 (never below 0)
    #expect(area.section("S2")?.target == TargetResult(target: 2, gap: 0))
    // S3: c 0.25 → level 1; target 4 → gap 3
    #expect(area.section("S3")?.target == TargetResult(target: 4, gap: 3))
    // S4 has no target
    #expect(area.section("S4")?.target == nil)
    // Σgap = 1 + 0 + 3 = 4; Σtarget = 3 + 2 + 4 = 9; 1 − 4/9 = 5/9 = 0.5556
    #expect(scoringClose(area.percentToTarget, 5.0 / 9.0))
  }

  @Test("without a profile there are no targets and no percent to target")
  func noProfileNoTargets() throws {
    let area = try #require(ScoringLoad.area(Self.body, answers: Self.answers))
    #expect(area.sections.allSatisfy { $0.target == nil })
    #expect(area.percentToTarget == nil)
  }

  @Test("targets that add up to 0 give no percent to target")
  func zeroTargets() throws {
    let area = try #require(ScoringLoad.area(Self.body, answers: Self.answers, profile: "zero"))
    // S1 level 2, target 0 → gap 0; Σtarget = 0, so 1 − 0/0 is not defined
    #expect(area.section("S1")?.target == TargetResult(target: 0, gap: 0))
    #expect(area.percentToTarget == nil)
  }

  @Test("the gap is measured from the capped level")
  func gapFromCappedLevel() throws {
    let body = """
      scoring:
        critical_cap: 1
      sections:
        - id: S1
          title: One
          items:
            - {id: k, text: K, scale: ypn, critical: true}
            - {id: a, text: A, scale: maturity}
      profiles:
        - id: p
          title: P
          targets: {S1: 3}
      """
    let area = try #require(ScoringLoad.area(body, answers: "k: \"no\"\na: \"4\"", profile: "p"))
    // S1: (0 + 1) / 2 = 0.5 → level 2, capped at 1 by k → gap 3 − 1 = 2 (not 3 − 2 = 1)
    #expect(area.section("S1")?.level?.level == 1)
    #expect(area.section("S1")?.target == TargetResult(target: 3, gap: 2))
    // 1 − 2/3 = 0.3333
    #expect(scoringClose(area.percentToTarget, 1.0 / 3.0))
  }

  @Test("a targeted section with nothing answered counts as level 0 for its gap")
  func gapWithoutLevel() throws {
    let area = try #require(ScoringLoad.area(Self.body, answers: "b: \"4\"\nc: \"1\"", profile: "national"))
    // S1 unanswered: no level; gap = 3 − 0 = 3
    #expect(area.section("S1")?.level == nil)
    #expect(area.section("S1")?.target == TargetResult(target: 3, gap: 3))
    // Σgap = 3 + 0 + 3 = 6; Σtarget 9; 1 − 6/9 = 1/3
    #expect(scoringClose(area.percentToTarget, 1.0 / 3.0))
  }
}
