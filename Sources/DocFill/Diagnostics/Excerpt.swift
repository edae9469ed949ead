/// Text of a template or of data quoted in a message: on one line and cut to `limit`
/// characters with an ellipsis, so that a 100 KB name or paragraph gives a short message,
/// not a 100 KB one.
enum Excerpt {
    /// The most characters of one quoted text.
    static let limit = 60

    /// `text` with line breaks and tabs as spaces, trimmed, and cut after `limit` characters.
    static func of<S: StringProtocol>(_ text: S, limit: Int = limit) -> String {
        var out = ""
        var count = 0
        // Only the characters kept are visited: cutting a huge text costs nothing.
        for character in text.drop(while: \.isWhitespace) {
            if count == limit { return out.trimmingWhitespace() + "…" }
            out.append(character.isWhitespace ? " " : character)
            count += 1
        }
        return out.trimmingWhitespace()
    }

    /// The same for UTF-8 bytes, of which only the start is decoded.
    static func of(bytes: [UInt8], limit: Int = limit) -> String {
        // A character is rarely over 16 bytes (a letter with several combining marks).
        let budget = limit * 16
        guard bytes.count > budget else { return of(String(decoding: bytes, as: UTF8.self), limit: limit) }
        let start = of(String(decoding: bytes[..<budget], as: UTF8.self), limit: limit)
        return start.hasSuffix("…") ? start : start + "…"
    }
}

extension TemplateTag {
    /// The tag as written, shortened for a message.
    var shortSource: String { Excerpt.of(source) }
}
