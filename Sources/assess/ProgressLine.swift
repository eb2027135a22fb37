/// `[  12/1000] files` on standard error, redrawn in place, only on a terminal: long runs show
/// they are alive, and pipes and CI logs stay clean.
struct ProgressLine {
  let total: Int
  let noun: String
  let enabled: Bool
  private var lastDrawn = -1

  init(total: Int, noun: String) {
    self.total = total
    self.noun = noun
    enabled = Terminal.showsProgress && total > 1
  }

  mutating func update(_ done: Int) {
    guard enabled else { return }
    // Redrawing every file would cost more than reading small files; about 200 redraws suffice.
    let step = max(1, total / 200)
    guard done == total || done - lastDrawn >= step else { return }
    lastDrawn = done
    let width = String(total).count
    let count = String(repeating: " ", count: max(0, width - String(done).count)) + String(done)
    Terminal.writeError("\r[\(count)/\(total)] \(noun)")
  }

  func finish() {
    guard enabled else { return }
    Terminal.writeError("\r\u{1B}[K")
  }
}
