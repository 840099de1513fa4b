import Foundation

/// A zip archive with its files stored as they are, not compressed: what an exchange format
/// packed as a zip needs (a REFI-QDA project), written and read without a library. Small files
/// only: no ZIP64, so each file and the whole stay under 4 GiB.
public enum StoredZip {
    public struct Entry: Sendable, Equatable {
        public let path: String
        public let bytes: [UInt8]

        public init(path: String, bytes: [UInt8]) {
            self.path = path
            self.bytes = bytes
        }
    }

    public static func archive(_ entries: [Entry]) -> [UInt8] {
        var out: [UInt8] = []
        var central: [UInt8] = []
        for entry in entries {
            let name = Array(entry.path.utf8)
            let crc = crc32(entry.bytes)
            let offset = UInt32(out.count)
            // Local file header: version 2.0, UTF-8 names (bit 11), stored, no date.
            out += le32(0x0403_4B50) + le16(20) + le16(0x0800) + le16(0) + le16(0) + le16(0x21)
            out += le32(crc) + le32(UInt32(entry.bytes.count)) + le32(UInt32(entry.bytes.count)) + le16(UInt16(name.count)) + le16(0)
            out += name + entry.bytes
            central += le32(0x0201_4B50) + le16(20) + le16(20) + le16(0x0800) + le16(0) + le16(0) + le16(0x21)
            central += le32(crc) + le32(UInt32(entry.bytes.count)) + le32(UInt32(entry.bytes.count)) + le16(UInt16(name.count))
            central += le16(0) + le16(0) + le16(0) + le16(0) + le32(0) + le32(offset) + name
        }
        let start = UInt32(out.count)
        out += central
        out += le32(0x0605_4B50) + le16(0) + le16(0) + le16(UInt16(entries.count)) + le16(UInt16(entries.count))
        out += le32(UInt32(central.count)) + le32(start) + le16(0)
        return out
    }

    /// The files of an archive this type wrote (stored, CRC checked); nil for anything else.
    public static func entries(of archive: [UInt8]) -> [Entry]? {
        var entries: [Entry] = []
        var at = 0
        while at + 30 <= archive.count, read32(archive, at) == 0x0403_4B50 {
            guard read16(archive, at + 8) == 0 else { return nil }
            let crc = read32(archive, at + 14), size = Int(read32(archive, at + 18))
            let nameLength = Int(read16(archive, at + 26)), extra = Int(read16(archive, at + 28))
            let start = at + 30 + nameLength + extra
            guard start + size <= archive.count, let name = String(bytes: archive[(at + 30)..<(at + 30 + nameLength)], encoding: .utf8) else {
                return nil
            }
            let bytes = Array(archive[start..<(start + size)])
            guard crc32(bytes) == crc else { return nil }
            entries.append(Entry(path: name, bytes: bytes))
            at = start + size
        }
        return read32(archive, at) == 0x0201_4B50 || entries.isEmpty ? entries : nil
    }

    static let table: [UInt32] = (0..<256).map { index in
        var value = UInt32(index)
        for _ in 0..<8 { value = value & 1 == 1 ? 0xEDB8_8320 ^ (value >> 1) : value >> 1 }
        return value
    }

    public static func crc32(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes { crc = table[Int((crc ^ UInt32(byte)) & 0xFF)] ^ (crc >> 8) }
        return crc ^ 0xFFFF_FFFF
    }

    static func le16(_ value: UInt16) -> [UInt8] { [UInt8(value & 0xFF), UInt8(value >> 8)] }
    static func le32(_ value: UInt32) -> [UInt8] { (0..<4).map { UInt8((value >> ($0 * 8)) & 0xFF) } }
    static func read16(_ bytes: [UInt8], _ at: Int) -> UInt16 { UInt16(bytes[at]) | UInt16(bytes[at + 1]) << 8 }
    static func read32(_ bytes: [UInt8], _ at: Int) -> UInt32 {
        guard at + 4 <= bytes.count else { return 0 }
        return (0..<4).reduce(0) { $0 | UInt32(bytes[at + $1]) << ($1 * 8) }
    }
}
