import Testing
@testable import AssessmentKit

/// The weighted-mean model on questionnaires written for the purpose. Every expected number is
/// worked out by hand in the comment beside it; the scales are those of `scoringScales`
/// (maturity 0 / 0.25 / 0.5 / 0.75 / 1, ypn yes 1 / partial 0.5 / no 0, tools radio 0.5 /
/// boat 0.25 / drone 0.75 / none 0).
@Suite("Scoring: weighted mean, coverage, item kinds")
struct ScoringEngineTests {
  /// One section: a (maturity, weight 2), b (maturity), c (ypn).
  static let basics = """
    sections:
      - id: S1
        title: Basics
        items:
          - {id: a, text: A, scale: maturity, weight: 2}
          - {id: b, text: B, scale: maturity}
          - {id: c, text: C, scale: ypn}
    """

  @Test("a section's score is the weighted mean of its item scores")
  func weightedMean() throws {
    let area = try #require(ScoringLoad.area(Self.basics, answers: "a: \"1\"\nb: \"4\"\nc: \"yes\""))
    let section = try #require(area.section("S1"))
    // a 0.25 × 2, b 1 × 1, c 1 × 1: (0.5 + 1 + 1) / (2 + 1 + 1) = 2.5 / 4 = 0.625
    // (unweighted it would be (0.25 + 1 + 1) / 3 = 0.75)
    #expect(scoringClose(section.score, 0.625))
    // 0.625 ≥ 0.6 (level 3's least score) and < 0.8
    #expect(section.level?.level == 3)
    #expect(section.level?.name == "Implemented")
    #expect(section.coverage == Coverage(answered: 3, applicable: 3))
    #expect(section.formula?.inputs == [
      Formula.Input(id: "a", value: 0.25, weight: 2), Formula.Input(id: "b", value: 1, weight: 1), Formula.Input(id: "c", value: 1, weight: 1),
    ])
    // One section of weight 1: the area score is the section's, 0.625.
    #expect(scoringClose(area.score, 0.625))
    #expect(area.model == "weighted-mean")
    #expect(area.item("a")?.score == 0.25)
    #expect(area.item("a")?.status == .answered)
    #expect(area.item("a")?.answer == ["1"])
  }

  @Test("\"not applicable\" leaves the denominator")
  func notApplicable() throws {
    let area = try #require(ScoringLoad.area(Self.basics, answers: "a: \"1\"\nb: na\nc: \"yes\""))
    let section = try #require(area.section("S1"))
    // a 0.25 × 2, c 1 × 1, b left out: (0.5 + 1) / (2 + 1) = 1.5 / 3 = 0.5
    // (counting b as 0 would give 1.5 / 4 = 0.375)
    #expect(scoringClose(section.score, 0.5))
    #expect(section.coverage == Coverage(answered: 2, applicable: 2, notApplicable: 1))
    #expect(section.formula?.inputs.map(\.id) == ["a", "c"])
    let b = try #require(area.item("b"))
    #expect(b.status == .notApplicable)
    #expect(b.score == nil)
    #expect(b.answer == ["na"])
    // 0.5 ≥ 0.4 (level 2) and < 0.6
    #expect(section.level?.level == 2)
  }

  @Test("\"don't know\" counts as unanswered and shows in coverage")
  func dontKnow() throws {
    let area = try #require(ScoringLoad.area(Self.basics, answers: "a: \"1\"\nb: dk\nc: \"yes\""))
    let section = try #require(area.section("S1"))
    // The score is over the answered items: (0.25 × 2 + 1 × 1) / (2 + 1) = 1.5 / 3 = 0.5
    #expect(scoringClose(section.score, 0.5))
    // b applies but is not answered: 2 of 3, and 1 "don't know"
    #expect(section.coverage == Coverage(answered: 2, applicable: 3, unknown: 1))
    #expect(scoringClose(section.coverage.ratio, 2.0 / 3.0))
    #expect(area.item("b")?.status == .unknown)
    #expect(area.item("b")?.score == nil)
    // The area's coverage is the sum of its sections': the same single section.
    #expect(area.coverage == Coverage(answered: 2, applicable: 3, unknown: 1))
  }

  @Test("an item with no answer is applicable and unanswered")
  func unanswered() throws {
    let area = try #require(ScoringLoad.area(Self.basics, answers: "a: \"1\"\nc: \"yes\""))
    let section = try #require(area.section("S1"))
    // (0.25 × 2 + 1 × 1) / (2 + 1) = 0.5, as with "don't know", but nothing is counted as unknown
    #expect(scoringClose(section.score, 0.5))
    #expect(section.coverage == Coverage(answered: 2, applicable: 3))
    #expect(area.item("b")?.status == .unanswered)
  }

  /// gate (ypn); follow (maturity) asked only when gate is yes; other (maturity).
  static let skipLogic = """
    sections:
      - id: S1
        title: Skip logic
        items:
          - {id: gate, text: Gate, scale: ypn}
          - {id: follow, text: Follow-up, scale: maturity, relevant: "${gate} = 'yes'"}
          - {id: other, text: Other, scale: maturity}
    """

  @Test("an item that is not asked leaves score and coverage, even when answered anyway")
  func notAsked() throws {
    // follow is answered although gate = no makes it not asked (a warning, not an error).
    let area = try #require(ScoringLoad.area(Self.skipLogic, answers: "gate: \"no\"\nfollow: \"4\"\nother: \"3\""))
    let section = try #require(area.section("S1"))
    // gate 0 × 1, other 0.75 × 1: (0 + 0.75) / 2 = 0.375  (with follow it would be (0 + 1 + 0.75) / 3 = 0.583)
    #expect(scoringClose(section.score, 0.375))
    // follow is not asked: counted as such, and in neither answered nor applicable
    #expect(section.coverage == Coverage(answered: 2, applicable: 2, notAsked: 1))
    // The area's coverage, the sum of its sections', says the same.
    #expect(area.coverage == Coverage(answered: 2, applicable: 2, notAsked: 1))
    let follow = try #require(area.item("follow"))
    #expect(follow.status == .notAsked)
    #expect(follow.score == nil)
  }

  @Test("an item that is asked and unanswered counts in coverage")
  func askedButUnanswered() throws {
    let area = try #require(ScoringLoad.area(Self.skipLogic, answers: "gate: \"yes\"\nother: \"3\""))
    let section = try #require(area.section("S1"))
    // gate 1, other 0.75: (1 + 0.75) / 2 = 0.875; follow applies (asked) but is unanswered: 2 of 3
    #expect(scoringClose(section.score, 0.875))
    #expect(section.coverage == Coverage(answered: 2, applicable: 3, notAsked: 0))
    #expect(area.item("follow")?.status == .unanswered)
  }

  /// S1: a, b (maturity); S2: c, d (ypn); S3: e (maturity). Profile p keeps S1 and c, drops b.
  static let profiled = """
    sections:
      - id: S1
        title: One
        items:
          - {id: a, text: A, scale: maturity}
          - {id: b, text: B, scale: maturity}
      - id: S2
        title: Two
        items:
          - {id: c, text: C, scale: ypn}
          - {id: d, text: D, scale: ypn}
      - id: S3
        title: Three
        items:
          - {id: e, text: E, scale: maturity}
    profiles:
      - id: p
        title: Pilot
        include: [S1, c]
        exclude: [b]
    """

  static let profiledAnswers = "a: \"2\"\nb: \"4\"\nc: \"yes\"\nd: \"no\"\ne: \"0\""

  @Test("a profile's include and exclude decide which items count")
  func profileIncludeExclude() throws {
    let area = try #require(ScoringLoad.area(Self.profiled, answers: Self.profiledAnswers, profile: "p"))
    #expect(area.profile == "p")
    // Kept: a (S1 named, b excluded) and c (named). d and e are not included; b is excluded.
    for id in ["b", "d", "e"] {
      #expect(area.item(id)?.status == .outOfProfile, "\(id)")
      #expect(area.item(id)?.score == nil, "\(id)")
    }
    // S1: a alone = 0.5 (with b it would be (0.5 + 1) / 2 = 0.75)
    #expect(scoringClose(area.section("S1")?.score, 0.5))
    #expect(area.section("S1")?.coverage == Coverage(answered: 1, applicable: 1))
    // S2: c alone = 1 (with d it would be 0.5)
    #expect(scoringClose(area.section("S2")?.score, 1))
    // S3: nothing kept: no score, no level, nothing applicable
    #expect(area.section("S3")?.score == nil)
    #expect(area.section("S3")?.level == nil)
    #expect(area.section("S3")?.coverage == Coverage())
    // Area: (0.5 × 1 + 1 × 1) / (1 + 1) = 0.75
    #expect(scoringClose(area.score, 0.75))
    // Out-of-profile items are in no count at all.
    #expect(area.coverage == Coverage(answered: 2, applicable: 2))
    for id in ["b", "d", "e"] {
      #expect(area.item(id)?.scored == false, "\(id)")
    }
  }

  @Test("without a profile every item counts")
  func noProfile() throws {
    let area = try #require(ScoringLoad.area(Self.profiled, answers: Self.profiledAnswers))
    #expect(area.profile == nil)
    // S1 (0.5 + 1) / 2 = 0.75; S2 (1 + 0) / 2 = 0.5; S3 0
    #expect(scoringClose(area.section("S1")?.score, 0.75))
    #expect(scoringClose(area.section("S2")?.score, 0.5))
    #expect(scoringClose(area.section("S3")?.score, 0))
    // Area: (0.75 + 0.5 + 0) / 3 = 1.25 / 3 = 0.41667
    #expect(scoringClose(area.score, 1.25 / 3))
    #expect(area.coverage == Coverage(answered: 5, applicable: 5))
  }

  static let multi = """
    sections:
      - id: S1
        title: Equipment
        items:
          - {id: m, text: Which tools?, type: multi, scale: tools}
    """

  @Test(
    "a multi item scores the sum of its options' scores, capped at 1",
    arguments: [
      // radio 0.5 + boat 0.25 = 0.75
      ("[radio, boat]", 0.75),
      // radio 0.5 + drone 0.75 = 1.25 → capped at 1
      ("[radio, drone]", 1.0),
      // 0.5 + 0.25 + 0.75 = 1.5 → 1
      ("[radio, boat, drone]", 1.0),
      // boat alone 0.25
      ("[boat]", 0.25),
      // none 0
      ("[none]", 0.0),
    ])
  func multiCappedSum(answer: String, expected: Double) throws {
    let area = try #require(ScoringLoad.area(Self.multi, answers: "m: \(answer)"))
    #expect(scoringClose(area.item("m")?.score, expected))
    #expect(scoringClose(area.section("S1")?.score, expected))
    #expect(area.section("S1")?.coverage == Coverage(answered: 1, applicable: 1))
  }

  /// n: days, bands ≤3 → 1, 3…14 → 0.5, ≥14 → 0 (3 and 14 sit on shared boundaries);
  /// r: the same bands listed the other way round.
  static let numbers = """
    sections:
      - id: S1
        title: Figures
        items:
          - id: n
            text: Days held
            type: number
            scale: special
            min: 0
            max: 365
            bands:
              - {max: 3, score: 1}
              - {min: 3, max: 14, score: 0.5}
              - {min: 14, score: 0}
      - id: S2
        title: Reversed
        items:
          - id: r
            text: Days held, bands in the other order
            type: number
            min: 0
            max: 365
            bands:
              - {min: 14, score: 0}
              - {min: 3, max: 14, score: 0.5}
              - {max: 3, score: 1}
    """

  @Test(
    "a number item scores its first matching band",
    arguments: [
      ("0", 1.0, 1.0),
      // 3 is in band 1 (max 3) and band 2 (min 3): the first listed wins (1 as listed, 0.5 reversed)
      ("3", 1.0, 0.5),
      ("3.5", 0.5, 0.5),
      // 14 is in band 2 (max 14) and band 3 (min 14): 0.5 as listed, 0 reversed
      ("14", 0.5, 0.0),
      ("15", 0.0, 0.0),
      ("365", 0.0, 0.0),
    ])
  func numberBands(answer: String, listed: Double, reversed: Double) throws {
    let area = try #require(ScoringLoad.area(Self.numbers, answers: "n: \(answer)\nr: \(answer)"))
    #expect(scoringClose(area.item("n")?.score, listed))
    #expect(scoringClose(area.item("r")?.score, reversed))
    #expect(scoringClose(area.section("S1")?.score, listed))
    #expect(area.item("n")?.scored == true)
  }

  @Test("a number item answered \"not applicable\" leaves the denominator")
  func numberNotApplicable() throws {
    let area = try #require(ScoringLoad.area(Self.numbers, answers: "n: na\nr: 20"))
    #expect(area.item("n")?.status == .notApplicable)
    #expect(area.section("S1")?.score == nil)
    #expect(area.section("S1")?.coverage == Coverage(answered: 0, applicable: 0, notApplicable: 1))
    // S2 alone: r = 20 → band min 14 → 0; area (0 × 1) / 1 = 0
    #expect(scoringClose(area.score, 0))
  }

  @Test("a percent item with bands is scored like a number")
  func percentBands() throws {
    let body = """
      sections:
        - id: S1
          title: Shares
          items:
            - id: p
              text: Share of cases
              type: percent
              bands:
                - {min: 80, score: 1}
                - {min: 50, max: 80, score: 0.5}
                - {max: 50, score: 0}
      """
    // 80 is in band 1 (min 80) and band 2 (max 80): band 1 → 1; 50 in bands 2 and 3: band 2 → 0.5
    for (answer, expected) in [("80", 1.0), ("50", 0.5), ("49.9", 0.0), ("100", 1.0)] {
      let area = try #require(ScoringLoad.area(body, answers: "p: \(answer)"))
      #expect(scoringClose(area.item("p")?.score, expected), "\(answer)")
    }
  }

  @Test("text, date and band-less number items are reported, not scored")
  func unscoredKinds() throws {
    let body = """
      sections:
        - id: S1
          title: Mixed
          items:
            - {id: a, text: A, scale: maturity}
            - {id: t, text: Name the law, type: text}
            - {id: dt, text: Date of the law, type: date}
            - {id: nb, text: Number of posts, type: number, min: 0}
      """
    let area = try #require(ScoringLoad.area(body, answers: "a: \"2\"\nt: Border Act\ndt: \"2024-05-01\"\nnb: 42"))
    // Only a counts: 0.5 × 1 / 1 = 0.5, coverage 1 of 1
    #expect(scoringClose(area.section("S1")?.score, 0.5))
    #expect(area.section("S1")?.coverage == Coverage(answered: 1, applicable: 1))
    #expect(area.section("S1")?.formula?.inputs.map(\.id) == ["a"])
    for (id, written) in [("t", "Border Act"), ("dt", "2024-05-01"), ("nb", "42")] {
      let item = try #require(area.item(id))
      #expect(item.scored == false, "\(id)")
      #expect(item.score == nil, "\(id)")
      #expect(item.status == .answered, "\(id)")
      #expect(item.answer == [written], "\(id)")
    }
    // Left unanswered, they still do not count.
    let empty = try #require(ScoringLoad.area(body, answers: "a: \"2\""))
    #expect(empty.section("S1")?.coverage == Coverage(answered: 1, applicable: 1))
  }

  @Test("an item of weight 0 is neither scored nor counted in coverage")
  func weightZero() throws {
    let body = """
      sections:
        - id: S1
          title: One
          items:
            - {id: z, text: Z, scale: maturity, weight: 0}
            - {id: b, text: B, scale: maturity}
        - id: S2
          title: Only weight 0
          items:
            - {id: y, text: Y, scale: maturity, weight: 0}
      """
    let area = try #require(ScoringLoad.area(body, answers: "z: \"0\"\nb: \"4\"\ny: \"4\""))
    // S1: b alone, 1 × 1 / 1 = 1; z is in neither the mean nor the coverage
    #expect(scoringClose(area.section("S1")?.score, 1))
    #expect(area.section("S1")?.coverage == Coverage(answered: 1, applicable: 1))
    #expect(area.section("S1")?.formula?.inputs.map(\.id) == ["b"])
    #expect(area.item("z")?.scored == false)
    #expect(area.item("z")?.weight == 0)
    // S2: nothing of weight above 0: no score, no level, nothing applicable
    #expect(area.section("S2")?.score == nil)
    #expect(area.section("S2")?.level == nil)
    #expect(area.section("S2")?.coverage == Coverage())
    // Unanswered, z still does not count.
    let unanswered = try #require(ScoringLoad.area(body, answers: "b: \"4\""))
    #expect(unanswered.section("S1")?.coverage == Coverage(answered: 1, applicable: 1))
  }

  /// Scores chosen through a number item whose bands give exactly 0.2, 0.4, 0.59, 0.6, 0.8, 1.
  static let boundaries = """
    sections:
      - id: S1
        title: Boundaries
        items:
          - id: n
            text: N
            type: number
            bands:
              - {max: 1, score: 0.2}
              - {max: 2, score: 0.4}
              - {max: 3, score: 0.59}
              - {max: 4, score: 0.6}
              - {max: 5, score: 0.8}
              - {max: 6, score: 1}
              - {max: 7, score: 0.19}
    """

  @Test(
    "default levels: the highest level whose least score the score reaches",
    arguments: [
      // 0.2 is level 1's least score exactly
      ("1", 1, "Initial"), ("2", 2, "Formalised"),
      // 0.59 < 0.6: still level 2
      ("3", 2, "Formalised"), ("4", 3, "Implemented"), ("5", 4, "Monitored and improving"), ("6", 4, "Monitored and improving"),
      // 0.19 < 0.2: level 0
      ("7", 0, "Absent"),
    ])
  func defaultLevels(answer: String, level: Int, name: String) throws {
    let area = try #require(ScoringLoad.area(Self.boundaries, answers: "n: \(answer)"))
    #expect(area.section("S1")?.level?.level == level)
    #expect(area.section("S1")?.level?.name == name)
    #expect(area.level?.level == level)
  }

  @Test("levels and their names come from the questionnaire's `levels`")
  func customLevels() throws {
    let body = """
      scoring:
        levels:
          - {level: 0, name: Nothing yet, min_score: 0}
          - {level: 1, name: Started, min_score: 0.3}
          - {level: 2, name: Solid, min_score: 0.7}
      sections:
        - id: S1
          title: One
          items:
            - id: n
              text: N
              type: number
              bands:
                - {max: 1, score: 0.3}
                - {max: 2, score: 0.7}
                - {max: 3, score: 0.69}
                - {max: 4, score: 0.29}
                - {max: 5, score: 1}
      """
    // 0.3 → Started (its least score, inclusive); 0.7 → Solid; 0.69 → Started; 0.29 → Nothing yet;
    // 1 → Solid (no level above 2). With the default levels 0.7 would be level 3.
    for (answer, level, name) in [("1", 1, "Started"), ("2", 2, "Solid"), ("3", 1, "Started"), ("4", 0, "Nothing yet"), ("5", 2, "Solid")] {
      let area = try #require(ScoringLoad.area(body, answers: "n: \(answer)"))
      #expect(area.section("S1")?.level?.level == level, "\(answer)")
      #expect(area.section("S1")?.level?.name == name, "\(answer)")
      #expect(area.level?.name == name, "\(answer)")
    }
  }

  @Test("a section with nothing answered has no score, formula or level, and is left out of the area")
  func nothingAnswered() throws {
    let body = """
      sections:
        - id: S1
          title: Answered
          items:
            - {id: a, text: A, scale: maturity}
        - id: S2
          title: Empty
          items:
            - {id: b, text: B, scale: maturity}
            - {id: c, text: C, scale: ypn}
      """
    let area = try #require(ScoringLoad.area(body, answers: "a: \"3\"\nc: dk"))
    let empty = try #require(area.section("S2"))
    #expect(empty.score == nil)
    #expect(empty.formula == nil)
    #expect(empty.level == nil)
    // b unanswered, c "don't know": both apply, neither is answered
    #expect(empty.coverage == Coverage(answered: 0, applicable: 2, unknown: 1))
    // The area is S1 alone: 0.75 (counting S2 as 0 would give 0.375)
    #expect(scoringClose(area.score, 0.75))
    #expect(area.formula?.inputs.map(\.id) == ["S1"])
    // Nothing answered anywhere: no area score or level either.
    let none = try #require(ScoringLoad.area(body, answers: ""))
    #expect(none.score == nil)
    #expect(none.level == nil)
    #expect(none.formula == nil)
    #expect(none.coverage == Coverage(answered: 0, applicable: 3))
  }

  @Test("the area score is the weighted mean of the section scores, with the sections' weights")
  func areaWeights() throws {
    let body = """
      sections:
        - id: S1
          title: Heavy
          weight: 2
          items:
            - {id: a, text: A, scale: maturity}
        - id: S2
          title: Default weight
          items:
            - {id: b, text: B, scale: maturity}
        - id: S3
          title: Weight 0
          weight: 0
          items:
            - {id: c, text: C, scale: maturity}
        - id: S4
          title: Unanswered
          weight: 3
          items:
            - {id: d, text: D, scale: maturity}
      """
    let area = try #require(ScoringLoad.area(body, answers: "a: \"3\"\nb: \"2\"\nc: \"4\""))
    // S1 0.75 × 2, S2 0.5 × 1; S3 weight 0 and S4 without a score are left out:
    // (1.5 + 0.5) / (2 + 1) = 2 / 3 = 0.6667   (S4 as 0 would give 2 / 6 = 0.333)
    #expect(scoringClose(area.score, 2.0 / 3.0))
    #expect(area.formula?.inputs == [Formula.Input(id: "S1", value: 0.75, weight: 2), Formula.Input(id: "S2", value: 0.5, weight: 1)])
    // 0.667 ≥ 0.6 → level 3
    #expect(area.level?.level == 3)
    #expect(area.section("S1")?.weight == 2)
    #expect(area.section("S3")?.weight == 0)
    #expect(scoringClose(area.section("S3")?.score, 1))
  }
}
