import Foundation

/// Formatting for Vietnamese official documents (dates, numbers, money,
/// numerals, case mapping): the one place these rules live. The template
/// filters (`number`, `date`, `ordinal`, …) and the OfficialReport model both
/// format through it, so a figure prints the same either way. Pure functions,
/// locale independent: the output must not depend on the machine the report
/// is rendered on.
public enum VietnameseFormat {

    // MARK: - Dates

    /// Official date line (Nghị định 30/2020/NĐ-CP):
    /// `Phổ Hòa, ngày 05 tháng 02 năm 2024`.
    public static func dateLine(place: String, day: Int, month: Int, year: Int) -> String {
        "\(place), " + dateText(day: day, month: month, year: year)
    }

    /// `ngày 05 tháng 02 năm 2024`. NĐ 30/2020 pads days below 10 and
    /// months 1 and 2 only ("tháng 3" … "tháng 12" stay unpadded), so a
    /// handwritten "1" cannot later be turned into "11" or "12".
    public static func dateText(day: Int, month: Int, year: Int) -> String {
        "ngày \(dayText(day)) tháng \(monthText(month)) năm \(year)"
    }

    /// `05/02/2024`, `15/8/2023`: the numeric form, with the same padding.
    public static func numericDate(day: Int, month: Int, year: Int) -> String {
        "\(dayText(day))/\(monthText(month))/\(year)"
    }

    /// `15/08/2023`, `05/02/2024`: a date as pages and forms show it (dd/MM/yyyy, day and
    /// month always two digits), not as a document prints it (`numericDate`).
    public static func formDate(day: Int, month: Int, year: Int) -> String {
        (day < 10 ? "0" : "") + "\(day)/" + (month < 10 ? "0" : "") + "\(month)/\(year)"
    }

    /// A date written `YYYY-MM-DD` or `DD/MM/YYYY` (`parseDate`) as pages show it
    /// (`formDate`); nil when it is not a date.
    public static func formDate(_ text: String) -> String? {
        parseDate(text).map { formDate(day: $0.day, month: $0.month, year: $0.year) }
    }

    /// A day as written in documents: 1–9 get a leading zero.
    public static func dayText(_ day: Int) -> String { day < 10 ? "0\(day)" : "\(day)" }

    /// A month as written in documents: only 1 and 2 get a leading zero.
    public static func monthText(_ month: Int) -> String { month < 3 ? "0\(month)" : "\(month)" }

    /// Parses `2024-02-05` (ISO, exactly YYYY-MM-DD) or `05/02/2024`
    /// (day/month/year, day and month 1–2 digits). Returns nil for anything
    /// else, including impossible dates such as 2023-02-29.
    public static func parseDate(_ s: String) -> (day: Int, month: Int, year: Int)? {
        let text = s.trimmingCharacters(in: .whitespaces)
        let day: Int?, month: Int?, year: Int?
        let iso = text.split(separator: "-", omittingEmptySubsequences: false)
        let vn = text.split(separator: "/", omittingEmptySubsequences: false)
        if iso.count == 3 {
            (year, month, day) = (digits(iso[0], 4...4), digits(iso[1], 2...2), digits(iso[2], 2...2))
        } else if vn.count == 3 {
            (day, month, year) = (digits(vn[0], 1...2), digits(vn[1], 1...2), digits(vn[2], 4...4))
        } else {
            return nil
        }
        guard let day, let month, let year,
              year >= 1, (1...12).contains(month),
              day >= 1, day <= daysIn(month: month, year: year) else { return nil }
        return (day, month, year)
    }

    /// ASCII digits only: `Int("+5")` and non-Latin digits must not pass.
    private static func digits(_ s: Substring, _ width: ClosedRange<Int>) -> Int? {
        guard width.contains(s.count), s.allSatisfy({ $0.isASCII && $0.isWholeNumber }) else { return nil }
        return Int(s)
    }

