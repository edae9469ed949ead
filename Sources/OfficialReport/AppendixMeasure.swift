import Foundation

/// An appendix table measured against its page: the font size (from the column count and the
/// page, never below 10 pt), a width per grid column following its content, whether single-column
/// header cells must run upwards to fit, and whether the table needs a landscape page. The
/// widths are estimates from Times New Roman's average advance widths (the metrics of its
/// stand-in, Liberation Serif, are the same); the templates' data-shaped table takes them from
/// the view (`AppendixTableView`, cell width tags scaled to the table's width).
public struct AppendixMeasure: Sendable, Equatable {
    /// The size of the table's text, in points: 12, 11 or 10.
    public let fontSize: Int
    /// Per grid column (the label column first), in centimetres; they add up to the text width
    /// of the page the table is printed on (portrait, or landscape when `landscape`).
    public let widths: [Double]
    /// Whether the header cells of one column run upwards (their words do not fit across).
    public let verticalHeaders: Bool
    /// Whether the table needs a landscape page: it does not fit the portrait text width at
    /// 10 pt or more, or would take more pages there. The templates print the others portrait.
    public let landscape: Bool

    /// Text widths of A4 with the templates' margins (30 mm left, 15 mm right), in centimetres.
    public static let portraitWidth = 16.5, landscapeWidth = 25.2
    /// Sizes tried, largest first: appendix tables are usually 11–12 pt, never below 10.
    static let sizes = [12, 11, 10]
    /// Cell padding left and right together, in centimetres.
    static let padding = 0.25
    /// The narrowest column, in centimetres (an empty column still takes a hand-written figure).
    static let narrowest = 0.6

    /// Measures `appendix`: the largest size whose unbreakable words fit across the portrait
    /// page, else across the landscape page, else 10 pt with upright header text. A table that
    /// fits the portrait width still takes the landscape page when portrait would take more
    /// pages and more paper (its rows grow more lines than the taller page holds: the Party
    /// sample's Phụ lục 1, 2 landscape pages or 3 portrait ones).
    public init(_ appendix: Appendix) {
        // Widths scale with the size: each text is measured once, in em, and sized per pick.
        let columns = Self.columns(appendix).map(MeasuredColumn.init)
        func fitting(_ page: Double) -> Int? {
            Self.sizes.first { Self.minimum(columns, $0, headers: true).reduce(0, +) <= page }
        }
        let wide = fitting(Self.landscapeWidth)
        var pick = Layout(appendix, columns, size: wide ?? 10, page: Self.landscapeWidth, vertical: wide == nil)
        if let size = fitting(Self.portraitWidth) {
            let portrait = Layout(appendix, columns, size: size, page: Self.portraitWidth, vertical: false)
            // Portrait if it takes no more whole pages (a short table: portrait), or no more
            // paper (whole pages of an estimate can differ by one either way near a page's end).
            if portrait.pages.rounded(.up) <= pick.pages.rounded(.up) || portrait.pages <= pick.pages { pick = portrait }
        }
        fontSize = pick.size
        verticalHeaders = pick.vertical
        landscape = pick.page == Self.landscapeWidth
        widths = pick.widths
    }

    /// Heights of the text area of A4 with the templates' margins (10 mm top, 20 mm bottom) and
    /// page header (14 mm), in centimetres.
    static let portraitHeight = 25.3, landscapeHeight = 16.6

    /// The table set at one size on one page: its column widths, filling the page's text
    /// width, and the pages its rows take (fractional; an estimate that leaves out the title
    /// lines and header rows, alike in either orientation).
    struct Layout {
        let size: Int, page: Double, vertical: Bool
        let widths: [Double]
        let pages: Double

        init(_ appendix: Appendix, _ columns: [MeasuredColumn], size: Int, page: Double, vertical: Bool) {
            self.size = size; self.page = page; self.vertical = vertical
            var low = AppendixMeasure.minimum(columns, size, headers: !vertical)
            let high = zip(columns, low).map { max($0.line(size) + AppendixMeasure.padding, $1) }
            // The label column ("TT", "2013-2018") takes its labels on one line and no more; a
            // total row's label ("Tổng cộng") is bold, a tenth wider.
            if !low.isEmpty { low[0] = high[0] * (appendix.totalRow == nil ? 1 : 1.1) }
            // Lines break at spaces, not anywhere: a cell is taken as a tenth wider than its text.
            let cells = columns.map { column in column.cellEms.map { Glyphs.centimetres($0, size: size) * 1.1 } }
            widths = AppendixMeasure.distribute(low: low, high: high, cells: cells, total: page)
            // A line is about 1.17 em high; a row adds its cell padding and border.
            let rows = cells.map(\.count).max() ?? 0
            let height = AppendixMeasure.lines(cells, widths) * Double(size) * 1.17 * 0.03528 + Double(rows) * 0.1
            pages = height / (page == AppendixMeasure.landscapeWidth ? AppendixMeasure.landscapeHeight : AppendixMeasure.portraitHeight)
        }
    }

