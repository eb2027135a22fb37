import Testing
@testable import AssessmentKit

/// Critical safeguards (PEFA's weakest link): a critical item answered with a deficient option
/// is a flag; with `critical_cap` the section and the area cannot rise above the cap while it
/// stands, and `uncapped` keeps the level the scores alone reach.
@Suite("Scoring: critical safeguards and caps")
struct ScoringCriticalCapTests {
  /// S1: c1 (ypn, critical), x, y, z (maturity); S2: w (maturity).
  static func questionnaire(cap: Int?) -> String {
    """
    \(cap.map { "scoring:\n  critical_cap: \($0)\n" } ?? "")sections:
      - id: S1
        title: Safeguards
        items:
          - {id: c1, text: Is every use of force recorded?, scale: ypn, critical: true}
          - {id: x, text: X, scale: maturity}
          - {id: y, text: Y, scale: maturity}
          - {id: z, text: Z, scale: maturity}
      - id: S2
        title: Other
        items:
          - {id: w, text: W, scale: maturity}
    """
  }

  static let deficient = "c1: \"no\"\nx: \"4\"\ny: \"4\"\nz: \"4\"\nw: \"4\""

  @Test("a critical item answered deficient caps its section and the area at critical_cap")
  func capsSectionAndArea() throws {
    let area = try #require(ScoringLoad.area(Self.questionnaire(cap: 1), answers: Self.deficient))
    let s1 = try #require(area.section("S1"))
    // S1: (0 + 1 + 1 + 1) / 4 = 0.75 → level 3 by score, capped at 1
    #expect(scoringClose(s1.score, 0.75), "the cap is on the level, not the score")
    #expect(s1.level?.level == 1)
    #expect(s1.level?.name == "Initial")
    #expect(s1.level?.uncapped == 3)
    #expect(s1.level?.basis.contains("c1") == true)
    #expect(s1.criticalFlags.map(\.item) == ["c1"])
    // S2: 1 → level 4, no flag in it, not capped
    let s2 = try #require(area.section("S2"))
    #expect(s2.level?.level == 4)
    #expect(s2.level?.uncapped == nil)
    #expect(s2.criticalFlags.isEmpty)
    // Area: (0.75 + 1) / 2 = 0.875 → level 4 by score, capped at 1
    #expect(scoringClose(area.score, 0.875))
    #expect(area.level?.level == 1)
    #expect(area.level?.uncapped == 4)
    let flag = try #require(area.criticalFlags.first)
    #expect(area.criticalFlags.count == 1)
    #expect(flag.item == "c1")
    #expect(flag.section == "S1")
    #expect(flag.answer == ["no"])
    #expect(flag.text == "Is every use of force recorded?")
    #expect(area.item("c1")?.deficient == true)
    #expect(area.item("c1")?.critical == true)
  }

  @Test("critical_cap 0 caps at level 0")
  func capAtZero() throws {
    let area = try #require(ScoringLoad.area(Self.questionnaire(cap: 0), answers: Self.deficient))
    #expect(area.section("S1")?.level?.level == 0)
    #expect(area.section("S1")?.level?.name == "Absent")
    #expect(area.section("S1")?.level?.uncapped == 3)
    #expect(area.level?.level == 0)
  }

  @Test("without critical_cap nothing is capped, but the flag is still raised")
  func flagWithoutCap() throws {
    let area = try #require(ScoringLoad.area(Self.questionnaire(cap: nil), answers: Self.deficient))
    // S1 0.75 → 3; area 0.875 → 4; no `uncapped`
    #expect(area.section("S1")?.level?.level == 3)
    #expect(area.section("S1")?.level?.uncapped == nil)
    #expect(area.level?.level == 4)
    #expect(area.level?.uncapped == nil)
    #expect(area.criticalFlags.map(\.item) == ["c1"])
    #expect(area.section("S1")?.criticalFlags.map(\.item) == ["c1"])
  }

  @Test("a level already at or below the cap is left as it is, without `uncapped`")
  func levelBelowCap() throws {
    // x, y, z "2": S1 (0 + 0.5 × 3) / 4 = 0.375 → level 1; cap 3 is above it
    let area = try #require(ScoringLoad.area(Self.questionnaire(cap: 3), answers: "c1: \"no\"\nx: \"2\"\ny: \"2\"\nz: \"2\"\nw: \"4\""))
    #expect(area.section("S1")?.level?.level == 1)
    #expect(area.section("S1")?.level?.uncapped == nil)
    // Area: (0.375 + 1) / 2 = 0.6875 → level 3, equal to the cap: unchanged
    #expect(area.level?.level == 3)
    #expect(area.level?.uncapped == nil)
    #expect(area.criticalFlags.map(\.item) == ["c1"])
  }

