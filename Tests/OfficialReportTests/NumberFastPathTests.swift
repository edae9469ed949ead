import Foundation
import Testing
@testable import OfficialReport
@testable import DocFill

/// The byte-level paths figures take (ASCII figures parsed from bytes, whole numbers printed
/// from their integer) give exactly what the general paths give, on every text of a
/// generated corpus: the speed-up changes no figure.
struct NumberFastPathTests {
    /// Every text of up to `length` characters over `alphabet`, sampled by a fixed-seed walk.
    static func corpus(_ alphabet: [String], count: Int) -> [String] {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int(state >> 33)
        }
        return (0..<count).map { _ in (0..<(next() % 9)).map { _ in alphabet[next() % alphabet.count] }.joined() }
    }

    @Test func asciiFiguresParseAsByCharacters() {
        let texts = Self.corpus(["0", "1", "5", "9", ".", ",", "-", "%", " ", "\t", "x", "05"], count: 40_000)
            + Self.corpus(["1", "0", ".", ",", "−", "\u{00A0}", "\u{3000}", "ệ", "đ", " ", "%"], count: 20_000)
            + ["", " ", "-", "%", "1.000", "27 triệu đồng", "Quý I", "−1.500", " 12\u{2009}", "1.000.000", "12.34", "1.2345", "1,", ",5", "1,5,6", "−5", "5\u{00A0}", "\u{3000}7"]
        var numbers = 0
        for text in texts {
            let fast = VietnameseNumber.parse(text), general = VietnameseNumber.parseCharacters(text)
            #expect(fast == general, "'\(text)': \(String(describing: fast)) vs \(String(describing: general))")
            if fast != nil { numbers += 1 }
        }
        #expect(numbers > 5_000, "the corpus should hold many numbers: \(numbers)")
    }

    @Test func wholeNumbersPrintAsByDigits() {
        let values: [Double] = [0, -0.0, 1, -1, 999, 1000, -1000, 14490, 1_000_000, 123_456_789, 8_999_999_999_999_998, 4.5e15]
            + (0..<2_000).map { Double($0 * 7919 - 5_000_000) }
        for value in values {
            for places in [0, 2] {
                for grouping in [true, false] {
                    #expect(VietnameseFormat.number(value, atMost: places, grouping: grouping)
                                == VietnameseFormat.numberByDigits(value, atMost: places, grouping: grouping), "\(value)")
                }
            }
        }
    }
}
