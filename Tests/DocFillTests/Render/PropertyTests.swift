import Foundation
import Testing
@testable import DocFill

/// Random data into the fixture templates: strings from every Unicode plane, control
/// characters, U+FFFE/U+FFFF and other noncharacters, line and paragraph separators, and very
/// long strings. Every output re-opens as a template (its archive and every XML part parse),
/// and a handful are checked against the official schemas. The generator is seeded, so a
/// failure names the seed that reproduces it.
struct PropertyTests {
    /// SplitMix64: small, fast and the same on every platform.
    struct SeededRandom: RandomNumberGenerator {
        var state: UInt64
        init(seed: UInt64) { state = seed }
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    static func scalar(_ rng: inout SeededRandom) -> Unicode.Scalar {
        let special: [UInt32] = [0x0, 0x9, 0xA, 0xD, 0x1F, 0x7F, 0x85, 0xA0, 0x200B, 0x200D, 0x2028, 0x2029,
                                 0xFEFF, 0xFFFD, 0xFFFE, 0xFFFF, 0xFDD0, 0xFDEF, 0x1FFFE, 0x10FFFF, 0xE000,
                                 0x26, 0x3C, 0x3E, 0x22, 0x27, 0x7B, 0x7D, 0x20]
        var value: UInt32
        switch Int.random(in: 0..<10, using: &rng) {
        case 0: value = special.randomElement(using: &rng)!
        case 1: value = UInt32.random(in: 0..<0x20, using: &rng)                   // C0 controls
        case 2: value = UInt32.random(in: 0x80..<0xA0, using: &rng)                // C1 controls
        case 3, 4: value = UInt32.random(in: 0x20..<0x7F, using: &rng)             // ASCII
        case 5: value = UInt32.random(in: 0xA0..<0x3000, using: &rng)              // Latin … Vietnamese, combining marks
        case 6: value = UInt32.random(in: 0x3000..<0x10000, using: &rng)           // rest of the BMP
        case 7: value = UInt32(Int.random(in: 1...16, using: &rng)) << 16 | UInt32.random(in: 0xFFFE...0xFFFF, using: &rng) // plane noncharacters
        default: value = UInt32.random(in: 0x10000...0x10FFFF, using: &rng)         // planes 1–16
        }
        if (0xD800...0xDFFF).contains(value) { value = 0xFFFD }   // surrogates are not scalars
        return Unicode.Scalar(value)!
    }

    static func string(_ rng: inout SeededRandom, length: Int) -> String {
        var s = String.UnicodeScalarView()
        for _ in 0..<length { s.append(scalar(&rng)) }
        return String(s)
    }

    /// The fixture's data with every string replaced; one of them is 100,000 characters long.
    static func randomize(_ value: Value, _ rng: inout SeededRandom, long: inout Bool) -> Value {
        switch value {
        case .string:
            if !long { long = true; return .string(string(&rng, length: 100_000)) }
            return .string(string(&rng, length: Int.random(in: 0...(Bool.random(using: &rng) ? 8 : 300), using: &rng)))
        case .array(let items): return .array(items.map { randomize($0, &rng, long: &long) })
        case .object(let members): return .object(members.mapValues { randomize($0, &rng, long: &long) })
        default: return value
        }
    }

    static func render(_ c: FixtureRenderTests.Case, seed: UInt64) throws -> String {
        var rng = SeededRandom(seed: seed)
        var long = false
        let data = randomize(try FixtureRenderTests.data(c.name), &rng, long: &long)
        let template = try DocumentTemplate(contentsOf: TestPaths.fixture(c.template), options: FixtureRenderTests.options(for: c.name))
        let out = TestPaths.scratch("\(c.template)-\(seed)").appendingPathComponent("out.\((c.template as NSString).pathExtension)").path
        try template.render(data, to: out)
        return out
    }

    /// Delimiters the output cannot contain (control characters are dropped), so re-opening
    /// checks the archive and the XML, not braces the random text happens to hold.
    static let inert = CompileOptions(delimiters: Delimiters(open: "\u{1}\u{1}", close: "\u{2}\u{2}"))

    static let seeds: [UInt64] = [1, 2, 3, 0xD0CF11]

    @Test(arguments: FixtureRenderTests.cases)
    func everyOutputReopens(_ c: FixtureRenderTests.Case) throws {
        for seed in Self.seeds {
            let out = try Self.render(c, seed: seed)
            #expect(throws: Never.self, "seed \(seed)") { _ = try DocumentTemplate(contentsOf: out, options: Self.inert) }
            #expect(throws: Never.self, "seed \(seed)") { _ = try DocumentText.extract(out) }
        }
    }

    /// Schema validation costs about a second per file: a handful of renders.
    @Test(arguments: [("row-loop.docx", UInt64(11)), ("row-loop.odt", 12), ("variables.docx", 13),
                      ("header-footer.odt", 14), ("paragraph-loop.docx", 15), ("odt-specifics.odt", 16)])
    func outputsAreSchemaValid(_ template: String, _ seed: UInt64) throws {
        let c = FixtureRenderTests.cases.first { $0.template == template }!
        let out = try Self.render(c, seed: seed)
        let before = try SchemaValidation.errors(of: TestPaths.fixture(template))
        let after = try SchemaValidation.errors(of: out)
        #expect(after.subtracting(before).isEmpty, "seed \(seed): new schema errors: \(after.subtracting(before))")
    }
}
