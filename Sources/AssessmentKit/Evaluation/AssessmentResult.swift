/// Everything the toolkit concludes from one answers file: the scores of each area, the
/// critical flags, the findings of every module, the recommendations with their priorities,
/// the action plan, and which modules (at which exact version) produced them.
///
/// The same inputs give the same result, byte for byte, when encoded with sorted keys.
public struct AssessmentResult: Hashable, Sendable, Codable {
  public var format = "assess/result@1"
  public var toolkitVersion: String
  /// The answers file, as named.
  public var source: String
  public var respondent: RespondentResult
  public var language: String
  public var areas: [AreaResult]
  public var findings: [Finding]
  public var recommendations: [ScoredRecommendation]
  public var actionPlan: ActionPlan
  public var modules: [ModuleRun]

  /// Whether any module failed; a failed module's findings are missing, never assumed.
  public var hasModuleFailures: Bool { modules.contains { $0.status == .failed } }
}

public struct RespondentResult: Hashable, Sendable, Codable {
  public var country: String
  public var agency: String?
  public var role: String?
  public var date: String?
  public var round: String?
}

/// One module's part in a result: which module, exactly (its version and the SHA-256 of its
/// manifest and program), whether it ran, and what went wrong if it did not.
public struct ModuleRun: Hashable, Sendable, Codable {
  public enum Status: String, Hashable, Sendable, Codable {
    case ok
    /// It crashed, timed out, sent something malformed or invalid, or its rules do not check:
    /// its findings are missing from the result.
    case failed
  }

  public var id: String
  public var version: String
  public var kind: EvaluatorManifest.Kind
  public var origin: Origin
  public var manifest: String
  public var sha256: String
  /// The protocol version spoken, for executable modules.
  public var protocolVersion: Int?
  /// The questionnaires it was run on.
  public var questionnaires: [String]
  public var status: Status
  public var findings: Int
  public var error: String?
  /// The end of what the module wrote to its standard error, for executable modules.
  public var log: String?
}

extension EvaluatorManifest.Kind: Codable {}
