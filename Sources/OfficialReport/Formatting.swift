import Foundation

/// A calendar date parsed from "YYYY-MM-DD".
public struct ReportDate: Sendable, Equatable, Codable {
    public let year: Int
    public let month: Int
    public let day: Int

    /// Strict ISO parse; nil for malformed or impossible dates (2023-02-30).
    public init?(iso: String) {
        let parts = iso.trimmed.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              parts.allSatisfy({ $0.allSatisfy(\.isASCIIDigitChar) }),
              let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]),
              (1...12).contains(m), d >= 1, d <= ReportDate.daysIn(month: m, year: y)
        else { return nil }
        year = y; month = m; day = d
    }

    public init?(year: Int, month: Int, day: Int) {
        guard (1...12).contains(month), day >= 1, day <= ReportDate.daysIn(month: month, year: year) else { return nil }
        self.year = year; self.month = month; self.day = day
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Day as written in documents: 1–9 get a leading zero.
    public var dayText: String { day < 10 ? "0\(day)" : "\(day)" }
    /// Month as written in documents: only 1 and 2 get a leading zero.
    public var monthText: String { month <= 2 ? "0\(month)" : "\(month)" }
    public var yearText: String { String(year) }

    /// "ngày 05 tháng 02 năm 2024".
    public var longText: String { "ngày \(dayText) tháng \(monthText) năm \(yearText)" }
    /// "05/02/2024", "15/8/2023" (same padding rule).
    public var numericText: String { "\(dayText)/\(monthText)/\(yearText)" }
}

/// Document-format helpers.
public enum ReportFormat {
    /// Party: "Số 05-BC/ĐU"; State: "Số: 05/BC-UBND".
    public static func numberLine(kind: ReportKind, number: String, symbol: String) -> String {
        switch kind {
        case .party: return "Số \(number)-\(symbol)"
        case .state: return "Số: \(number)/\(symbol)"
        }
    }

    /// Reference form used inside sentences: "05-BC/ĐU" / "05/BC-UBND".
    public static func numberReference(kind: ReportKind, number: String, symbol: String) -> String {
        switch kind {
        case .party: return "\(number)-\(symbol)"
        case .state: return "\(number)/\(symbol)"
        }
    }

    /// "Phổ Hòa, ngày 15 tháng 8 năm 2023"; nil when the date is invalid.
    public static func dateLine(place: String, isoDate: String) -> String? {
        guard let d = ReportDate(iso: isoDate) else { return nil }
        return place.isEmpty ? d.longText : "\(place), \(d.longText)"
    }

    /// Upper-case Roman numeral (1 → "I", 4 → "IV"); decimal text outside 1…3999.
    public static func roman(_ n: Int) -> String {
        guard n > 0, n < 4000 else { return String(n) }
        let table: [(Int, String)] = [(1000, "M"), (900, "CM"), (500, "D"), (400, "CD"),
                                      (100, "C"), (90, "XC"), (50, "L"), (40, "XL"),
                                      (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]
        var rest = n
        var out = ""
        for (value, symbol) in table {
            while rest >= value { out += symbol; rest -= value }
        }
        return out
    }

    /// Vietnamese ordinal words: 1 → "thứ nhất", 2 → "thứ hai", 4 → "thứ tư".
    public static func ordinalWords(_ n: Int) -> String {
        let words = ["nhất", "hai", "ba", "tư", "năm", "sáu", "bảy", "tám", "chín", "mười"]
        guard n >= 1, n <= words.count else { return "thứ \(n)" }
        return "thứ \(words[n - 1])"
    }

    /// Part label: "Phần thứ nhất" (party, as in the sample) or "Phần I" (state).
    public static func partLabel(kind: ReportKind, index: Int) -> String {
        switch kind {
        case .party: return "Phần \(ordinalWords(index))"
        case .state: return "Phần \(roman(index))"
        }
    }

    /// Appendix label: Arabic for party documents, Roman for state documents.
    public static func appendixLabel(kind: ReportKind, index: Int) -> String {
        switch kind {
        case .party: return "Phụ lục \(index)"
        case .state: return "Phụ lục \(roman(index))"
        }
    }
}

extension Report {
    /// "Số 05-BC/ĐU" (party) or "Số: 05/BC-UBND" (state).
    public var numberLine: String {
        ReportFormat.numberLine(kind: kind, number: number, symbol: symbol)
    }

    /// "Phổ Hòa, ngày 15 tháng 8 năm 2023"; empty when the date is invalid.
    public var dateLine: String {
        ReportFormat.dateLine(place: place, isoDate: date) ?? ""
    }

    public var parsedDate: ReportDate? { ReportDate(iso: date) }

    /// "(Kèm theo Báo cáo số 05-BC/ĐU, ngày 15/8/2023 của Đảng ủy phường Phổ Hòa)"
    /// (party) or "(Kèm theo Báo cáo số 05/BC-UBND ngày 15 tháng 8 năm 2023 của …)" (state).
    public var appendixAttachmentLine: String {
        let ref = ReportFormat.numberReference(kind: kind, number: number, symbol: symbol)
        let typeName = documentType.isEmpty ? "Báo cáo"
            : documentType.prefix(1).uppercased() + documentType.dropFirst().lowercased()
        var text = "(Kèm theo \(typeName) số \(ref)"
        if let d = parsedDate {
            text += kind == .party ? ", ngày \(d.numericText)" : " \(d.longText)"
        }
        if let body = issuer.nameInText, !body.isEmpty { text += " của \(body)" }
        return text + ")"
    }
}

extension StringProtocol {
    /// Whitespace-trimmed text without a trip through NSString (this runs for every cell of
    /// every appendix on each render).
    var trimmed: String {
        guard let first = firstIndex(where: { !$0.isWhitespace }),
              let last = lastIndex(where: { !$0.isWhitespace }) else { return "" }
        return String(self[first...last])
    }
}
