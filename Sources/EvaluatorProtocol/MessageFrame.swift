/// Framing of evaluator-protocol messages on a byte stream: an 8-byte little-endian length,
/// then that many bytes of UTF-8 JSON — the framing SwiftPM and Swift macro plugins use, so a
/// stray newline inside a message can never split it.
public enum MessageFrame {
  /// Protocol versions this build of the toolkit speaks.
  public static let supportedProtocolVersions: [Int] = [1]

  /// The largest message accepted unless a module's manifest sets its own limit.
  public static let defaultMaximumMessageBytes = 16 * 1024 * 1024

  public enum DecodingError: Error, Hashable, Sendable {
    /// The length prefix announces more than the allowed maximum.
    case tooLarge(announced: UInt64, maximum: Int)
  }

  /// The frame for one message.
  public static func encode(_ payload: [UInt8]) -> [UInt8] {
    var frame: [UInt8] = []
    frame.reserveCapacity(8 + payload.count)
    var length = UInt64(payload.count).littleEndian
    withUnsafeBytes(of: &length) { frame.append(contentsOf: $0) }
    frame.append(contentsOf: payload)
    return frame
  }

  /// Takes one complete message off the front of `buffer`; nil while more bytes are needed.
  public static func decode(
    from buffer: inout [UInt8], maximumMessageBytes: Int = defaultMaximumMessageBytes
  ) throws(DecodingError) -> [UInt8]? {
    guard buffer.count >= 8 else { return nil }
    var length: UInt64 = 0
    for index in (0..<8).reversed() {
      length = length << 8 | UInt64(buffer[index])
    }
    guard length <= UInt64(maximumMessageBytes) else {
      throw .tooLarge(announced: length, maximum: maximumMessageBytes)
    }
    let end = 8 + Int(length)
    guard buffer.count >= end else { return nil }
    let payload = Array(buffer[8..<end])
    buffer.removeFirst(end)
    return payload
  }
}

extension MessageFrame {
  /// The length the 8-byte header at the start of `bytes` announces (little-endian).
  public static func announcedLength(_ bytes: some Collection<UInt8>) -> UInt64 {
    var length: UInt64 = 0
    for (shift, byte) in zip(stride(from: 0, to: 64, by: 8), bytes.prefix(8)) {
      length |= UInt64(byte) << UInt64(shift)
    }
    return length
  }

  /// Whether a header is really the start of text — a module that printed to stdout. No real
  /// length can look like this: a printable top byte announces more than 2⁵⁹ bytes.
  public static func headerLooksLikeText(_ bytes: some Collection<UInt8>) -> Bool {
    bytes.count >= 8 && bytes.prefix(8).allSatisfy { $0 == 0x09 || $0 == 0x0A || $0 == 0x0D || (0x20...0x7E).contains($0) }
  }
}
