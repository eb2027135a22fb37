/// Finds the closest spelling among known names, for "did you mean …?" hints.
public enum Suggestion {
  /// The candidate closest to `word`, if it is close enough to be a plausible typo.
  public static func closest(to word: String, among candidates: some Sequence<String>) -> String? {
    let target = Array(word.lowercased().unicodeScalars)
    var best: (name: String, distance: Int)?
    for candidate in candidates {
      let distance = editDistance(target, Array(candidate.lowercased().unicodeScalars))
      if best == nil || distance < best!.distance || (distance == best!.distance && candidate < best!.name) {
        best = (candidate, distance)
      }
    }
    guard let best else { return nil }
    // About one typo per four characters; names of one or two characters are too short to guess.
    let shorter = min(target.count, best.name.count)
    let allowed = shorter < 3 ? 0 : max(1, shorter / 4)
    return best.distance <= allowed ? best.name : nil
  }

  /// "; did you mean `x`?" or nil, ready to use as a diagnostic hint.
  public static func hint(for word: String, among candidates: some Sequence<String>) -> String? {
    closest(to: word, among: candidates).map { "did you mean `\($0)`?" }
  }

  /// Levenshtein distance with adjacent transpositions counted as one edit.
  static func editDistance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var previousPrevious = [Int](repeating: 0, count: b.count + 1)
    var previous = Array(0...b.count)
    var current = [Int](repeating: 0, count: b.count + 1)
    for i in 1...a.count {
      current[0] = i
      for j in 1...b.count {
        let cost = a[i - 1] == b[j - 1] ? 0 : 1
        current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
        if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
          current[j] = min(current[j], previousPrevious[j - 2] + 1)
        }
      }
      (previousPrevious, previous, current) = (previous, current, previousPrevious)
    }
    return previous[b.count]
  }
}
