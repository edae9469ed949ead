/// The one rule for the spaces of text DocFill writes or cuts, by the profile's `SpaceRule`:
/// applied at compile time to text elements that lost characters to tags or hold a value,
/// and at render time to values (`PlanRenderer.writeText`).
///
/// - DOCX: a `w:t` whose text starts or ends with whitespace, or that holds a value, carries
///   `xml:space="preserve"` (Word and LibreOffice drop those spaces otherwise).
/// - ODF: readers collapse runs of spaces and drop leading ones; a space is written literally
///   only right after a non-space character of the same text, every other one (at the start
///   of a text, after a line break or after another space) as `<text:s/>`.
enum TextSpaces {
    /// How many of `count` spaces are literal and how many `text:s`.
    static func split(_ count: Int, afterText: Bool) -> (literal: Int, encoded: Int) {
        let literal = afterText ? min(1, count) : 0
        return (literal, count - literal)
    }

    /// `<text:s/>` or `<text:s text:c="N"/>`.
    static func markup(encoded: Int, prefix: String) -> [UInt8] {
        if encoded <= 0 { return [] }
        return Array((encoded == 1 ? "<\(prefix):s/>" : "<\(prefix):s \(prefix):c=\"\(encoded)\"/>").utf8)
    }

    /// Compile time: the text elements in `touched` (those that lost characters to tags, and
    /// the pieces of split runs) and those holding a value placeholder.
    static func keep(touched: [XMLElement], values: [TagPlaceholder], profile: FormatProfile) {
        switch profile.spaceRule {
        case .preserveAttribute:
            for p in values where p.tag.isValue { p.parent.map(preserve) }
            for carrier in touched where carrier.parent != nil && carrier.matches(profile.textCarriers)
                && !carrier.matches(profile.plainTextCarriers) {
                let texts = carrier.children.compactMap { ($0 as? XMLText)?.bytes }.filter { !$0.isEmpty }
                if let first = texts.first?.first, let last = texts.last?.last, isWhitespace(first) || isWhitespace(last) {
                    preserve(carrier)
                }
            }
        case .spaceElements:
            var seen = Set<ObjectIdentifier>()
            // Plain-text carriers (input fields, flat ODT's properties) may hold characters only.
            for carrier in touched where carrier.parent != nil && carrier.matches(profile.textCarriers)
                && !carrier.matches(profile.plainTextCarriers) {
                guard seen.insert(ObjectIdentifier(carrier)).inserted else { continue }
                for case let text as XMLText in carrier.children where needsElements(text.bytes) {
                    guard let index = text.indexInParent else { continue }
                    carrier.children[index] = XMLRaw(encoded(text.bytes, prefix: carrier.prefix ?? ""))
                    carrier.children[index].parent = carrier
                    text.retire(from: carrier)
                }
            }
        case .asWritten:
            break
        }
    }

    private static func preserve(_ carrier: XMLElement) {
        carrier.setAttribute(prefix: "xml", name: "space", value: "preserve")
    }

    private static func isWhitespace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D }

    /// A leading space, or two spaces in a row.
    private static func needsElements(_ bytes: [UInt8]) -> Bool {
        guard let first = bytes.first else { return false }
        if first == 0x20 { return true }
        for i in bytes.indices.dropFirst() where bytes[i] == 0x20 && bytes[i - 1] == 0x20 { return true }
        return false
    }

    /// Escaped text with its spaces written by the rule.
    private static func encoded(_ bytes: [UInt8], prefix: String) -> [UInt8] {
        var out: [UInt8] = [], i = 0, start = 0
        while i < bytes.count {
            guard bytes[i] == 0x20 else { i += 1; continue }
            XMLWriter.escapeText(Array(bytes[start..<i]), into: &out)
            var end = i
            while end < bytes.count, bytes[end] == 0x20 { end += 1 }
            let (literal, encoded) = split(end - i, afterText: i > 0)
            out += [UInt8](repeating: 0x20, count: literal)
            out += markup(encoded: encoded, prefix: prefix)
            i = end; start = end
        }
        XMLWriter.escapeText(Array(bytes[start...]), into: &out)
        return out
    }
}
