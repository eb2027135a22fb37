import Foundation

extension Array where Element: Sendable {
  /// `transform` applied to every element, spread over every core; the results in order.
  /// For a handful of independent, comparable pieces of work, such as the files of a catalog.
  func concurrentMap<Result: Sendable>(_ transform: @escaping @Sendable (Element) -> Result) -> [Result] {
    guard count > 1 else { return map(transform) }
    let slots = OrderedSlots<Result>(count: count)
    let elements = self
    DispatchQueue.concurrentPerform(iterations: count) { index in
      slots.store(transform(elements[index]), at: index)
    }
    return slots.values
  }
}

/// Results stored by index from several threads.
private final class OrderedSlots<Value: Sendable>: @unchecked Sendable {
  // `slots` is only touched with `lock` held.
  private let lock = NSLock()
  private var slots: [Value?]

  init(count: Int) {
    slots = Array(repeating: nil, count: count)
  }

  func store(_ value: Value, at index: Int) {
    lock.lock()
    slots[index] = value
    lock.unlock()
  }

  var values: [Value] {
    lock.lock()
    defer { lock.unlock() }
    return slots.map { $0! }
  }
}
