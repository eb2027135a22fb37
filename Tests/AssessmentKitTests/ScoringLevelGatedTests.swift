import Testing
@testable import AssessmentKit

/// The level-gated model: a level counts only when every applicable item of it and of every
/// level below scores at least `met_score` (default 0.5); unanswered and "don't know" do not
/// meet it; an item without `level` is at level 1; the area's level is its weakest section's.
@Suite("Scoring: level-gated model")
struct ScoringLevelGatedTests {
  /// G: g1 (maturity, level 1), g2 (ypn, no level → 1), g3 (level 2), g4 (level 3), g5 (level 4).
  static func gated(metScore: String? = nil, criticalCap: String? = nil) -> String {
    """
    scoring:
      model: level-gated
    \(metScore.map { "  met_score: \($0)\n" } ?? "")\(criticalCap.map { "  critical_cap: \($0)\n" } ?? "")sections:
      - id: G
        title: Gated
        items:
          - {id: g1, text: G1, scale: maturity, level: 1}
          - {id: g2, text: G2, scale: ypn}
          - {id: g3, text: G3, scale: maturity, level: 2}
          - {id: g4, text: G4, scale: maturity, level: 3}
          - {id: g5, text: G5, scale: maturity, level: 4}
    """
  }

  static let mixed = "g1: \"2\"\ng2: \"yes\"\ng3: \"3\"\ng4: \"1\"\ng5: \"4\""

  @Test("a level counts only when every item of it and below is met")
  func gateStopsAtTheFirstUnmetLevel() throws {
    let area = try #require(ScoringLoad.area(Self.gated(), answers: Self.mixed))
    let section = try #require(area.section("G"))
    #expect(area.model == "level-gated")
    // Level 1: g1 0.5 ≥ 0.5 (exactly the bar) and g2 1 ≥ 0.5 → met
    // Level 2: g3 0.75 → met
    // Level 3: g4 0.25 < 0.5 → not met; so level 2, although g5 (level 4) scores 1
    #expect(section.level?.level == 2)
    #expect(section.level?.name == "Formalised")
    #expect(section.level?.basis.contains("g4") == true)
    // The score is still the weighted mean: (0.5 + 1 + 0.75 + 0.25 + 1) / 5 = 3.5 / 5 = 0.7
    // (which the weighted-mean model would put at level 3)
    #expect(scoringClose(section.score, 0.7))
    // One section: the area's level is that section's.
    #expect(area.level?.level == 2)
  }

  @Test("met_score sets the bar")
  func metScoreSetsTheBar() throws {
    let strict = try #require(ScoringLoad.area(Self.gated(metScore: "0.75"), answers: Self.mixed))
    // g1 0.5 < 0.75 → level 1 is not met → level 0
    #expect(strict.section("G")?.level?.level == 0)
    #expect(strict.section("G")?.level?.basis.contains("g1") == true)
    let lenient = try #require(ScoringLoad.area(Self.gated(metScore: "0.25"), answers: Self.mixed))
    // every item ≥ 0.25 (g4 0.25 exactly) → levels 1…4 met → 4
    #expect(lenient.section("G")?.level?.level == 4)
  }

  @Test("an item without a level counts at level 1")
  func itemWithoutLevelIsLevelOne() throws {
    // g2 "no" scores 0 < 0.5; it has no `level`, so it blocks level 1 → level 0
    let area = try #require(ScoringLoad.area(Self.gated(), answers: "g1: \"4\"\ng2: \"no\"\ng3: \"4\"\ng4: \"4\"\ng5: \"4\""))
    #expect(area.section("G")?.level?.level == 0)
    #expect(area.section("G")?.level?.basis.contains("g2") == true)
    // A section of level-less items, all met, reaches level 1 and no higher.
    let flat = """
      scoring:
        model: level-gated
      sections:
        - id: F
          title: Flat
          items:
            - {id: f1, text: F1, scale: maturity}
            - {id: f2, text: F2, scale: maturity}
      """
    let flatArea = try #require(ScoringLoad.area(flat, answers: "f1: \"4\"\nf2: \"4\""))
    #expect(flatArea.section("F")?.level?.level == 1)
  }

  @Test("unanswered and \"don't know\" do not meet the bar; \"not applicable\" does not block")
  func unansweredBlocks() throws {
    // g3 (level 2) unanswered: level 1 met (g1 0.5, g2 1), level 2 blocked → 1
    let unanswered = try #require(ScoringLoad.area(Self.gated(), answers: "g1: \"2\"\ng2: \"yes\"\ng4: \"4\"\ng5: \"4\""))
    #expect(unanswered.section("G")?.level?.level == 1)
    #expect(unanswered.section("G")?.level?.basis.contains("g3") == true)
    // g3 "don't know": the same
    let unknown = try #require(ScoringLoad.area(Self.gated(), answers: "g1: \"2\"\ng2: \"yes\"\ng3: dk\ng4: \"4\"\ng5: \"4\""))
    #expect(unknown.section("G")?.level?.level == 1)
    // g4 (the only level-3 item) "not applicable": levels 1, 2 met, level 3 has nothing applicable,
    // level 4 (g5 1) met → 4
    let notApplicable = try #require(ScoringLoad.area(Self.gated(), answers: "g1: \"2\"\ng2: \"yes\"\ng3: \"3\"\ng4: na\ng5: \"4\""))
    #expect(notApplicable.section("G")?.level?.level == 4)
  }

