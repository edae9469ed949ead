import DocFill
import Testing
@testable import OfficialReport

/// `ReportText.prefixed` keeps a rich text rich without parsing it again: what parsing the
/// prefixed text finds, for every item and bullet of the seed and for texts made to test
/// the edges (a mark right after the prefix, a bullet-like prefix, a prefix with a star).
struct ReportTextPrefixTests {
    @Test func aPrefixedTextIsRichExactlyWhenParsingSaysSo() throws {
        let report = try Fixture.loadSample()
        var texts: [String] = ["*a*", "**b** c", "[x](https://example.com)", "a *b*", "~s~ t", "*a*\n- b", "2 * 3 *4*"]
        func bullets(_ list: [ReportBullet]) { for b in list { texts.append(b.text); bullets(b.bullets) } }
        for part in report.parts {
            for section in part.sections {
                for item in section.items + section.subsections.flatMap(\.items) {
                    texts.append(item.text ?? "")
                    bullets(item.bullets)
                }
            }
        }
        var rich = 0
        for text in texts {
            for prefix in ["1. ", "12. ", "- ", "+ ", "• ", "* ", "a) "] {
                let prefixed = ReportText(text).prefixed(prefix)
                #expect(prefixed.isRich == RichText.hasMarks(prefixed.markup), "\(prefix)\(text)")
                if prefixed.isRich { rich += 1 }
            }
        }
        #expect(rich > 20)
    }
}