    /// Per column, the narrowest it may be at `size`: its widest word (and its header's, bold,
    /// unless the header runs upwards), never below `narrowest`, with the cell padding.
    static func minimum(_ columns: [MeasuredColumn], _ size: Int, headers: Bool) -> [Double] {
        columns.map {
            max(Glyphs.centimetres($0.wordEm, size: size), headers ? Glyphs.centimetres($0.headerWordEm, size: size, bold: true) : 0,
                narrowest - padding) + padding
        }
    }

    /// The lines a cell of one-line width `cell` takes in a column `width` wide (one if empty).
    static func lines(_ cell: Double, _ width: Double) -> Double {
        cell > 0 ? max(1, (cell / max(width - padding, 0.1) - 1e-9).rounded(.up)) : 1
    }

    /// The table's lines: each row as many as its fullest cell.
    static func lines(_ cells: [[Double]], _ widths: [Double]) -> Double {
        let rows = cells.map(\.count).max() ?? 0
        return (0..<rows).reduce(0) { sum, r in
            sum + widths.indices.map { r < cells[$0].count ? lines(cells[$0][r], widths[$0]) : 1 }.max()!
        }
    }

    /// Widths from the minimums up to `total`: step by step, the room goes to the data column
    /// that most shortens the table (a row is as many lines tall as its fullest cell; a cell
    /// takes its one-line width over the column's, rounded up); room nothing shortens is
    /// shared in proportion to the columns' one-line widths. `cells[c][r]` is the one-line
    /// width of row r's cell in column c.
    static func distribute(low: [Double], high: [Double], cells: [[Double]], total: Double) -> [Double] {
        let lowSum = low.reduce(0, +)
        guard !low.isEmpty, lowSum > 0 else { return low }
        if lowSum >= total { return low.map { $0 * total / lowSum } }
        // Short-text columns first: one whose middle cell takes at most a quarter of the width
        // gets that cell's one-line width ("Đảng ủy phường" on one line, not two).
        var widths = low
        for c in widths.indices.dropFirst() {
            let filled = cells[c].filter { $0 > 0 }.sorted()
            guard !filled.isEmpty else { continue }
            let middle = filled[filled.count / 2] + padding + 0.01
            if middle <= total / 4 { widths[c] = min(max(widths[c], middle), max(high[c], widths[c])) }
        }
        if widths.reduce(0, +) > total { widths = low }
        func height(_ column: Int, _ width: Double) -> Double {
            var trial = widths
            trial[column] = width
            return lines(cells, trial)
        }
        // Each round widens one column to the next width at which one of its cells loses a
        // line: the one that shortens the table most per centimetre, while there is room.
        while true {
            let now = lines(cells, widths), room = total - widths.reduce(0, +)
            var best: (column: Int, width: Double, gain: Double)?
            for c in widths.indices.dropFirst() {
                let next = (0..<cells[c].count).compactMap { r -> Double? in
                    let n = lines(cells[c][r], widths[c])
                    return n > 1 ? cells[c][r] / (n - 1) + padding + 0.01 : nil
                }.filter { $0 > widths[c] && $0 - widths[c] <= room }.min()
                guard let next else { continue }
                let gain = (now - height(c, next)) / (next - widths[c])
                if gain > 0, gain > best?.gain ?? 0 { best = (c, next, gain) }
            }
            guard let best else { break }
            widths[best.column] = best.width
        }
        let left = total - widths.reduce(0, +)
        let share = widths.indices.dropFirst().map { high[$0] }.reduce(0, +)
        guard share > 0 else { return widths.map { $0 * total / widths.reduce(0, +) } }
        return widths.indices.map { $0 == 0 ? widths[0] : widths[$0] + left * high[$0] / share }
    }

    /// What a grid column holds: its cells' texts and its single-column header texts.
    struct Column {
        var cells: [String] = []
        var headers: [String] = []
    }

