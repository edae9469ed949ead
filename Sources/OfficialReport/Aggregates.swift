import DocFill
import Foundation

/// Vietnamese number notation: "." groups thousands, "," is the decimal mark
/// ("14.490", "1.626,5", "4,97"). Plain digits ("2100") are accepted too.
public enum VietnameseNumber {
    /// Parses a cell or figure; nil for text that is not a plain number
    /// ("27 triệu đồng", "", "x").
    public static func parse(_ raw: String) -> Double? {
        // Figures are ASCII: read their bytes (Characters cost ~14,000 instructions a figure,
        // a tenth of a batch record with the report model). Other text takes the general way.
        if let ascii = parseASCII(raw.utf8) { return ascii }
        return parseCharacters(raw)
    }

    /// `parse` by Characters, for any text.
    static func parseCharacters(_ raw: String) -> Double? {
        var s = raw.trimmed
        if s.hasSuffix("%") { s.removeLast(); s = s.trimmed }
        guard !s.isEmpty else { return nil }
        var negative = false
        if s.hasPrefix("-") || s.hasPrefix("−") { negative = true; s.removeFirst() }
        let pieces = s.split(separator: ",", omittingEmptySubsequences: false)
        guard pieces.count <= 2 else { return nil }
        let intPart = String(pieces[0])
        let groups = intPart.split(separator: ".", omittingEmptySubsequences: false)
        guard let first = groups.first, !first.isEmpty, first.allSatisfy(\.isASCIIDigitChar) else { return nil }
        if groups.count > 1 {
            guard first.count <= 3,
                  groups.dropFirst().allSatisfy({ $0.count == 3 && $0.allSatisfy(\.isASCIIDigitChar) })
            else { return nil }
        }
        var text = groups.joined()
        if pieces.count == 2 {
            let frac = pieces[1]
            guard !frac.isEmpty, frac.allSatisfy(\.isASCIIDigitChar) else { return nil }
            text += "." + frac
        }
        guard let v = Double(text) else { return nil }
        return negative ? -v : v
    }

    /// `parse` for an all-ASCII text, by the same rules: `.some(nil)` is "not a number",
    /// nil leaves the text to the general parser (a Unicode minus or space).
    private static func parseASCII(_ utf8: String.UTF8View) -> Double?? {
        var bytes = [UInt8](utf8)
        guard bytes.allSatisfy({ $0 < 0x80 }) else {
            // A text with a letter beyond ASCII ("27 triệu đồng") is no number; only a Unicode
            // minus or space leaves it to the general parser.
            let other = String(decoding: bytes, as: UTF8.self).unicodeScalars.contains {
                !$0.isASCII && $0 != "\u{2212}" && !$0.properties.isWhitespace
            }
            return other ? .some(nil) : nil
        }
        func isSpace(_ b: UInt8) -> Bool { b == 0x20 || (0x09...0x0D).contains(b) }
        func trim() {
            while let last = bytes.last, isSpace(last) { bytes.removeLast() }
            let lead = bytes.prefix(while: isSpace).count
            if lead > 0 { bytes.removeFirst(lead) }
        }
        trim()
        if bytes.last == UInt8(ascii: "%") { bytes.removeLast(); trim() }
        guard !bytes.isEmpty else { return .some(nil) }
        var negative = false
        if bytes.first == UInt8(ascii: "-") { negative = true; bytes.removeFirst() }
        let pieces = bytes.split(separator: UInt8(ascii: ","), omittingEmptySubsequences: false)
        guard pieces.count <= 2 else { return .some(nil) }
        func digits(_ s: ArraySlice<UInt8>) -> Bool { s.allSatisfy { (0x30...0x39).contains($0) } }
        let groups = pieces[0].split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        guard let first = groups.first, !first.isEmpty, digits(first) else { return .some(nil) }
        if groups.count > 1 {
            guard first.count <= 3, groups.dropFirst().allSatisfy({ $0.count == 3 && digits($0) }) else { return .some(nil) }
        }
        var text = groups.flatMap { $0 }
        if pieces.count == 2 {
            guard !pieces[1].isEmpty, digits(pieces[1]) else { return .some(nil) }
            text.append(UInt8(ascii: ".")); text += pieces[1]
        }
        guard let v = Double(String(decoding: text, as: UTF8.self)) else { return .some(nil) }
        return .some(negative ? -v : v)
    }

