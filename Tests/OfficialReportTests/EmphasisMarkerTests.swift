import Foundation
import Testing
@testable import OfficialReport

/// `ReportFormat.plain` against what it replaced: NSString removal of the italic tags, then
/// the two emphasis regular expressions.
@Suite struct EmphasisMarkerTests {
    private static let emphasis = [#"\*\*(\S(?:.*?\S)?)\*\*"#, #"\*(\S(?:.*?\S)?)\*"#]
        .map { try! NSRegularExpression(pattern: $0) }

    private static func reference(_ text: String) -> String {
        let s = NSMutableString(string: text.replacingOccurrences(of: "<i>", with: "").replacingOccurrences(of: "</i>", with: ""))
        for pattern in emphasis {
            _ = pattern.replaceMatches(in: s, range: NSRange(location: 0, length: s.length), withTemplate: "$1")
        }
        return s as String
    }

    @Test(arguments: [
        ("no markers", "no markers"),
        ("a **bold** and *italic* word", "a bold and italic word"),
        ("<i>nghiêng</i> chữ", "nghiêng chữ"),
        ("**a**b**", "a**b"),
        ("* not emphasis *", "* not emphasis *"),
        ("*a\nb*", "*a\nb*"),
        ("**x**", "x"),
        ("***x***", "x"),
        ("2 * 3 = 6, 4*5", "2 * 3 = 6, 4*5"),
        ("</<i>i>", ""),
        ("<<i>i>", "<i>"),
        ("*😀*", "😀"),
        // NSMutableString moves a replaced range's end back to the start of its character:
        // the third star and the combining mark are one character, so only two stars go.
        ("***\u{301}><", "**\u{301}><"),
    ])
    func examples(text: String, plain: String) {
        #expect(ReportFormat.plain(text) == plain)
        #expect(Self.reference(text) == plain, "the reference disagrees")
    }

    @Test func agreesWithTheRegularExpressionsOnRandomText() {
        // Marks only inside whole characters: a star that shares its character with a mark
        // can crash the reference (NSMutableString's shifted ranges overrun the text).
        let pieces = ["*", "**", "a", "ệ", " ", "\n", "\u{2028}", "\u{A0}", "\u{85}", "<i>", "</i>", "<", "i", ">",
                      "/", "e\u{301}", "😀", "👩\u{200D}💻", "\t", "\r\n", "x"]
        var state: UInt64 = 2023
        func next() -> UInt64 {    // SplitMix64, seeded: the same texts on every run
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        for _ in 0..<20_000 {
            let text = (0..<Int(next() % 16)).map { _ in pieces[Int(next() % UInt64(pieces.count))] }.joined()
            guard ReportFormat.plain(text) == Self.reference(text) else {
                Issue.record("\(text.debugDescription) → \(ReportFormat.plain(text).debugDescription), the reference gives \(Self.reference(text).debugDescription)")
                return
            }
        }
    }
}