    /// A column's texts measured in em (see `Glyphs`): a width at a size is the em times the size.
    struct MeasuredColumn {
        /// Each cell on one line.
        let cellEms: [Double]
        /// The widest word of the cells (a figure never breaks).
        let wordEm: Double
        /// The widest word of the header (set bold: `Glyphs.centimetres(_:size:bold:)`).
        let headerWordEm: Double
        /// The widest cell on one line, the header's words at most three to a line (bold).
        private let cellLineEm: Double, headerLineEm: Double

        init(_ column: Column) {
            cellEms = column.cells.map(Glyphs.em)
            wordEm = column.cells.map(Glyphs.widestWordEm).max() ?? 0
            headerWordEm = column.headers.map(Glyphs.widestWordEm).max() ?? 0
            cellLineEm = cellEms.max() ?? 0
            headerLineEm = (column.headers.map(Glyphs.em).max() ?? 0) / 3
        }

        /// The widest cell on one line, the header's words at most three to a line, in centimetres.
        func line(_ size: Int) -> Double {
            max(Glyphs.centimetres(cellLineEm, size: size), Glyphs.centimetres(headerLineEm, size: size, bold: true))
        }
    }

    /// The grid columns of `appendix` with their texts (the total row's figures included).
    static func columns(_ appendix: Appendix) -> [Column] {
        let width = appendix.headerGrid.width ?? appendix.headerGrid.columnPaths.count
        var columns = [Column](repeating: Column(), count: max(width, 1))
        var occupied = Set<[Int]>()
        for (r, row) in appendix.columns.enumerated() {
            var c = 0
            for cell in row {
                while occupied.contains([r, c]) { c += 1 }
                for dr in 0..<max(cell.rowspan, 1) { for dc in 0..<max(cell.colspan, 1) { occupied.insert([r + dr, c + dc]) } }
                if cell.colspan <= 1, c < columns.count { columns[c].headers.append(cell.text) }
                c += max(cell.colspan, 1)
            }
        }
        let printed = appendix.rows + (appendix.totalRow == nil ? [] : [appendix.totals().row])
        for row in printed {
            columns[0].cells.append(row.label)
            for (i, cell) in row.cells.enumerated() where i + 1 < columns.count {
                columns[i + 1].cells.append(AppendixNumbers.display(cell.text))
            }
        }
        return columns
    }
}

/// Advance widths of Times New Roman (and Liberation Serif), in em, by character class: enough
/// to size table columns, not to set type.
enum Glyphs {
    /// The width of `text` at `size` points, in centimetres.
    static func width(_ text: String, size: Int, bold: Bool = false) -> Double {
        centimetres(em(text), size: size, bold: bold)
    }

    /// `em` at `size` points in centimetres: 1 pt = 0.03528 cm; bold runs about 5% wider.
    static func centimetres(_ em: Double, size: Int, bold: Bool = false) -> Double {
        em * Double(size) * 0.03528 * (bold ? 1.05 : 1)
    }

    /// The advance of `text`, in em.
    static func em(_ text: String) -> Double {
        var em = 0.0
        for scalar in text.unicodeScalars { em += advance(scalar) }
        return em
    }

    /// The advance of the widest word of `text` (words split at white space), in em.
    static func widestWordEm(_ text: String) -> Double {
        var widest = 0.0, word = 0.0
        for scalar in text.unicodeScalars {
            if scalar.properties.isWhitespace { widest = max(widest, word); word = 0 } else { word += advance(scalar) }
        }
        return max(widest, word)
    }

    /// By Unicode scalar, combining marks counting nothing (a decomposed letter counts once, as
    /// its precomposed form would): normalising and switching on Characters made measuring the
    /// appendices a fifth of a whole `docfill render`.
    private static func advance(_ scalar: Unicode.Scalar) -> Double {
        switch scalar.value {
        case 0x300...0x36F: return 0
        case 0x30...0x39: return 0.5
        case 0x20: return 0.25
        case 0x2E, 0x2C, 0x3A, 0x3B, 0x27, 0x21, 0x28, 0x29, 0x2D, 0x2F: return 0.3
        case 0x69, 0x6A, 0x6C, 0x74, 0x66, 0x72, 0x49, 0x4A: return 0.3      // i j l t f r I J
        case 0x6D, 0x77, 0x4D, 0x57: return 0.75                             // m w M W
        case 0x41...0x5A: return 0.68
        case 0...0x7F: return 0.47
        default: return scalar.properties.isUppercase ? 0.68 : 0.47
        }
    }
}