    /// Days in a month of the Gregorian calendar (leap years included).
    public static func daysIn(month: Int, year: Int) -> Int {
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
        return [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
    }

    // MARK: - Numbers

    /// Vietnamese grouping: `.` for thousands, `,` for decimals
    /// (1626.5 → `1.626,5`). With `decimals` nil the shortest exact value is
    /// printed, rounded to at most 10 decimal places so binary noise
    /// (0.1 + 0.2) disappears; otherwise exactly `decimals` places,
    /// rounded half away from zero.
    public static func number(_ value: Double, decimals: Int? = nil) -> String {
        guard value.isFinite else { return value.isNaN ? "NaN" : (value < 0 ? "-∞" : "∞") }
        var digits = DecimalDigits(value.magnitude)
        digits.round(places: max(0, decimals ?? 10))
        if decimals == nil { digits.trimTrailingZeros() }
        return (value < 0 && !digits.isZero ? "-" : "") + digits.formatted
    }

    /// Like `number(_:decimals:)` with at most `places` decimals: rounded the same way
    /// (half away from zero, on the decimal digits), then trailing zero decimals dropped
    /// (`90.30` → `90,3`). `grouping: false` leaves out the thousands dots (`2100`).
    public static func number(_ value: Double, atMost places: Int, grouping: Bool = true) -> String {
        guard value.isFinite else { return number(value) }
        // Whole numbers (most figures) need no rounding: their digits straight from the integer.
        if value == value.rounded(), value.magnitude < 9.0e15 {
            return (value < 0 ? "-" : "") + groupedDigits(UInt64(value.magnitude), grouping: grouping)
        }
        return numberByDigits(value, atMost: places, grouping: grouping)
    }

    /// `number(_:atMost:grouping:)` through the decimal digits, for any finite value.
    static func numberByDigits(_ value: Double, atMost places: Int, grouping: Bool) -> String {
        var digits = DecimalDigits(value.magnitude)
        digits.round(places: max(0, places))
        digits.trimTrailingZeros()
        let text = grouping ? digits.formatted : digits.formatted.replacingOccurrences(of: ".", with: "")
        return (value < 0 && !digits.isZero ? "-" : "") + text
    }

    /// The decimal digits of `n`, a dot every three from the right when `grouping`.
    private static func groupedDigits(_ n: UInt64, grouping: Bool) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(26)
        var rest = n, count = 0
        repeat {
            if grouping, count > 0, count % 3 == 0 { bytes.append(UInt8(ascii: ".")) }
            bytes.append(UInt8(ascii: "0") + UInt8(rest % 10))
            rest /= 10; count += 1
        } while rest > 0
        return String(decoding: bytes.reversed(), as: UTF8.self)
    }

    /// `90.3` → `90,3%`. The value is already a percentage.
    public static func percent(_ value: Double, decimals: Int? = nil) -> String {
        number(value, decimals: decimals) + "%"
    }

    /// How ``money(_:style:)`` writes an amount.
    public enum MoneyStyle: Sendable {
        /// `250.000.000 đồng`
        case full
        /// `5,6 tỷ đồng`, `250 triệu đồng`; amounts below a million stay full.
        case short
    }

    /// An amount in đồng, written in full (`250.000.000 đồng`) or in millions and billions (`style: .short`).
    public static func money(_ value: Double, style: MoneyStyle = .full) -> String {
        let magnitude = value.magnitude
        guard style == .short, value.isFinite, magnitude >= 1_000_000 else {
            return number(value) + " đồng"
        }
        // Scale by moving the decimal point, not by dividing, so no binary
        // rounding error creeps in before the half-away-from-zero rounding.
        func scaled(_ power: Int) -> DecimalDigits {
            var d = DecimalDigits(magnitude)
            d.shiftRight(power)
            d.round(places: 2)
            d.trimTrailingZeros()
            return d
        }
        var (amount, unit) = magnitude >= 1e9 ? (scaled(9), "tỷ") : (scaled(6), "triệu")
        // 999.999.999 rounds to "1.000 triệu"; say "1 tỷ" instead.
        if unit == "triệu" && amount.integer.count > 3 { (amount, unit) = (scaled(9), "tỷ") }
        return (value < 0 ? "-" : "") + amount.formatted + " \(unit) đồng"
    }

    // MARK: - Numerals

