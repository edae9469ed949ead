import Testing
@testable import DocFill

// Expected values are written out literally (not recomputed with the same
// rules) so a wrong rule in the implementation makes these tests fail.

@Suite struct VietnameseFormatTests {

    // MARK: Dates

    static let dayTexts = [
        "01", "02", "03", "04", "05", "06", "07", "08", "09", "10",
        "11", "12", "13", "14", "15", "16", "17", "18", "19", "20",
        "21", "22", "23", "24", "25", "26", "27", "28", "29", "30", "31",
    ]
    static let monthTexts = ["01", "02", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12"]

    @Test(arguments: 1...31, 1...12)
    func dateLinePadding(day: Int, month: Int) {
        let expected = "Phổ Hòa, ngày \(Self.dayTexts[day - 1]) tháng \(Self.monthTexts[month - 1]) năm 2024"
        #expect(VietnameseFormat.dateLine(place: "Phổ Hòa", day: day, month: month, year: 2024) == expected)
    }

    @Test(arguments: [
        (5, 2, 2024, "ngày 05 tháng 02 năm 2024"),
        (1, 1, 2025, "ngày 01 tháng 01 năm 2025"),
        (9, 3, 2024, "ngày 09 tháng 3 năm 2024"),
        (10, 10, 2023, "ngày 10 tháng 10 năm 2023"),
        (31, 12, 1999, "ngày 31 tháng 12 năm 1999"),
    ])
    func dateText(day: Int, month: Int, year: Int, expected: String) {
        #expect(VietnameseFormat.dateText(day: day, month: month, year: year) == expected)
    }

    @Test(arguments: [
        ("2024-02-05", 5, 2, 2024),
        ("05/02/2024", 5, 2, 2024),
        ("5/2/2024", 5, 2, 2024),
        (" 2024-12-31 ", 31, 12, 2024),
        ("2024-02-29", 29, 2, 2024),   // divisible by 4
        ("29/02/2000", 29, 2, 2000),   // divisible by 400
        ("31/01/2023", 31, 1, 2023),
        ("30/04/1975", 30, 4, 1975),
        ("0001-01-01", 1, 1, 1),
    ])
    func parseValidDate(text: String, day: Int, month: Int, year: Int) throws {
        let parsed = try #require(VietnameseFormat.parseDate(text))
        #expect(parsed.day == day && parsed.month == month && parsed.year == year)
    }

    @Test(arguments: [
        "", "abc", "2023-02-29", "29/02/1900", "29/02/2100", "2024-02-30",
        "2024-13-01", "2024-00-10", "2024-04-31", "31/04/2024", "31/06/2024",
        "31/09/2024", "31/11/2024", "00/01/2024", "32/01/2024", "0000-01-01",
        "2024-2-5", "24-02-05", "05/02/24", "05-02-2024", "2024/02/05",
        "2024-02-05T10:00", "05/02/2024/1", "+5/02/2024", "-1/02/2024",
        "05/ 2/2024", "2024--02", "٠٥/٠٢/٢٠٢٤", "05.02.2024",
    ])
    func parseInvalidDate(text: String) {
        #expect(VietnameseFormat.parseDate(text) == nil)
    }

    // MARK: Numbers

    @Test(arguments: [
        (0, nil, "0"),
        (-0.0, nil, "0"),
        (7, nil, "7"),
        (999, nil, "999"),
        (1000, nil, "1.000"),
        (4675, nil, "4.675"),
        (-4675, nil, "-4.675"),
        (1626.5, nil, "1.626,5"),
        (-1234567.25, nil, "-1.234.567,25"),
        (0.1 + 0.2, nil, "0,3"),
        (1.0 / 3.0, nil, "0,3333333333"),
        (2.0 / 3.0, nil, "0,6666666667"),
        (0.0001, nil, "0,0001"),
        (1e-11, nil, "0"),
        (-1e-11, nil, "0"),
        (1e15, nil, "1.000.000.000.000.000"),
        (1e20, nil, "100.000.000.000.000.000.000"),
        (5_600_000_000, nil, "5.600.000.000"),
        (1626.5, 2, "1.626,50"),
        (1626.5, 0, "1.627"),
        (2.5, 0, "3"),
        (-2.5, 0, "-3"),
        (1.005, 2, "1,01"),
        (0.125, 2, "0,13"),
        (999.995, 2, "1.000,00"),
        (123456.789, 0, "123.457"),
        (-0.004, 2, "0,00"),
        (12.3, 3, "12,300"),
        (0, 2, "0,00"),
    ] as [(Double, Int?, String)])
    func number(value: Double, decimals: Int?, expected: String) {
        #expect(VietnameseFormat.number(value, decimals: decimals) == expected)
    }

    @Test func nonFiniteNumbers() {
        #expect(VietnameseFormat.number(.nan) == "NaN")
        #expect(VietnameseFormat.number(.infinity) == "∞")
        #expect(VietnameseFormat.number(-.infinity) == "-∞")
    }

    @Test(arguments: [
        (90.3, nil, "90,3%"),
        (100, nil, "100%"),
        (0, nil, "0%"),
        (-5.5, nil, "-5,5%"),
        (1234.5, nil, "1.234,5%"),
        (12.345, 1, "12,3%"),
        (12.35, 1, "12,4%"),
        (100.0 / 3.0, 2, "33,33%"),
        (90, 1, "90,0%"),
    ] as [(Double, Int?, String)])
    func percent(value: Double, decimals: Int?, expected: String) {
        #expect(VietnameseFormat.percent(value, decimals: decimals) == expected)
    }

    @Test(arguments: [
        (250_000_000, "250.000.000 đồng"),
        (0, "0 đồng"),
        (1_500, "1.500 đồng"),
        (-1_500, "-1.500 đồng"),
        (5_600_000_000, "5.600.000.000 đồng"),
    ] as [(Double, String)])
    func moneyFull(value: Double, expected: String) {
        #expect(VietnameseFormat.money(value) == expected)
        #expect(VietnameseFormat.money(value, style: .full) == expected)
    }

    @Test(arguments: [
        (5_600_000_000, "5,6 tỷ đồng"),
        (250_000_000, "250 triệu đồng"),
        (1_500_000, "1,5 triệu đồng"),
        (1_000_000, "1 triệu đồng"),
        (999_999, "999.999 đồng"),
        (0, "0 đồng"),
        (1_000_000_000, "1 tỷ đồng"),
        (1_234_567_890, "1,23 tỷ đồng"),
        (1_235_000_000, "1,24 tỷ đồng"),
        (1_005_000, "1,01 triệu đồng"),
        (995_000_000, "995 triệu đồng"),
        (999_994_999, "999,99 triệu đồng"),
        (999_999_999, "1 tỷ đồng"),
        (1_000_000_000_000, "1.000 tỷ đồng"),
        (-5_600_000_000, "-5,6 tỷ đồng"),
        (-1_500_000, "-1,5 triệu đồng"),
    ] as [(Double, String)])
    func moneyShort(value: Double, expected: String) {
        #expect(VietnameseFormat.money(value, style: .short) == expected)
    }

    // MARK: Numerals

    @Test(arguments: [
        (1, "I"), (2, "II"), (3, "III"), (4, "IV"), (5, "V"), (6, "VI"), (9, "IX"),
        (10, "X"), (14, "XIV"), (19, "XIX"), (40, "XL"), (44, "XLIV"), (49, "XLIX"),
        (90, "XC"), (99, "XCIX"), (400, "CD"), (444, "CDXLIV"), (500, "D"),
        (900, "CM"), (1994, "MCMXCIV"), (2024, "MMXXIV"), (3888, "MMMDCCCLXXXVIII"),
        (3999, "MMMCMXCIX"), (0, "0"), (-3, "-3"), (4000, "4000"),
    ])
    func roman(n: Int, expected: String) {
        #expect(VietnameseFormat.roman(n) == expected)
    }

    /// Independent reader used only for the round trip: subtractive pairs are
    /// detected by a smaller symbol standing before a larger one.
    static func romanValue(_ s: String) -> Int {
        let values: [Character: Int] = ["I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000]
        let numbers = s.map { values[$0]! }
        var total = 0
        for (i, v) in numbers.enumerated() {
            total += i + 1 < numbers.count && v < numbers[i + 1] ? -v : v
        }
        return total
    }

    @Test(arguments: [1, 2, 3, 4, 8, 12, 27, 39, 48, 83, 97, 141, 163, 402, 575, 911, 1024, 1666, 1987, 2421, 3049, 3999])
    func romanRoundTrip(n: Int) {
        #expect(Self.romanValue(VietnameseFormat.roman(n)) == n)
    }

    @Test func romanIsUniqueOverFullRange() {
        #expect(Set((1...3999).map(VietnameseFormat.roman)).count == 3999)
    }

    static let ordinals = [
        "thứ nhất", "thứ hai", "thứ ba", "thứ tư", "thứ năm",
        "thứ sáu", "thứ bảy", "thứ tám", "thứ chín", "thứ mười",
        "thứ mười một", "thứ mười hai", "thứ mười ba", "thứ mười bốn", "thứ mười lăm",
        "thứ mười sáu", "thứ mười bảy", "thứ mười tám", "thứ mười chín", "thứ hai mươi",
        "thứ hai mươi mốt", "thứ hai mươi hai", "thứ hai mươi ba", "thứ hai mươi tư", "thứ hai mươi lăm",
        "thứ hai mươi sáu", "thứ hai mươi bảy", "thứ hai mươi tám", "thứ hai mươi chín", "thứ ba mươi",
    ]

    @Test(arguments: 1...30)
    func ordinalTable(n: Int) {
        #expect(VietnameseFormat.ordinal(n) == Self.ordinals[n - 1])
    }

    @Test(arguments: [
        (31, "thứ ba mươi mốt"), (44, "thứ bốn mươi tư"), (55, "thứ năm mươi lăm"),
        (90, "thứ chín mươi"), (99, "thứ chín mươi chín"),
        (0, "thứ 0"), (100, "thứ 100"), (-1, "thứ -1"),
    ])
    func ordinalOutsideTable(n: Int, expected: String) {
        #expect(VietnameseFormat.ordinal(n) == expected)
    }

    @Test(arguments: [
        (0, "không"), (1, "một"), (4, "bốn"), (5, "năm"), (10, "mười"), (11, "mười một"),
        (14, "mười bốn"), (15, "mười lăm"), (20, "hai mươi"), (21, "hai mươi mốt"),
        (24, "hai mươi tư"), (25, "hai mươi lăm"), (55, "năm mươi lăm"),
        (100, "một trăm"), (101, "một trăm linh một"), (104, "một trăm linh bốn"),
        (105, "một trăm linh năm"), (110, "một trăm mười"), (115, "một trăm mười lăm"),
        (121, "một trăm hai mươi mốt"), (500, "năm trăm"), (999, "chín trăm chín mươi chín"),
        (1000, "1000"), (-1, "-1"),
    ])
    func numberWords(n: Int, expected: String) {
        #expect(VietnameseFormat.numberWords(n) == expected)
    }

    // MARK: Case mapping

    /// One row per Vietnamese vowel: ASCII base, the combining mark that makes
    /// it (breve U+0306, circumflex U+0302, horn U+031B), then the precomposed
    /// code points for tones none, sắc, huyền, hỏi, ngã, nặng.
    struct VowelRow: Sendable, CustomTestStringConvertible {
        let base: Character
        let mark: Unicode.Scalar?
        let lower: [UInt32]
        let upper: [UInt32]
        var testDescription: String { String(Unicode.Scalar(lower[0])!) }
    }

    static let vowels: [VowelRow] = [
        .init(base: "a", mark: nil, lower: [0x0061, 0x00E1, 0x00E0, 0x1EA3, 0x00E3, 0x1EA1],
              upper: [0x0041, 0x00C1, 0x00C0, 0x1EA2, 0x00C3, 0x1EA0]),
        .init(base: "a", mark: "\u{0306}", lower: [0x0103, 0x1EAF, 0x1EB1, 0x1EB3, 0x1EB5, 0x1EB7],
              upper: [0x0102, 0x1EAE, 0x1EB0, 0x1EB2, 0x1EB4, 0x1EB6]),
        .init(base: "a", mark: "\u{0302}", lower: [0x00E2, 0x1EA5, 0x1EA7, 0x1EA9, 0x1EAB, 0x1EAD],
              upper: [0x00C2, 0x1EA4, 0x1EA6, 0x1EA8, 0x1EAA, 0x1EAC]),
        .init(base: "e", mark: nil, lower: [0x0065, 0x00E9, 0x00E8, 0x1EBB, 0x1EBD, 0x1EB9],
              upper: [0x0045, 0x00C9, 0x00C8, 0x1EBA, 0x1EBC, 0x1EB8]),
        .init(base: "e", mark: "\u{0302}", lower: [0x00EA, 0x1EBF, 0x1EC1, 0x1EC3, 0x1EC5, 0x1EC7],
              upper: [0x00CA, 0x1EBE, 0x1EC0, 0x1EC2, 0x1EC4, 0x1EC6]),
        .init(base: "i", mark: nil, lower: [0x0069, 0x00ED, 0x00EC, 0x1EC9, 0x0129, 0x1ECB],
              upper: [0x0049, 0x00CD, 0x00CC, 0x1EC8, 0x0128, 0x1ECA]),
        .init(base: "o", mark: nil, lower: [0x006F, 0x00F3, 0x00F2, 0x1ECF, 0x00F5, 0x1ECD],
              upper: [0x004F, 0x00D3, 0x00D2, 0x1ECE, 0x00D5, 0x1ECC]),
        .init(base: "o", mark: "\u{0302}", lower: [0x00F4, 0x1ED1, 0x1ED3, 0x1ED5, 0x1ED7, 0x1ED9],
              upper: [0x00D4, 0x1ED0, 0x1ED2, 0x1ED4, 0x1ED6, 0x1ED8]),
        .init(base: "o", mark: "\u{031B}", lower: [0x01A1, 0x1EDB, 0x1EDD, 0x1EDF, 0x1EE1, 0x1EE3],
              upper: [0x01A0, 0x1EDA, 0x1EDC, 0x1EDE, 0x1EE0, 0x1EE2]),
        .init(base: "u", mark: nil, lower: [0x0075, 0x00FA, 0x00F9, 0x1EE7, 0x0169, 0x1EE5],
              upper: [0x0055, 0x00DA, 0x00D9, 0x1EE6, 0x0168, 0x1EE4]),
        .init(base: "u", mark: "\u{031B}", lower: [0x01B0, 0x1EE9, 0x1EEB, 0x1EED, 0x1EEF, 0x1EF1],
              upper: [0x01AF, 0x1EE8, 0x1EEA, 0x1EEC, 0x1EEE, 0x1EF0]),
        .init(base: "y", mark: nil, lower: [0x0079, 0x00FD, 0x1EF3, 0x1EF7, 0x1EF9, 0x1EF5],
              upper: [0x0059, 0x00DD, 0x1EF2, 0x1EF6, 0x1EF8, 0x1EF4]),
    ]

    /// Combining tone marks in the order of the table columns (none first).
    static let tones: [Unicode.Scalar?] = [nil, "\u{0301}", "\u{0300}", "\u{0309}", "\u{0303}", "\u{0323}"]

    static func scalars(_ s: String) -> [UInt32] { s.unicodeScalars.map(\.value) }

    static func string(_ codes: [UInt32]) -> String {
        String(String.UnicodeScalarView(codes.map { Unicode.Scalar($0)! }))
    }

    /// Decomposed spelling built by hand: base letter, vowel mark, tone mark.
    static func decomposed(_ base: Character, _ mark: Unicode.Scalar?, _ tone: Unicode.Scalar?) -> String {
        var s = String(base)
        if let mark { s.unicodeScalars.append(mark) }
        if let tone { s.unicodeScalars.append(tone) }
        return s
    }

    @Test(arguments: vowels, 0..<6)
    func caseMappingPrecomposed(row: VowelRow, tone: Int) {
        let lower = Self.string([row.lower[tone]]), upper = Self.string([row.upper[tone]])
        #expect(Self.scalars(VietnameseFormat.upper(lower)) == [row.upper[tone]])
        #expect(Self.scalars(VietnameseFormat.lower(upper)) == [row.lower[tone]])
        #expect(Self.scalars(VietnameseFormat.upper(upper)) == [row.upper[tone]])
        #expect(Self.scalars(VietnameseFormat.lower(lower)) == [row.lower[tone]])
    }

    @Test(arguments: vowels, 0..<6)
    func caseMappingDecomposedInput(row: VowelRow, tone: Int) {
        let lowerNFD = Self.decomposed(row.base, row.mark, Self.tones[tone])
        let upperNFD = Self.decomposed(Character(row.base.uppercased()), row.mark, Self.tones[tone])
        #expect(Self.scalars(VietnameseFormat.upper(lowerNFD)) == [row.upper[tone]])
        #expect(Self.scalars(VietnameseFormat.lower(upperNFD)) == [row.lower[tone]])
        #expect(Self.scalars(VietnameseFormat.nfc(lowerNFD)) == [row.lower[tone]])
        #expect(Self.scalars(VietnameseFormat.nfc(upperNFD)) == [row.upper[tone]])
    }

    @Test func caseMappingD() {
        #expect(Self.scalars(VietnameseFormat.upper("\u{0111}")) == [0x0110])
        #expect(Self.scalars(VietnameseFormat.lower("\u{0110}")) == [0x0111])
    }

    @Test(arguments: [
        ("Phổ Hòa", "PHỔ HÒA", "phổ hòa"),
        ("Đảng Cộng sản Việt Nam", "ĐẢNG CỘNG SẢN VIỆT NAM", "đảng cộng sản việt nam"),
        ("Ủy ban nhân dân xã", "ỦY BAN NHÂN DÂN XÃ", "ủy ban nhân dân xã"),
        ("Trường THCS Nguyễn Trãi 2024", "TRƯỜNG THCS NGUYỄN TRÃI 2024", "trường thcs nguyễn trãi 2024"),
        ("", "", ""),
    ])
    func caseMappingWords(text: String, upper: String, lower: String) {
        #expect(Self.scalars(VietnameseFormat.upper(text)) == Self.scalars(upper))
        #expect(Self.scalars(VietnameseFormat.lower(text)) == Self.scalars(lower))
    }

    @Test func wordsInNFDGiveNFC() {
        // "Phổ Hòa" spelled with combining marks: o + U+0302 + U+0309, o + U+0300.
        let nfd = "Pho\u{0302}\u{0309} Ho\u{0300}a"
        #expect(Self.scalars(VietnameseFormat.upper(nfd)) == [0x50, 0x48, 0x1ED4, 0x20, 0x48, 0xD2, 0x41])
        #expect(Self.scalars(VietnameseFormat.lower(nfd)) == [0x70, 0x68, 0x1ED5, 0x20, 0x68, 0xF2, 0x61])
    }

    @Test(arguments: [
        ("báo cáo", "Báo cáo"),
        ("đơn vị", "Đơn vị"),
        ("ủy ban", "Ủy ban"),
        ("u\u{031B}\u{0301}c", "\u{1EE8}c"),     // NFD "ức" → precomposed "Ức"
        ("“tổng kết”", "“Tổng kết”"),
        ("  năm học", "  Năm học"),
        ("1. mục tiêu", "1. Mục tiêu"),
        ("Đã xong", "Đã xong"),
        ("", ""),
        ("123", "123"),
    ])
    func capitalizeFirst(text: String, expected: String) {
        #expect(Self.scalars(VietnameseFormat.capitalizeFirst(text)) == Self.scalars(expected))
    }
}
