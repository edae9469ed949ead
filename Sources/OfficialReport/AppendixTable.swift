import DocFill

/// An appendix as one data-shaped table (README, "Tables shaped by data"): its header rows as
/// cells with spans, its data rows and its total row, each cell with the width of the grid
/// columns it covers. The templates hold one table for every appendix, whose column loops and
/// cell span tags lay these out; no template table is kept per header shape.
public struct AppendixTableView: Encodable, Sendable, Equatable {
    /// A header cell: its text, its spans and the width of the columns it covers (centimetres).
    /// `upright`: its text runs upwards (one column of a table too wide for its words across);
    /// `uprightColspan`/`acrossColspan` are the colspan of the template cell that prints it
    /// that way and 0 for the other, which a colspan of 0 drops.
    public struct HeaderCell: Encodable, Sendable, Equatable {
        /// The header text as printed.
        public let text: String
        /// The grid columns the cell covers.
        public let colspan: Int
        /// The header rows the cell covers.
        public let rowspan: Int
        /// The width of the columns it covers, in centimetres.
        public let width: Double
        /// Whether its text runs upwards.
        public let upright: Bool
        /// The colspan of the upright template cell: `colspan` when upright, else 0 (dropped).
        public var uprightColspan: Int { upright ? colspan : 0 }
        /// The colspan of the template cell across: `colspan` when not upright, else 0 (dropped).
        public var acrossColspan: Int { upright ? 0 : colspan }

        enum CodingKeys: String, CodingKey { case text, colspan, rowspan, width, upright, uprightColspan = "upright_colspan", acrossColspan = "across_colspan" }

        /// Writes the cell with both template colspans, which templates read by name.
        public func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(text, forKey: .text); try c.encode(colspan, forKey: .colspan); try c.encode(rowspan, forKey: .rowspan)
            try c.encode(width, forKey: .width); try c.encode(upright, forKey: .upright)
            try c.encode(uprightColspan, forKey: .uprightColspan); try c.encode(acrossColspan, forKey: .acrossColspan)
        }
    }
    /// A body cell: its text as printed, whether it is centred (the label column and the
    /// columns of figures, in rows and totals alike) and its column's width (centimetres).
    /// Its `colspan` is always 1: a template cell spanning the header's two cells takes it.
    public struct Cell: Encodable, Sendable, Equatable {
        /// The cell as printed, rich where it carries emphasis markers.
        public let text: ReportText
        /// Whether it is printed centred (the label column and figures).
        public let centred: Bool
        /// Its column's width, in centimetres.
        public let width: Double
        /// Always 1 (see above).
        public let colspan = 1
    }
    /// One table row.
    public struct Row<C: Encodable & Sendable & Equatable>: Encodable, Sendable, Equatable {
        /// The row's cells, left to right.
        public let cells: [C]
    }
    /// A header row: its cells, and the same cells under `tall` when the row ends an upright
    /// cell (it must be tall enough for upright text), else under `short`; the other is empty,
    /// so that a template may give the two kinds of row their own row style.
    public struct HeaderRow: Encodable, Sendable, Equatable {
        /// The cells that start in this row, left to right.
        public let cells: [HeaderCell]
        /// `cells` when the row must be tall (an upright cell ends in it), else empty.
        public let tall: [HeaderCell]
        /// `cells` when the row need not be tall, else empty.
        public let short: [HeaderCell]
    }

    /// Header rows, top to bottom.
    public let header: [HeaderRow]
    /// Data rows.
    public let rows: [Row<Cell>]
    /// The total row; nil when the appendix has none.
    public let total: Row<Cell>?

    /// `widths`: per grid column, label column first; `figures`: the cell columns of figures;
    /// `upright`: single-column header cells run upwards.
    init(header: [[AppendixHeaderCell]], rows: [AppendixRowView], total: AppendixRowView?, widths: [Double], figures: Set<Int>,
         upright: Bool) {
        var column = 0
        var occupied = Set<[Int]>()
        // The rows where an upright cell ends.
        let tallRows = Set(header.enumerated().flatMap { r, row in
            row.filter { upright && max($0.colspan, 1) == 1 }.map { r + max($0.rowspan, 1) - 1 }
        })
        self.header = header.enumerated().map { r, row in
            column = 0
            let cells = row.map { cell in
                while occupied.contains([r, column]) { column += 1 }
                let colspan = max(cell.colspan, 1), rowspan = max(cell.rowspan, 1)
                for dr in 0..<rowspan { for dc in 0..<colspan { occupied.insert([r + dr, column + dc]) } }
                let covered = widths.indices.filter { $0 >= column && $0 < column + colspan }
                defer { column += colspan }
                return HeaderCell(text: cell.text, colspan: colspan, rowspan: rowspan, width: covered.map { widths[$0] }.reduce(0, +),
                                  upright: upright && colspan == 1)
            }
            let tall = tallRows.contains(r)
            return HeaderRow(cells: cells, tall: tall ? cells : [], short: tall ? [] : cells)
        }
        // One cell per grid column, as the header has them: a row's extra cells are not printed,
        // missing ones print empty.
        func body(_ row: AppendixRowView) -> Row<Cell> {
            let all = Array(row.all.prefix(widths.count)) + Array(repeating: ReportText(""), count: max(0, widths.count - row.all.count))
            return Row(cells: all.enumerated().map { c, text in
                Cell(text: text, centred: c == 0 || figures.contains(c - 1), width: c < widths.count ? widths[c] : 0)
            })
        }
        self.rows = rows.map(body)
        self.total = total.map(body)
    }

    var value: Value {
        .object([
            "header": .array(header.map { .object(["cells": Self.value($0.cells), "tall": Self.value($0.tall), "short": Self.value($0.short)]) }),
            "rows": .array(rows.map(Self.value)),
            "total": total.map(Self.value) ?? .null,
        ])
    }

    private static func value(_ cells: [HeaderCell]) -> Value {
        .array(cells.map { cell in
            .object(["text": .text(cell.text), "colspan": .int(cell.colspan), "rowspan": .int(cell.rowspan), "width": .double(cell.width),
                     "upright": .bool(cell.upright), "upright_colspan": .int(cell.uprightColspan), "across_colspan": .int(cell.acrossColspan)])
        })
    }

    private static func value(_ row: Row<Cell>) -> Value {
        .object(["cells": .array(row.cells.map { .object(["text": $0.text.value, "centred": .bool($0.centred), "width": .double($0.width), "colspan": .int($0.colspan)]) })])
    }
}
