/// A zip archive with stored (uncompressed) entries: all an .xlsx needs, in a few dozen lines
/// with no dependency. Office readers accept stored parts; the files stay small enough that
/// compression does not matter.
public struct ZipArchive: Sendable {
  private var entries: [(name: String, data: [UInt8])] = []

  public init() {}

  public mutating func add(_ name: String, _ data: [UInt8]) {
    entries.append((name, data))
  }

  public mutating func add(_ name: String, text: String) {
    add(name, Array(text.utf8))
  }

  /// The archive's bytes: each entry's local header and data, then the central directory.
  public func bytes() -> [UInt8] {
    var out: [UInt8] = []
    var central: [UInt8] = []
    // 1980-01-01 00:00, the earliest DOS date: the same bytes for the same contents.
    let dosTime: UInt16 = 0
    let dosDate: UInt16 = (0 << 9) | (1 << 5) | 1
    for entry in entries {
      let name = Array(entry.name.utf8)
      let crc = CRC32.checksum(entry.data)
      let offset = UInt32(out.count)
      out.append(le32: 0x0403_4B50)
      out.append(le16: 20)  // version needed: 2.0
      out.append(le16: 0x0800)  // names are UTF-8
      out.append(le16: 0)  // stored
      out.append(le16: dosTime)
      out.append(le16: dosDate)
      out.append(le32: crc)
      out.append(le32: UInt32(entry.data.count))
      out.append(le32: UInt32(entry.data.count))
      out.append(le16: UInt16(name.count))
      out.append(le16: 0)
      out += name
      out += entry.data

      central.append(le32: 0x0201_4B50)
      central.append(le16: 20)  // made by: 2.0
      central.append(le16: 20)
      central.append(le16: 0x0800)
      central.append(le16: 0)
      central.append(le16: dosTime)
      central.append(le16: dosDate)
      central.append(le32: crc)
      central.append(le32: UInt32(entry.data.count))
      central.append(le32: UInt32(entry.data.count))
      central.append(le16: UInt16(name.count))
      central.append(le16: 0)  // extra
      central.append(le16: 0)  // comment
      central.append(le16: 0)  // disk
      central.append(le16: 0)  // internal attributes
      central.append(le32: 0)  // external attributes
      central.append(le32: offset)
      central += name
    }
    let centralOffset = UInt32(out.count)
    out += central
    out.append(le32: 0x0605_4B50)
    out.append(le16: 0)
    out.append(le16: 0)
    out.append(le16: UInt16(entries.count))
    out.append(le16: UInt16(entries.count))
    out.append(le32: UInt32(central.count))
    out.append(le32: centralOffset)
    out.append(le16: 0)
    return out
  }
}

extension Array where Element == UInt8 {
  fileprivate mutating func append(le16 value: UInt16) {
    append(UInt8(value & 0xFF))
    append(UInt8(value >> 8))
  }

  fileprivate mutating func append(le32 value: UInt32) {
    for shift in stride(from: 0, to: 32, by: 8) { append(UInt8((value >> UInt32(shift)) & 0xFF)) }
  }
}