    /// Roman numerals for 1…3999 (section numbering "I.", "II."…);
    /// anything else is written with decimal digits.
    public static func roman(_ n: Int) -> String {
        guard (1...3999).contains(n) else { return String(n) }
        let table: [(Int, String)] = [
            (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
            (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
        ]
        var rest = n, result = ""
        for (value, symbol) in table {
            while rest >= value { result += symbol; rest -= value }
        }
        return result
    }

    /// `thứ nhất`, `thứ hai`, `thứ tư`, … `thứ hai mươi mốt`; 1…99 in words,
    /// other values as `thứ <n>`.
    public static func ordinal(_ n: Int) -> String {
        switch n {
        case 1: return "thứ nhất"   // ordinal 1 is Sino-Vietnamese "nhất", never "một"
        case 4: return "thứ tư"     // and 4 is "tư", never "bốn"
        case 2...99: return "thứ " + numberWords(n)
        default: return "thứ \(n)"
        }
    }

    private static let unitWords = ["không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín"]

    /// Cardinal number in words for 0…999 (`hai mươi mốt`, `một trăm linh năm`);
    /// other values as decimal digits.
    public static func numberWords(_ n: Int) -> String {
        guard (0...999).contains(n) else { return String(n) }
        let hundreds = n / 100, tens = n / 10 % 10, units = n % 10
        var words: [String] = []
        if hundreds > 0 { words += [unitWords[hundreds], "trăm"] }
        switch tens {
        case 0 where hundreds > 0 && units > 0: words.append("linh")  // 105: "một trăm linh năm"
        case 0: break
        case 1: words.append("mười")
        default: words += [unitWords[tens], "mươi"]
        }
        if units > 0 || n == 0 {
            // Spoken-form changes of the final digit after a tens word:
            // 1 → "mốt" and 4 → "tư" after "mươi" (21, 24), 5 → "lăm" after any tens word (15, 25).
            switch units {
            case 1 where tens >= 2: words.append("mốt")
            case 4 where tens >= 2: words.append("tư")
            case 5 where tens >= 1: words.append("lăm")
            default: words.append(unitWords[units])
            }
        }
        return words.joined(separator: " ")
    }

    // MARK: - Case mapping

    /// Canonical composition. Template text often arrives in NFD (macOS file
    /// names, some PDF/Word exports); comparing or measuring such strings
    /// without normalising gives wrong answers.
    public static func nfc(_ s: String) -> String {
        s.precomposedStringWithCanonicalMapping
    }

    /// Uppercase with NFC output. Unicode case mapping already covers every
    /// Vietnamese letter (đ→Đ, ư→Ư, ợ→Ợ …); normalising before and after
    /// guarantees precomposed output whatever the input form.
    public static func upper(_ s: String) -> String {
        nfc(nfc(s).uppercased())
    }

    /// Lower-cases Vietnamese text and returns it precomposed (NFC), the counterpart of ``upper(_:)``.
    public static func lower(_ s: String) -> String {
        nfc(nfc(s).lowercased())
    }

    /// Uppercases the first letter and leaves everything else (including
    /// leading digits, spaces and quotes) unchanged: `“báo cáo”` → `“Báo cáo”`.
    public static func capitalizeFirst(_ s: String) -> String {
        let text = nfc(s)
        guard let i = text.firstIndex(where: \.isLetter) else { return text }
        return nfc(text[..<i] + text[i].uppercased() + text[text.index(after: i)...])
    }
}

/// A non-negative decimal as digit arrays, so rounding and scaling happen in
/// base 10 exactly as a reader would do them on paper.
private struct DecimalDigits {
    var integer: [UInt8]   // most significant first, at least one digit
    var fraction: [UInt8]

    /// Starts from Swift's shortest round-trip representation ("1.005",
    /// "1e-05", "5.6e+20"), i.e. the decimal the user actually wrote.
    init(_ magnitude: Double) {
        let parts = magnitude.description.split(separator: "e")
        let exponent = parts.count > 1 ? Int(parts[1])! : 0
        let mantissa = parts[0].split(separator: ".", omittingEmptySubsequences: false)
        let intText = mantissa[0], fracText = mantissa.count > 1 ? mantissa[1] : ""
        let all = (intText + fracText).map { UInt8($0.wholeNumberValue!) }
        let point = intText.count + exponent   // position of the decimal point in `all`
        if point <= 0 {
            integer = [0]
            fraction = Array(repeating: 0, count: -point) + all
        } else if point >= all.count {
            integer = all + Array(repeating: 0, count: point - all.count)
            fraction = []
        } else {
            integer = Array(all[..<point])
            fraction = Array(all[point...])
        }
        trimLeadingZeros()
    }

    var isZero: Bool { (integer + fraction).allSatisfy { $0 == 0 } }

    /// Divides by 10^places by moving the decimal point.
    mutating func shiftRight(_ places: Int) {
        let pad = max(0, places - integer.count)
        let padded = Array(repeating: 0, count: pad) + integer
        integer = Array(padded[..<(padded.count - places)])
        fraction = Array(padded[(padded.count - places)...]) + fraction
        if integer.isEmpty { integer = [0] }
        trimLeadingZeros()
    }

    /// Keeps exactly `places` fraction digits, rounding half away from zero
    /// (the number is a magnitude, so "away from zero" is simply "up").
    mutating func round(places: Int) {
        guard fraction.count > places else {
            fraction += Array(repeating: 0, count: places - fraction.count)
            return
        }
        let roundUp = fraction[places] >= 5
        fraction.removeLast(fraction.count - places)
        guard roundUp else { return }
        var digits = integer + fraction
        var i = digits.count - 1
        while i >= 0 && digits[i] == 9 { digits[i] = 0; i -= 1 }
        if i >= 0 { digits[i] += 1 } else { digits.insert(1, at: 0) }
        integer = Array(digits[..<(digits.count - places)])
        fraction = Array(digits[(digits.count - places)...])
    }

    mutating func trimTrailingZeros() {
        while fraction.last == 0 { fraction.removeLast() }
    }

    private mutating func trimLeadingZeros() {
        while integer.count > 1 && integer.first == 0 { integer.removeFirst() }
    }

    /// `1.234.567,25`
    var formatted: String {
        var text = ""
        for (i, digit) in integer.enumerated() {
            if i > 0 && (integer.count - i) % 3 == 0 { text += "." }
            text += String(digit)
        }
        if !fraction.isEmpty { text += "," + fraction.map(String.init).joined() }
        return text
    }
}
