/// One entry of a template archive, as its central directory declares it.
public struct ArchiveEntry: Sendable, Hashable {
    /// The entry's position in the archive's central directory.
    public let index: Int
    /// The entry's path inside the archive (`word/document.xml`).
    public let name: String
    /// The uncompressed size the central directory declares, in bytes.
    public let size: Int
    /// The compressed size the central directory declares, in bytes.
    public let compressedSize: Int
    let compressionMethod: Int32
    let isEncrypted: Bool
}

extension ArchiveEntry {
    /// Names that could escape the output folder if anything ever extracted the archive:
    /// parent references, absolute paths, backslashes, drive letters and NUL.
    /// Checked on the UTF-8 bytes in one pass (every render reopens the template's archive).
    static func isSafeName(_ name: String) -> Bool {
        let bytes = name.utf8
        guard let first = bytes.first, first != UInt8(ascii: "/") else { return false }
        var index = 0, segmentStart = 0, dots = 0
        for b in bytes {
            switch b {
            case UInt8(ascii: "\\"), 0: return false
            case UInt8(ascii: ":") where index == 1: return false
            case UInt8(ascii: "/"):
                if index - segmentStart == 2 && dots == 2 { return false }
                segmentStart = index + 1; dots = 0
            case UInt8(ascii: "."): dots += 1
            default: break
            }
            index += 1
        }
        return !(index - segmentStart == 2 && dots == 2)
    }
}
