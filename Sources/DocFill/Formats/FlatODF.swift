/// Flat ODF (.fodt): a whole OpenDocument text in one XML file, reviewable and diffable in
/// version control. It is recognised by content: XML whose root is office:document.
enum FlatODF {
    static let partName = ""

    static func isFlat(_ bytes: [UInt8]) -> Bool {
        guard !bytes.starts(with: [0x50, 0x4B]) else { return false }
        let head = String(decoding: bytes.prefix(4096), as: UTF8.self)
        return head.contains("<office:document") || head.contains(":document ") && head.contains("opendocument")
    }
}
