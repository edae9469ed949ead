/// One entry of a template archive, as its central directory declares it.
public struct ArchiveEntry: Sendable, Hashable {
    public let index: Int
    public let name: String
    public let size: Int
    public let compressedSize: Int
    let compressionMethod: Int32
    let isEncrypted: Bool
}

extension ArchiveEntry {
    /// Names that could escape the output folder if anything ever extracted the archive:
    /// parent references, absolute paths, backslashes, drive letters and NUL.
    static func isSafeName(_ name: String) -> Bool {
        if name.isEmpty || name.hasPrefix("/") || name.contains("\\") || name.contains("\0") { return false }
        let bytes = Array(name.utf8)
        if bytes.count >= 2, bytes[1] == UInt8(ascii: ":") { return false }
        return !name.split(separator: "/", omittingEmptySubsequences: false).contains("..")
    }
}
