import Foundation
import Testing
import Yams
@testable import DocFill

/// `YAMLCoreSchema` matches by hand what these regular expressions (the rules DocFill gave
/// Yams' `Resolver` before) match; they stay here as the reference.
@Suite struct YAMLCoreSchemaTests {
    nonisolated(unsafe) private static let rules: [(Yams.Tag.Name, NSRegularExpression)] = ([
        (.null, "^(?:~|null|Null|NULL|)$"),
        (.bool, "^(?:true|True|TRUE|false|False|FALSE)$"),
        (.int, "^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$"),
        (.float, #"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"#),
        (.merge, "^(?:<<)$"),
    ] as [(Yams.Tag.Name, String)]).map { ($0.0, try! NSRegularExpression(pattern: $0.1)) }

    private static func reference(_ text: String) -> Yams.Tag.Name {
        let range = NSRange(location: 0, length: text.utf16.count)
        return rules.first { $0.1.firstMatch(in: text, range: range) != nil }?.0 ?? .str
    }

    @Test func namedCases() {
        let cases: [(String, Yams.Tag.Name)] = [
            ("", .null), ("~", .null), ("null", .null), ("NULL", .null), ("nULL", .str),
            ("true", .bool), ("False", .bool), ("yes", .str), ("NO", .str), ("tRUE", .str),
            ("0", .int), ("-12", .int), ("+007", .int), ("0o17", .int), ("0x1F", .int), ("0o18", .str),
            ("-0x1", .str), ("0x", .str), ("1_000", .str), ("1.", .float), (".5", .float), ("-.5e-3", .float),
            ("1e3", .float), ("1E+3", .float), ("1e", .str), (".", .str), ("+.inf", .float), ("-.nan", .str),
            (".NaN", .float), ("<<", .merge), ("2024-01-02", .str), ("１２", .str), ("12 ", .str),
        ]
        for (text, tag) in cases {
            #expect(YAMLCoreSchema.tag(ofPlain: text) == tag, "\(text)")
            #expect(Self.reference(text) == tag, "the reference disagrees on \(text)")
        }
    }

    /// Every string of up to three characters over an alphabet that reaches each branch, then
    /// seeded random ones up to eight long.
    @Test func agreesWithTheRegularExpressions() {
        // No line breaks: a plain scalar never ends with one, and there `$` would also match
        // before it.
        let alphabet = Array("0178aFxoeE.-+<~ni ")
        var texts = [""], level = [""]
        for _ in 0..<3 {
            level = level.flatMap { t in alphabet.map { t + String($0) } }
            texts += level
        }
        var rng = PropertyTests.SeededRandom(seed: 2024)
        for _ in 0..<20_000 {
            texts.append(String((0..<Int.random(in: 4...8, using: &rng)).map { _ in alphabet.randomElement(using: &rng)! }))
        }
        for text in texts where YAMLCoreSchema.tag(ofPlain: text) != Self.reference(text) {
            Issue.record("'\(text)': \(YAMLCoreSchema.tag(ofPlain: text)) but the rules say \(Self.reference(text))")
            return
        }
        #expect(texts.count > 25_000)
    }

    @Test func quotedAndTaggedScalarsKeepTheirTags() throws {
        let node = try #require(try Yams.compose(yaml: "[12, '12', !!str 12, !!float 1, ! 3]", Resolver.basic))
        #expect(node.sequence.map { Array($0.map(YAMLCoreSchema.tag(of:))) }
                == [.int, .str, .str, .float, Yams.Tag.Name(rawValue: "!")])
        #expect(YAMLCoreSchema.tag(of: try #require(try Yams.compose(yaml: "{a: 1}", Resolver.basic))) == .map)
    }
}
