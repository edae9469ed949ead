import Foundation

/// An appendix table (phụ lục). Column layout: grid column 0 is the label
/// column (e.g. "Giai đoạn", "TT"); data cell `cells[i]` of a row sits in
/// grid column i + 1. Column indices in `totalRow` refer to `cells` (0-based).
public struct Appendix: Codable, Sendable, Equatable {
    /// UPPER-case title; "\n" marks a printed line break.
    public var title: String
    /// An optional line under the title, such as the year the figures cover.
    public var subtitle: String?
    /// Header rows, top to bottom, each a list of cells with spans.
    public var columns: [[AppendixHeaderCell]] { didSet { headerGrid = AppendixHeaderGrid(columns) } }
    /// The header laid out on a grid, from which column counts and titles are read: laid out
    /// once per header, not each time a total, a check or the view asks for a column.
    public private(set) var headerGrid: AppendixHeaderGrid
    /// Data rows (never the total row).
    public var rows: [AppendixRow]
    /// How to compute the total row; nil for tables without totals.
    public var totalRow: TotalRowConfig?
    /// The total row as printed in the source, kept only to be checked
    /// against the rows (`total_mismatch`). Templates print the computed one.
    public var statedTotal: AppendixRow?
    /// Lines printed under the table ("Ghi chú: …").
    public var notes: [String]

    /// Makes an appendix in code from its header rows and data rows.
    public init(title: String, subtitle: String? = nil, columns: [[AppendixHeaderCell]],
                rows: [AppendixRow], totalRow: TotalRowConfig? = nil,
                statedTotal: AppendixRow? = nil, notes: [String] = []) {
        self.title = title; self.subtitle = subtitle; self.columns = columns; headerGrid = AppendixHeaderGrid(columns)
        self.rows = rows; self.totalRow = totalRow; self.statedTotal = statedTotal
        self.notes = notes
    }

    enum CodingKeys: String, CodingKey {
        case title, subtitle, columns, rows
        case totalRow = "total_row"
        case statedTotal = "stated_total"
        case notes
    }

    /// Reads an appendix from data; `columns` and `rows` default to empty so that validation, not decoding, reports them.
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        title = try c.decodeIfPresent(String.self, forKey: .title) ?? ""
        subtitle = try c.decodeIfPresent(String.self, forKey: .subtitle)
        columns = try c.decodeIfPresent([[AppendixHeaderCell]].self, forKey: .columns) ?? []
        headerGrid = AppendixHeaderGrid(columns)
        rows = try c.decodeIfPresent([AppendixRow].self, forKey: .rows) ?? []
        totalRow = try c.decodeIfPresent(TotalRowConfig.self, forKey: .totalRow)
        statedTotal = try c.decodeIfPresent(AppendixRow.self, forKey: .statedTotal)
        notes = try c.decodeIfPresent([String].self, forKey: .notes) ?? []
    }
}

/// One header cell; spans default to 1.
public struct AppendixHeaderCell: Codable, Sendable, Equatable {
    /// The header text as printed.
    public var text: String
    /// How many grid columns the cell covers (at least 1).
    public var colspan: Int
    /// How many header rows the cell covers (at least 1).
    public var rowspan: Int

    /// Makes a header cell; spans default to a single grid cell.
    public init(_ text: String, colspan: Int = 1, rowspan: Int = 1) {
        self.text = text; self.colspan = colspan; self.rowspan = rowspan
    }

    enum CodingKeys: String, CodingKey { case text, colspan, rowspan }

    /// Reads a header cell from data; spans default to 1 and a numeric text is kept as text.
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        text = try c.decodeLenientString(forKey: .text) ?? ""
        colspan = try c.decodeIfPresent(Int.self, forKey: .colspan) ?? 1
        rowspan = try c.decodeIfPresent(Int.self, forKey: .rowspan) ?? 1
    }
}

/// A table row: the label-column text and the data cells.
public struct AppendixRow: Codable, Sendable, Equatable {
    /// The text of the label column ("1", "Năm 2021"); kept as text even when it looks like a number.
    public var label: String
    /// The data cells, one per data column of the header.
    public var cells: [AppendixCell]

    /// Makes a row from its label and cells.
    public init(label: String, cells: [AppendixCell]) {
        self.label = label; self.cells = cells
    }