  @Test("a non-critical item answered deficient raises no flag and caps nothing")
  func nonCriticalDeficient() throws {
    // x "0" is deficient but x is not critical; c1 "yes"
    let area = try #require(ScoringLoad.area(Self.questionnaire(cap: 1), answers: "c1: \"yes\"\nx: \"0\"\ny: \"4\"\nz: \"4\"\nw: \"4\""))
    #expect(area.item("x")?.deficient == true)
    #expect(area.criticalFlags.isEmpty)
    // S1: (1 + 0 + 1 + 1) / 4 = 0.75 → 3, not capped
    #expect(area.section("S1")?.level?.level == 3)
    #expect(area.section("S1")?.level?.uncapped == nil)
  }

  @Test("a critical item answered with an option that is not deficient raises no flag")
  func criticalNotDeficient() throws {
    // c1 "partial" (0.5, not deficient): S1 (0.5 + 3) / 4 = 0.875 → 4
    let area = try #require(ScoringLoad.area(Self.questionnaire(cap: 1), answers: "c1: partial\nx: \"4\"\ny: \"4\"\nz: \"4\"\nw: \"4\""))
    #expect(area.criticalFlags.isEmpty)
    #expect(area.section("S1")?.level?.level == 4)
    // Unanswered or "don't know": no flag either.
    for answer in ["dk", "na"] {
      let other = try #require(ScoringLoad.area(Self.questionnaire(cap: 1), answers: "c1: \(answer)\nx: \"4\""))
      #expect(other.criticalFlags.isEmpty, "\(answer)")
    }
  }

  @Test("a critical item out of the profile or not asked raises no flag")
  func criticalNotInPlay() throws {
    let body = """
      scoring:
        critical_cap: 1
      sections:
        - id: S1
          title: One
          items:
            - {id: gate, text: Is there a sea border?, scale: ypn}
            - {id: sea, text: Sea rescue, scale: ypn, critical: true, relevant: "${gate} = 'yes'"}
            - {id: land, text: Land rescue, scale: ypn, critical: true}
            - {id: x, text: X, scale: maturity}
      profiles:
        - id: p
          title: P
          exclude: [land]
      """
    // sea is not asked (gate no) and land is out of the profile: both answered "no", no flag.
    // S1: gate 0 and x 1 → (0 + 1) / 2 = 0.5 → level 2, not capped
    let area = try #require(ScoringLoad.area(body, answers: "gate: \"no\"\nsea: \"no\"\nland: \"no\"\nx: \"4\"", profile: "p"))
    #expect(area.criticalFlags.isEmpty)
    #expect(area.section("S1")?.level?.level == 2)
    #expect(area.section("S1")?.level?.uncapped == nil)
  }

  @Test("several flags are all listed, in questionnaire order, and all named in the basis")
  func severalFlags() throws {
    let body = """
      scoring:
        critical_cap: 2
      sections:
        - id: S1
          title: One
          items:
            - {id: k1, text: K1, scale: ypn, critical: true}
            - {id: x, text: X, scale: maturity, weight: 8}
        - id: S2
          title: Two
          items:
            - {id: k2, text: K2, scale: maturity, critical: true}
            - {id: y, text: Y, scale: maturity, weight: 8}
      """
    // S1: (0 × 1 + 1 × 8) / 9 = 0.889 → 4 → capped 2; S2: k2 "1" (0.25, deficient): (0.25 + 8) / 9 = 0.9167 → 4 → 2
    let area = try #require(ScoringLoad.area(body, answers: "k1: \"no\"\nx: \"4\"\nk2: \"1\"\ny: \"4\""))
    #expect(area.criticalFlags.map(\.item) == ["k1", "k2"])
    #expect(area.criticalFlags.map(\.answer) == [["no"], ["1"]])
    #expect(area.section("S1")?.level?.level == 2)
    #expect(area.section("S2")?.level?.level == 2)
    #expect(area.level?.level == 2)
    #expect(area.level?.uncapped == 4)
    #expect(area.level?.basis.contains("k1") == true)
    #expect(area.level?.basis.contains("k2") == true)
  }
}