    /// Decimal places written in `raw` ("4,97" → 2, "6.800" → 0).
    public static func decimals(in raw: String) -> Int {
        guard let comma = raw.lastIndex(of: ",") else { return 0 }
        return raw[raw.index(after: comma)...].filter(\.isASCIIDigitChar).count
    }

    /// Smallest number of decimals (≤ 6) that represents `value`.
    public static func decimalsNeeded(_ value: Double) -> Int {
        for d in 0...6 {
            let scaled = value * pow(10, Double(d))
            if abs(scaled - scaled.rounded()) < 1e-7 { return d }
        }
        return 6
    }

    /// Formats with a dot every three digits (when `grouping`) and a decimal comma, with at
    /// most `decimals` decimals (trailing zero decimals dropped): 14490 → "14.490",
    /// 90.3 → "90,3". Rounded as the `number` filter rounds (`VietnameseFormat`).
    public static func format(_ value: Double, decimals: Int = 0, grouping: Bool = true) -> String {
        VietnameseFormat.number(value, atMost: decimals, grouping: grouping)
    }
}

extension Character {
    var isASCIIDigitChar: Bool { ("0"..."9").contains(self) }
}

/// Percentage helpers.
public enum ReportPercent {
    /// part / whole × 100, nil when whole is 0.
    public static func of(_ part: Double, _ whole: Double) -> Double? {
        whole == 0 ? nil : part / whole * 100
    }

    /// "90,3%" style text (no space before %).
    public static func text(_ part: Double, of whole: Double, decimals: Int = 1) -> String? {
        of(part, whole).map { VietnameseNumber.format($0, decimals: decimals, grouping: true) + "%" }
    }
}

/// Totals computed from an appendix's data rows.
public struct AppendixTotals: Sendable, Equatable {
    /// The total row's label, taken from the appendix's total-row rule.
    public let label: String
    /// Per cell column: the computed value (sum, or percentage for a ratio
    /// column), nil where the column is not totalled.
    public let values: [Double?]
    /// Per cell column: the formatted total ("" where not totalled).
    public let cells: [String]
    /// Number of data rows.
    public let rowCount: Int
    /// Per cell column: how many data rows hold a non-empty cell.
    public let filledCounts: [Int]
    /// Per cell column: how many data rows hold a number.
    public let numericCounts: [Int]

    /// The totals as a printable row: the label and one formatted cell per column.
    public var row: AppendixRow { AppendixRow(label: label, cells: cells.map { AppendixCell($0) }) }
}

extension Appendix {
    /// The width used for totals: the header's data width, else the widest row.
    var totalsWidth: Int {
        dataColumnCount ?? rows.map(\.cells.count).max() ?? 0
    }

    /// Cell columns that the total row sums (0-based, sorted).
    public var summedColumns: [Int] {
        let width = totalsWidth
        let config = totalRow ?? TotalRowConfig()
        let ratioColumns = Set(config.percent.map(\.column))
        let excluded = Set(config.exclude).union(ratioColumns)
        if let explicit = config.columns {
            return explicit.filter { $0 >= 0 && $0 < width && !excluded.contains($0) }.sorted()
        }
        return (0..<width).filter { c in
            !excluded.contains(c) && rows.contains { c < $0.cells.count && $0.cells[c].number != nil }
        }
    }