    enum CodingKeys: String, CodingKey { case label, cells }

    /// Reads a row from data; a numeric label is kept as text.
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        label = try c.decodeLenientString(forKey: .label) ?? ""
        cells = try c.decodeIfPresent([AppendixCell].self, forKey: .cells) ?? []
    }
}

/// A table cell: the text as printed ("6.800", "4,97", "27 triệu đồng", "").
/// Encoded as a plain string; decodes from a string, a number or null.
/// `number` reads Vietnamese notation (dot groups thousands, comma is the
/// decimal mark).
public struct AppendixCell: Codable, Sendable, Equatable, Hashable,
                    ExpressibleByStringLiteral, ExpressibleByIntegerLiteral {
    /// The cell as printed; an empty string is an empty cell.
    public var text: String

    /// Makes a cell from its printed text.
    public init(_ text: String) { self.text = text }
    /// Lets a string literal stand for a cell in code (`["6.800", "4,97"]`).
    public init(stringLiteral value: String) { self.text = value }
    /// Lets an integer literal stand for a cell in code; it is printed without grouping.
    public init(integerLiteral value: Int) { self.text = String(value) }

    /// Whether the cell prints nothing (blank or only spaces); empty cells are neither summed nor checked.
    public var isEmpty: Bool { text.trimmed.isEmpty }
    /// The cell read as a number in Vietnamese notation, or nil when it is not a number ("27 triệu đồng").
    public var number: Double? { VietnameseNumber.parse(text) }

    /// Reads a cell from a string, a number or null, so that YAML figures need no quotes.
    public init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        if c.decodeNil() { text = ""; return }
        if let s = try? c.decode(String.self) { text = s; return }
        if let i = try? c.decode(Int.self) { text = String(i); return }
        if let d = try? c.decode(Double.self) {
            text = VietnameseNumber.format(d, decimals: VietnameseNumber.decimalsNeeded(d), grouping: false)
            return
        }
        text = try c.decode(String.self)
    }

    /// Writes the cell as its plain text, the same shape it is read from.
    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(text)
    }
}

/// How the computed total row is built.
public struct TotalRowConfig: Codable, Sendable, Equatable {
    /// Label of the total row, e.g. "Tổng cộng".
    public var label: String
    /// Cell columns to sum (0-based). When nil, every column holding a number
    /// in some data row is summed, except `exclude` and `percent` targets.
    public var columns: [Int]?
    /// Cell columns never summed (left empty in the total row).
    public var exclude: [Int]
    /// Ratio columns (e.g. "Tỷ lệ %") computed from two other columns.
    public var percent: [PercentRule]
    /// Group thousands with a dot in computed cells ("2.940"); default true.
    public var groupThousands: Bool

    /// Makes a total-row rule; by default every numeric column is summed under "Tổng cộng".
    public init(label: String = "Tổng cộng", columns: [Int]? = nil, exclude: [Int] = [],
                percent: [PercentRule] = [], groupThousands: Bool = true) {
        self.label = label; self.columns = columns; self.exclude = exclude
        self.percent = percent; self.groupThousands = groupThousands
    }

    enum CodingKeys: String, CodingKey {
        case label, columns, exclude, percent
        case groupThousands = "group_thousands"
    }

    /// Reads a total-row rule from data with the same defaults as the initializer.
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        label = try c.decodeIfPresent(String.self, forKey: .label) ?? "Tổng cộng"
        columns = try c.decodeIfPresent([Int].self, forKey: .columns)
        exclude = try c.decodeIfPresent([Int].self, forKey: .exclude) ?? []
        percent = try c.decodeIfPresent([PercentRule].self, forKey: .percent) ?? []
        groupThousands = try c.decodeIfPresent(Bool.self, forKey: .groupThousands) ?? true
    }
}

/// `column` = `numerator` / `denominator` × 100 (all 0-based cell columns).
public struct PercentRule: Codable, Sendable, Equatable {
    /// The column that receives the percentage.
    public var column: Int
    /// The column whose figure is the part.
    public var numerator: Int
    /// The column whose figure is the whole; a zero there leaves the percentage empty.
    public var denominator: Int
    /// Decimal places of the computed percentage (default 1, trailing zeros dropped).
    public var decimals: Int

