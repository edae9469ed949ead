/// Flat ODF (.fodt): a whole OpenDocument text in one XML file, reviewable and diffable in
/// version control. It is recognised by content: XML whose root is office:document (in
/// UTF-8 or UTF-16).
enum FlatODF {
    static let partName = ""

    static func isFlat(_ bytes: [UInt8]) -> Bool {
        guard !bytes.starts(with: [0x50, 0x4B]) else { return false }
        let prefix = bytes.prefix(4096)
        let utf8 = XMLEncoding.utf16(prefix).flatMap { XMLEncoding.utf8(from: prefix, $0, partial: true) } ?? Array(prefix)
        let head = String(decoding: utf8, as: UTF8.self)
        return head.contains("<office:document") || head.contains(":document ") && head.contains("opendocument")
    }
}
