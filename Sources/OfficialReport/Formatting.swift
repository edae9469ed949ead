import DocFill
import Foundation

/// A calendar date, read and written by `VietnameseFormat` (the rules the `date` filter uses).
public struct ReportDate: Sendable, Equatable, Codable {
    /// The year, e.g. 2024.
    public let year: Int
    /// The month, 1 to 12.
    public let month: Int
    /// The day of the month, 1 to 31.
    public let day: Int

    /// `2024-02-05` (ISO) or `05/02/2024` (day/month/year), as the `date` filter reads them;
    /// nil for anything else and for impossible dates (2023-02-30).
    public init?(iso: String) {
        guard let d = VietnameseFormat.parseDate(iso) else { return nil }
        year = d.year; month = d.month; day = d.day
    }

    /// A date from its parts, or nil when they do not name a real calendar day.
    public init?(year: Int, month: Int, day: Int) {
        guard (1...12).contains(month), day >= 1, day <= VietnameseFormat.daysIn(month: month, year: year) else { return nil }
        self.year = year; self.month = month; self.day = day
    }

    /// Day as written in documents: 1–9 get a leading zero.
    public var dayText: String { VietnameseFormat.dayText(day) }
    /// Month as written in documents: only 1 and 2 get a leading zero.
    public var monthText: String { VietnameseFormat.monthText(month) }
    /// The year as printed, without grouping ("2024", not "2.024").
    public var yearText: String { String(year) }

    /// "ngày 05 tháng 02 năm 2024".
    public var longText: String { VietnameseFormat.dateText(day: day, month: month, year: year) }
    /// "05/02/2024", "15/8/2023" (same padding rule).
    public var numericText: String { VietnameseFormat.numericDate(day: day, month: month, year: year) }

    /// Earlier dates first (periods compare dates, not their text: both forms are accepted).
    static func < (a: ReportDate, b: ReportDate) -> Bool { (a.year, a.month, a.day) < (b.year, b.month, b.day) }
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
    public static func roman(_ n: Int) -> String { VietnameseFormat.roman(n) }

    /// Vietnamese ordinal words, as the `ordinal` filter writes them: 1 → "thứ nhất",
    /// 4 → "thứ tư", 21 → "thứ hai mươi mốt"; "thứ <n>" beyond 99.
    public static func ordinalWords(_ n: Int) -> String { VietnameseFormat.ordinal(n) }

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

    /// The report's `date` read as a calendar date, or nil when it is not a valid ISO date.
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
