import Testing
@testable import DocFill

/// The inline Markdown subset of rich values (`RichText.parse`), alone: marks, nesting,
/// links, escapes, blocks, and markup that stays text.
struct RichTextTests {
    static func runs(_ source: String) -> [RichRun] { RichText.parse(source).blocks.first?.runs ?? [] }

    @Test(arguments: [("*x*", RichMarks.italic), ("**x**", .bold), ("__x__", .underline), ("~~x~~", .strike),
                      ("^x^", .superscript), ("~x~", .subscript)])
    func eachMarkAlone(_ source: String, _ mark: RichMarks) {
        #expect(Self.runs("a " + source + " b") == [RichRun("a "), RichRun("x", marks: mark), RichRun(" b")])
        #expect(RichText.parse(source).problems.isEmpty)
    }

    @Test func marksNest() {
        #expect(Self.runs("**bold *both***") == [RichRun("bold ", marks: .bold), RichRun("both", marks: [.bold, .italic])])
        #expect(Self.runs("*it **both** it*") == [RichRun("it ", marks: .italic), RichRun("both", marks: [.italic, .bold]),
                                                   RichRun(" it", marks: .italic)])
        #expect(Self.runs("__~~x~~__") == [RichRun("x", marks: [.underline, .strike])])
        #expect(Self.runs("m^2^ CO~2~") == [RichRun("m"), RichRun("2", marks: .superscript), RichRun(" CO"), RichRun("2", marks: .subscript)])
    }

    @Test func links() {
        #expect(Self.runs("see [the *site*](https://example.com/a?b=1&c=2).") == [
            RichRun("see "), RichRun("the ", link: "https://example.com/a?b=1&c=2"),
            RichRun("site", marks: .italic, link: "https://example.com/a?b=1&c=2"), RichRun("."),
        ])
        #expect(Self.runs("[mail](mailto:a@b.vn)") == [RichRun("mail", link: "mailto:a@b.vn")])
        // Other schemes and references stay text, without a problem.
        for text in ["[x](javascript:alert(1))", "[x](file:///etc/passwd)", "[1] and [2]", "[x](www.a.vn)"] {
            #expect(RichText.parse(text).plainText == text)
            #expect(RichText.parse(text).problems.isEmpty, "\(text)")
        }
    }

    /// Links as CommonMark reads them: parentheses nest in the address and `\)` is a `)`,
    /// brackets nest in the text; a mark cannot cross a link's bounds (it stays text, with
    /// a problem for `check`).
    @Test func linkBoundsAsInCommonMark() {
        #expect(Self.runs("[a](https://x.org/wiki/Foo_(bar)) b") == [RichRun("a", link: "https://x.org/wiki/Foo_(bar)"), RichRun(" b")])
        #expect(Self.runs(#"[a](https://x.org/a\)b)"#) == [RichRun("a", link: "https://x.org/a)b")])
        #expect(Self.runs("[a]( https://x.org/(1)(2) )") == [RichRun("a", link: "https://x.org/(1)(2)")])
        #expect(Self.runs("[a [b] c](https://x)") == [RichRun("a [b] c", link: "https://x")])
        #expect(Self.runs("[a](https://x.org/(b c)") == [RichRun("[a](https://x.org/(b c)")])
        let crossing = RichText.parse("[*a](https://x)*")
        #expect(crossing.blocks.first?.runs == [RichRun("*a", link: "https://x"), RichRun("*")])
        #expect(crossing.problems.count == 1 && crossing.problems[0].offset == 1 && crossing.problems[0].message.contains("link"))
        // Opened before the link, closing inside it: the marker is text, the link a link.
        let into = RichText.parse("*a [b* c](https://x)")
        #expect(into.blocks.first?.runs == [RichRun("*a "), RichRun("b* c", link: "https://x")])
        #expect(into.problems.map(\.offset) == [0])
        // A mark around a whole link is fine.
        #expect(Self.runs("*[a](https://x)*") == [RichRun("a", marks: .italic, link: "https://x")])
    }

    /// An address holding a character XML cannot carry (which the text writer drops) is not
    /// a link: the whole `[text](url)` stays text.
    @Test(arguments: ["\u{1}", "\u{7F}", "\u{85}", "\u{FFFE}", "\u{FFFF}"])
    func linkWithAControlCharacterStaysText(_ control: String) {
        let source = "[x](https://a.b/\(control)z) after"
        #expect(Self.runs(source) == [RichRun(source)])
        #expect(Self.runs("[x](https://a.b/z)") == [RichRun("x", link: "https://a.b/z")])
    }

    @Test func escapesAndLiteralText() {
        #expect(Self.runs(#"\*not italic\* \\ \[x](https://a.vn)"#) == [RichRun(#"*not italic* \ [x](https://a.vn)"#)])
        // Spaced markers are arithmetic, not markup; HTML is text.
        for text in ["2 * 3 * 4", "a ~ b ^ c", "<i>Dân vận khéo</i>", "x < y & z", "~5 km", "snake_case_name"] {
            #expect(RichText.parse(text).plainText == text)
            #expect(RichText.parse(text).problems.isEmpty, "\(text)")
        }
    }

    /// A closer right after its opener closes nothing, so no empty mark swallows its markers
    /// (`^^x^^` printed "x^^", `[](url)` printed nothing, `****` nothing).
    @Test func emptyMarkupKeepsEveryCharacter() {
        for text in ["****", "~~~~", "__ __", "[](https://empty.example/)", "**** a", "x^^", "~~", "[]()"] {
            #expect(RichText.parse(text).plainText == text, "\(text)")
        }
        // The first `^` opens a superscript holding "^x"; the last `^` is text.
        #expect(Self.runs("^^x^^") == [RichRun("^x", marks: .superscript), RichRun("^")])
        #expect(Self.runs("a **b** c") == [RichRun("a "), RichRun("b", marks: .bold), RichRun(" c")])
    }

    @Test func unclosedMarkersStayTextWithTheirPlace() {
        let rich = RichText.parse("ok *one\n**two")
        #expect(rich.plainText == "ok *one\n**two")
        #expect(rich.problems.map(\.offset) == [3, 8])
        #expect(rich.problems.allSatisfy { $0.message.contains("not closed") })
        #expect(RichText.parse("[x](https://a.vn").problems.map(\.offset) == [0])
    }

    @Test func blocks() {
        let rich = RichText.parse("first *line*\nsecond\n\n\n- one\n- **two**\nafter")
        #expect(rich.blocks.map(\.kind) == [.paragraph, .bullet, .bullet, .paragraph])
        #expect(rich.blocks[0].runs == [RichRun("first "), RichRun("line", marks: .italic), RichRun("\nsecond")])
        #expect(rich.blocks[2].runs == [RichRun("two", marks: .bold)])
        #expect(rich.plainText == "first line\nsecond\n• one\n• two\nafter")
        #expect(RichText.parse("").blocks.isEmpty && RichText.parse("\r\n").plainText.isEmpty)
    }

    /// The parser reads UTF-8 bytes: problems are still placed in characters, spaces beyond
    /// ASCII still count as spaces, `\r\n` is one line end, and text around marks is intact.
    @Test func bytesParserKeepsCharacters() {
        let rich = RichText.parse("Đảng ủy *mở\r\nĐoàn **x")
        #expect(rich.problems.map(\.offset) == [8, 17])
        #expect(rich.plainText == "Đảng ủy *mở\nĐoàn **x")
        // A no-break space before a marker: no closer (`2\u{A0}*\u{A0}3` stays text).
        #expect(RichText.parse("2\u{A0}*\u{A0}3 *x\u{A0}*").plainText == "2\u{A0}*\u{A0}3 *x\u{A0}*")
        #expect(Self.runs("Nghị quyết *Dân vận khéo* — m^2^") == [RichRun("Nghị quyết "), RichRun("Dân vận khéo", marks: .italic),
                                                               RichRun(" — m"), RichRun("2", marks: .superscript)])
        #expect(Self.runs("[Hà Nội](https://vi.wikipedia.org/wiki/Hà_Nội_(định_hướng))") == [
            RichRun("Hà Nội", link: "https://vi.wikipedia.org/wiki/Hà_Nội_(định_hướng)")])
        #expect(RichText.parse("a\r\n\r\nb").blocks.count == 2 && RichText.parse("a\r\rb").blocks.count == 2)
    }

    @Test func controlCharactersAndSpecialsPassThrough() {
        let text = "a\u{1}b\t&<>\"'"
        #expect(RichText.parse(text).plainText == text)
    }

    /// Adversarial markup, 200 KB of each pattern that made the parser quadratic (openers
    /// whose closers are taken by markup inside, link texts whose marks run past the `](`),
    /// parses to the result a short text of it has. Run time is not asserted: a quadratic
    /// parser shows as this test taking minutes.
    @Test func adversarialMarkupParses() {
        let unclosed = String(repeating: "*a **b ", count: 200_000 / 7)
        let one = RichText.parse(unclosed)
        #expect(one.blocks.count == 1 && one.blocks[0].runs.count == 1 && one.blocks[0].plainText == unclosed)
        #expect(one.problems.count == 2 * (200_000 / 7))

        let count = 200_000 / 17
        let links = RichText.parse(String(repeating: "[*a](https://x)* ", count: count))
        let runs = links.blocks.first?.runs ?? []
        // Each link a link, its `*` text (a mark cannot cross the link's bounds).
        #expect(runs.count == 2 * count && links.problems.count == count)
        let wrong = runs.enumerated().filter { n, run in run != (n % 2 == 0 ? RichRun("*a", link: "https://x") : RichRun("* ")) }
        #expect(wrong.isEmpty, "\(wrong.prefix(3))")

        let brackets = String(repeating: "[", count: 100_000) + "x] ](https://x)" + String(repeating: "*a ", count: 30_000) + "[x"
        let bracketRuns = RichText.parse(brackets).blocks.first?.runs ?? []
        // The `[` two before the `x` matches the `]` before `(`: brackets nest in a link's text.
        #expect(bracketRuns.count == 3 && bracketRuns.map(\.text).joined() == brackets.replacingOccurrences(of: "[[x] ](https://x)", with: "[x] "))
        #expect(bracketRuns[1] == RichRun("[x] ", link: "https://x"))
        // Many addresses never closed: read once, not once per link.
        let addresses = String(repeating: "[a](x(", count: 200_000 / 6)
        #expect(RichText.parse(addresses).plainText == addresses)
    }

    @Test func valueCarriesRichTextAsAnObject() throws {
        let value = Value.rich("**Bold** text")
        #expect(value == .object(["md": .string("**Bold** text")]))
        #expect(value.richSource == "**Bold** text" && value.scalarText == "Bold text" && value.kindName == "rich text")
        #expect(!Value.rich("").isTruthy && Value.rich("x").isTruthy)
        // Falsy and empty as its plain text is: blank lines only, an empty bullet-less text.
        #expect(!Value.rich("\n\n").isTruthy && Value.rich("\n\n").isEmptyRichText && !Value.rich("*x*").isEmptyRichText)
        #expect(try FilterSet.standard.functions["default"]!(.rich(""), ["DEF"]) == .string("DEF"))
        #expect(try FilterSet.standard.functions["default"]!(.rich("x"), ["DEF"]) == .rich("x"))
        #expect(Value.object(["md": .string("x"), "other": .int(1)]).richSource == nil)
        let md = try #require(FilterSet.standard.functions["md"])
        #expect(try md(.string("*x*"), []) == .rich("*x*"))
        #expect(try md(.rich("*x*"), []) == .rich("*x*"))
        // Ordinary filters see the plain text.
        #expect(try FilterSet.standard.functions["upper"]!(.rich("*x* y"), []) == .string("X Y"))
    }
}