    /// Makes a percentage rule over three cell columns.
    public init(column: Int, numerator: Int, denominator: Int, decimals: Int = 1) {
        self.column = column; self.numerator = numerator
        self.denominator = denominator; self.decimals = decimals
    }

    enum CodingKeys: String, CodingKey { case column, numerator, denominator, decimals }

    /// Reads a percentage rule from data; `column`, `numerator` and `denominator` are required.
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        column = try c.decode(Int.self, forKey: .column)
        numerator = try c.decode(Int.self, forKey: .numerator)
        denominator = try c.decode(Int.self, forKey: .denominator)
        decimals = try c.decodeIfPresent(Int.self, forKey: .decimals) ?? 1
    }
}

// MARK: - Header grid

/// The header laid out on a grid (rowspan/colspan resolved).
public struct AppendixHeaderGrid: Sendable, Equatable {
    /// Number of grid columns (label column included), or nil when the header
    /// rows do not tile a rectangle.
    public let width: Int?
    /// Per grid column, the header texts covering it from top to bottom.
    public let columnPaths: [[String]]
    /// Human-readable problems (overlaps, cells spanning past the last row).
    public let problems: [String]
    /// Per header row, the grid columns it covers (its cells' colspans and the rowspans
    /// reaching it from above); rows covering fewer than the widest do not tile.
    public let rowCoverage: [Int]

    /// Lays the header rows out on a grid, recording overlaps and ragged rows instead of failing.
    public init(_ rows: [[AppendixHeaderCell]]) {
        var occupied: [[Int: Int]] = Array(repeating: [:], count: rows.count) // row -> col -> cell id
        var cells: [(text: String, row: Int, col: Int, colspan: Int, rowspan: Int)] = []
        var problems: [String] = []
        for (r, row) in rows.enumerated() {
            var col = 0
            for cell in row {
                while occupied[r][col] != nil { col += 1 }
                let cs = max(cell.colspan, 1), rs = max(cell.rowspan, 1)
                if r + rs > rows.count {
                    problems.append("header row \(r): \"\(cell.text)\" spans \(rs) rows, only \(rows.count - r) left")
                }
                let id = cells.count
                cells.append((cell.text, r, col, cs, rs))
                for dr in 0..<rs where r + dr < rows.count {
                    for dc in 0..<cs {
                        if occupied[r + dr][col + dc] != nil {
                            problems.append("header row \(r + dr), column \(col + dc): cells overlap")
                        }
                        occupied[r + dr][col + dc] = id
                    }
                }
                col += cs
            }
        }
        let widths = occupied.map { row -> Int in (row.keys.max() ?? -1) + 1 }
        var width: Int? = widths.max() ?? 0
        // A row that does not tile is reported by validation (`header_span_mismatch`), with its appendix.
        if zip(occupied, widths).contains(where: { $0.count != $1 || $1 != width }) { width = nil }
        rowCoverage = occupied.map(\.count)
        if rows.isEmpty { width = 0 }
        self.width = width
        self.problems = problems
        let maxWidth = widths.max() ?? 0
        var paths: [[String]] = Array(repeating: [], count: maxWidth)
        for c in 0..<maxWidth {
            var seen = Set<Int>()
            for r in 0..<rows.count {
                if let id = occupied[r][c], !seen.contains(id) {
                    seen.insert(id)
                    let t = cells[id].text.trimmed
                    if !t.isEmpty { paths[c].append(t) }
                }
            }
        }
        self.columnPaths = paths
    }

    /// "Group / Sub-group / Leaf" for grid column `column`.
    public func title(ofColumn column: Int) -> String {
        guard column >= 0, column < columnPaths.count else { return "column \(column)" }
        let path = columnPaths[column]
        return path.isEmpty ? "column \(column)" : path.joined(separator: " / ")
    }
}

extension Appendix {
    /// Number of data cells a row must have (grid width minus the label column).
    public var dataColumnCount: Int? {
        guard let w = headerGrid.width, w > 0 else { return nil }
        return w - 1
    }

    /// Header title of data cell column `index` (0-based into `cells`).
    public func columnTitle(_ index: Int) -> String {
        headerGrid.title(ofColumn: index + 1)
    }
}