  @Test("out-of-profile, not-asked and weight-0 items do not block")
  func onlyApplicableItemsBlock() throws {
    let body = """
      scoring:
        model: level-gated
      sections:
        - id: G
          title: Gated
          items:
            - {id: gate, text: Gate, scale: ypn, level: 1}
            - {id: hidden, text: Hidden, scale: maturity, level: 1, relevant: "${gate} = 'no'"}
            - {id: light, text: Light, scale: maturity, level: 1, weight: 0}
            - {id: dropped, text: Dropped, scale: maturity, level: 1}
            - {id: top, text: Top, scale: maturity, level: 2}
      profiles:
        - id: p
          title: P
          exclude: [dropped]
      """
    // hidden is not asked (gate is yes), light has weight 0, dropped is out of the profile: each
    // would score 0 or nothing; only gate (1) and top (1) apply → levels 1 and 2 met → 2
    let area = try #require(ScoringLoad.area(body, answers: "gate: \"yes\"\nlight: \"0\"\ndropped: \"0\"\ntop: \"4\"", profile: "p"))
    #expect(area.section("G")?.level?.level == 2)
  }

  @Test("the area's level is its weakest section's level")
  func areaIsTheWeakestSection() throws {
    let body = """
      scoring:
        model: level-gated
        levels:
          - {level: 0, name: None, min_score: 0}
          - {level: 1, name: Basic, min_score: 0.2}
          - {level: 2, name: Solid, min_score: 0.4}
          - {level: 3, name: Strong, min_score: 0.6}
          - {level: 4, name: Leading, min_score: 0.8}
      sections:
        - id: G
          title: Good
          items:
            - {id: g1, text: G1, scale: maturity, level: 1}
            - {id: g2, text: G2, scale: maturity, level: 2}
            - {id: g3, text: G3, scale: maturity, level: 3}
        - id: H
          title: Weak
          items:
            - {id: h1, text: H1, scale: maturity, level: 1}
            - {id: h2, text: H2, scale: maturity, level: 2}
      """
    let area = try #require(ScoringLoad.area(body, answers: "g1: \"4\"\ng2: \"4\"\ng3: \"2\"\nh1: \"4\"\nh2: \"0\""))
    // G: 1 met, 2 met, 3 (g3 0.5) met → 3 "Strong"; H: 1 met, 2 (h2 0) not → 1 "Basic"
    #expect(area.section("G")?.level?.level == 3)
    #expect(area.section("G")?.level?.name == "Strong")
    #expect(area.section("H")?.level?.level == 1)
    // Area: min(3, 1) = 1 "Basic", named after H
    #expect(area.level?.level == 1)
    #expect(area.level?.name == "Basic")
    #expect(area.level?.basis.contains("H") == true)
    // The area score is still the weighted mean of the sections:
    // G (1 + 1 + 0.5) / 3 = 0.8333, H (1 + 0) / 2 = 0.5 → (0.8333 + 0.5) / 2 = 0.6667
    #expect(scoringClose(area.score, (2.5 / 3 + 0.5) / 2))
  }

  @Test("a critical cap applies to gated levels too, and `uncapped` keeps the gated level")
  func gatedWithCriticalCap() throws {
    let body = """
      scoring:
        model: level-gated
        met_score: 0.25
        critical_cap: 1
      sections:
        - id: G
          title: Gated
          items:
            - {id: c1, text: C1, scale: maturity, level: 1, critical: true}
            - {id: g2, text: G2, scale: maturity, level: 2}
            - {id: g4, text: G4, scale: maturity, level: 4}
      """
    // c1 "1" scores 0.25 (meets met_score 0.25) but option 1 is deficient on a critical item;
    // g2, g4 score 1 → gated level 4, capped at 1
    let area = try #require(ScoringLoad.area(body, answers: "c1: \"1\"\ng2: \"4\"\ng4: \"4\""))
    #expect(area.section("G")?.level?.level == 1)
    #expect(area.section("G")?.level?.uncapped == 4)
    #expect(area.level?.level == 1)
    #expect(area.level?.uncapped == 4)
    #expect(area.criticalFlags.map(\.item) == ["c1"])
  }
}

extension ScoringLevelGatedTests {
  @Test("an item whose score equals met_score meets it, however the sum is rounded in binary")
  func metScoreWithBinaryRounding() throws {
    let body = """
      scales:
        - id: parts
          options:
            - {value: law, label: Law, score: 0.3}
            - {value: practice, label: Practice, score: 0.6}
      scoring:
        model: level-gated
        met_score: 0.9
      sections:
        - id: G
          title: Gated
          items:
            - {id: m, text: M, type: multi, scale: parts, level: 1}
      """
    // `scoringScales` already opens `scales:`; this questionnaire has a scale of its own.
    let text = "schema: assess/questionnaire@1\nid: t\nversion: 1.0.0\ntitle: Test area\n" + body
    let compiled = try #require(ScoringLoad.compiledFile(text, path: "t.yaml"))
    let area = try #require(ScoringLoad.area(compiled, answers: "m: [law, practice]"))
    // law 0.3 + practice 0.6 = 0.9 (in binary 0.8999999999999999) ≥ met_score 0.9 → level 1 met → 1
    #expect(scoringClose(area.item("m")?.score, 0.9))
    // (the gated model once compared `score < met_score` exactly, and this was level 0)
    #expect(area.section("G")?.level?.level == 1)
  }
}