    /// Computes the totals from the data rows. A computed total row can never
    /// disagree with its rows; the stated total (if any) is only checked.
    public func totals() -> AppendixTotals {
        let width = totalsWidth
        let config = totalRow ?? TotalRowConfig()
        var values = [Double?](repeating: nil, count: width)
        var cells = [String](repeating: "", count: width)
        var filled = [Int](repeating: 0, count: width)
        var numeric = [Int](repeating: 0, count: width)
        var sums = [Double](repeating: 0, count: width)
        var scale = [Int](repeating: 0, count: width)
        for row in rows {
            for (c, cell) in row.cells.enumerated() where c < width {
                if !cell.isEmpty { filled[c] += 1 }
                if let v = cell.number {
                    numeric[c] += 1
                    sums[c] += v
                    scale[c] = max(scale[c], VietnameseNumber.decimals(in: cell.text))
                }
            }
        }
        for c in summedColumns {
            values[c] = sums[c]
            cells[c] = VietnameseNumber.format(sums[c], decimals: scale[c], grouping: config.groupThousands)
        }
        for rule in config.percent where (0..<width).contains(rule.column) {
            guard (0..<width).contains(rule.numerator), (0..<width).contains(rule.denominator),
                  numeric[rule.denominator] > 0,
                  let p = ReportPercent.of(sums[rule.numerator], sums[rule.denominator]) else { continue }
            values[rule.column] = p
            cells[rule.column] = VietnameseNumber.format(p, decimals: rule.decimals, grouping: config.groupThousands)
        }
        return AppendixTotals(label: config.label, values: values, cells: cells,
                              rowCount: rows.count, filledCounts: filled, numericCounts: numeric)
    }

    /// Findings where a stated figure contradicts the rows: `total_mismatch`
    /// for the stated total row, `percent_mismatch` for ratio cells.
    /// `index` is this appendix's position in `Report.appendices`.
    public func consistencyFindings(index: Int) -> [ReportFinding] {
        var findings: [ReportFinding] = []
        let base = "appendices[\(index)]"
        // Only messages need the name, and most appendices have none (the replacement goes
        // through NSString).
        func name() -> String { "appendix \(index + 1) \"\(title.replacingOccurrences(of: "\n", with: " "))\"" }
        let config = totalRow ?? TotalRowConfig()
        if let stated = statedTotal {
            let totals = self.totals()
            for c in summedColumns + config.percent.map(\.column) {
                // A ratio column named by the data may lie outside the table (or be negative).
                guard c >= 0, c < stated.cells.count, c < totals.values.count, let computed = totals.values[c],
                      let given = stated.cells[c].number else { continue }
                let tolerance = config.percent.contains(where: { $0.column == c }) ? 0.05 : 1e-6
                if abs(given - computed) > tolerance {
                    let isRatio = config.percent.contains(where: { $0.column == c })
                    findings.append(ReportFinding(
                        code: isRatio ? "percent_mismatch" : "total_mismatch",
                        path: "\(base).stated_total.cells[\(c)]",
                        message: "\(name()), row \"\(stated.label)\", column \"\(columnTitle(c))\": "
                            + "stated \(stated.cells[c].text) but the rows "
                            + (isRatio ? "give \(totals.cells[c])" : "add up to \(totals.cells[c])")
                            + " (\(rows.filter { c < $0.cells.count && $0.cells[c].number != nil }.map { $0.cells[c].text }.joined(separator: " + ")))"
                            + "; confirm which is right: the page prints the computed figure, or the stated one with stated_totals: true"))
                }
            }
        }
        for rule in config.percent {
            for (r, row) in rows.enumerated() {
                guard min(rule.column, rule.numerator, rule.denominator) >= 0,
                      rule.column < row.cells.count, rule.numerator < row.cells.count,
                      rule.denominator < row.cells.count,
                      let given = row.cells[rule.column].number,
                      let num = row.cells[rule.numerator].number,
                      let den = row.cells[rule.denominator].number,
                      let p = ReportPercent.of(num, den) else { continue }
                if abs(given - p) > 0.05 {
                    findings.append(ReportFinding(
                        code: "percent_mismatch", path: "\(base).rows[\(r)].cells[\(rule.column)]",
                        message: "\(name()), row \"\(row.label)\", column \"\(columnTitle(rule.column))\": "
                            + "stated \(row.cells[rule.column].text) but \(row.cells[rule.numerator].text) / "
                            + "\(row.cells[rule.denominator].text) gives \(VietnameseNumber.format(p, decimals: rule.decimals))"))
                }
            }
        }
        return findings
    }
}
