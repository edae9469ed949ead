import Foundation

/// What a template sees: the report's own fields plus computed strings
/// (number line, date line, part/section numbering, bullet markers, appendix
/// labels and computed total rows). Encodes with snake_case keys.
public struct ReportView: Encodable, Sendable, Equatable {
    /// The report's kind, for templates that switch on it as text (`kind`).
    public let kind: ReportKind
    /// True for a Party report, so a template can show Party-only blocks with `{{#is_party}}`.
    public let isParty: Bool
    /// True for a State report, so a template can show State-only blocks with `{{#is_state}}`.
    public let isState: Bool
    /// Party: ["ĐẢNG CỘNG SẢN VIỆT NAM"]; State: ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"].
    public let nationalHeading: [String]
    /// The issuing body as given in the data.
    public let issuer: ReportIssuer
    /// The issuer's name lines joined with spaces, for one-line uses.
    public let issuerName: String
    /// The document number as given ("05").
    public let number: String
    /// The type-and-body symbol as given ("BC/ĐU").
    public let symbol: String
    /// The number line as printed: "Số 05-BC/ĐU" (party) or "Số: 05/BC-UBND" (state).
    public let numberLine: String
    /// The place name of the date line.
    public let place: String
    /// The ISO date as given.
    public let date: String
    /// The day as printed in the date line (two digits below 10).
    public let day: String
    /// The month as printed in the date line (two digits for January and February).
    public let month: String
    /// The year as printed.
    public let year: String
    /// The whole date line: "Phổ Hòa, ngày 15 tháng 8 năm 2023".
    public let dateLine: String
    /// The reporting period as given, and written out: "từ ngày 01/01/2024 đến ngày 31/12/2024".
    public let period: ReportPeriod?
    /// The period written out in words, or nil when the report states none or a date is invalid.
    public let periodText: String?
    /// The document type line ("BÁO CÁO").
    public let documentType: String
    /// The subject line, rich when it carries emphasis markers (they print as italics).
    public let subject: ReportText
    /// The body parts with their computed labels and numbering.
    public let parts: [ReportPartView]
    /// The closing paragraph, rich when it carries emphasis markers; nil when the report has none.
    public let closing: ReportText?
    /// The label of the recipients block ("Nơi nhận:"), given here so templates need not spell it.
    public let recipientsLabel: String
    /// The recipients as given, one line each.
    public let recipients: [String]
    /// The archive line as given; nil when the report has none.
    public let archive: String?
    /// Recipients followed by the archive line.
    public let recipientLines: [String]
    /// The signature block as given.
    public let signature: ReportSignature
    /// The appendices with their labels, grid columns, rows and computed totals.
    public let appendices: [AppendixView]

    /// Builds the view of a report; every computed field is worked out here, once.
    public init(_ r: Report) {
        kind = r.kind
        isParty = r.kind == .party
        isState = r.kind == .state
        nationalHeading = r.kind == .party
            ? ["ĐẢNG CỘNG SẢN VIỆT NAM"]
            : ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]
        issuer = r.issuer
        issuerName = r.issuer.name
        number = r.number
        symbol = r.symbol
        numberLine = r.numberLine
        place = r.place
        date = r.date
        let d = r.parsedDate
        day = d?.dayText ?? ""
        month = d?.monthText ?? ""
        year = d?.yearText ?? ""
        dateLine = r.dateLine
        period = r.period
        periodText = r.period.flatMap { p in
            guard let a = ReportDate(iso: p.from), let b = ReportDate(iso: p.to) else { return nil }
            return "từ ngày \(a.numericText) đến ngày \(b.numericText)"
        }
        documentType = r.documentType
        subject = ReportText(r.subject)
        parts = r.parts.enumerated().map { ReportPartView($0.element, index: $0.offset + 1, kind: r.kind) }
        closing = r.closing.map { ReportText($0) }
        recipientsLabel = "Nơi nhận:"
        recipients = r.recipients
        archive = r.archive
        recipientLines = r.recipients + (r.archive.map { [$0] } ?? [])
        signature = r.signature
        let attachment = r.appendixAttachmentLine
        appendices = r.appendices.enumerated().map {
            AppendixView($0.element, index: $0.offset + 1, kind: r.kind, attachmentLine: attachment, statedTotals: r.statedTotals)
        }
    }

    enum CodingKeys: String, CodingKey {
        case kind
        case isParty = "is_party"
        case isState = "is_state"
        case nationalHeading = "national_heading"
        case issuer
        case issuerName = "issuer_name"
        case number, symbol
        case numberLine = "number_line"
        case place, date, day, month, year
        case dateLine = "date_line"
        case period
        case periodText = "period_text"
        case documentType = "document_type"
        case subject, parts, closing
        case recipientsLabel = "recipients_label"
        case recipients, archive
        case recipientLines = "recipient_lines"
        case signature, appendices
    }
}

extension Report {
    /// The template data: model plus computed strings.
    public func templateData() -> ReportView { ReportView(self) }
}

/// What a template sees of a body part: its label, Roman number and title lines.
public struct ReportPartView: Encodable, Sendable, Equatable {
    /// The part's 1-based position in the report.
    public let index: Int
    /// "I", "II".
    public let roman: String
    /// "Phần thứ nhất" (party) / "Phần I" (state).
    public let label: String
    /// The title as given, "\n" included.
    public let title: String
    /// The title split at its "\n" marks, one printed line each.
    public let titleLines: [String]
    /// The part's sections, numbered from I.
    public let sections: [ReportSectionView]

    init(_ p: ReportPart, index: Int, kind: ReportKind) {
        self.index = index
        roman = ReportFormat.roman(index)
        label = ReportFormat.partLabel(kind: kind, index: index)
        title = p.title
        titleLines = p.title.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        sections = p.sections.enumerated().map { ReportSectionView($0.element, index: $0.offset + 1) }
    }

    enum CodingKeys: String, CodingKey {
        case index, roman, label, title
        case titleLines = "title_lines"
        case sections
    }
}

/// What a template sees of a section: its Roman number and heading.
public struct ReportSectionView: Encodable, Sendable, Equatable {
    /// The section's 1-based position in its part.
    public let index: Int
    /// "I".
    public let roman: String
    /// "I- Đặc điểm tình hình".
    public let heading: String
    /// The title as given, without its number.
    public let title: String
    /// The section's own paragraphs, printed before its subsections.
    public let items: [ReportItemView]
    /// The section's subsections, numbered from 1.
    public let subsections: [ReportSubsectionView]

    init(_ s: ReportSection, index: Int) {
        self.index = index
        roman = ReportFormat.roman(index)
        heading = "\(roman)- \(s.title)"
        title = s.title
        items = s.items.map(ReportItemView.init)
        subsections = s.subsections.enumerated().map { ReportSubsectionView($0.element, index: $0.offset + 1) }
    }

    enum CodingKeys: String, CodingKey { case index, roman, heading, title, items, subsections }
}

/// What a template sees of a subsection: its number and heading.
public struct ReportSubsectionView: Encodable, Sendable, Equatable {
    /// The subsection's 1-based position in its section.
    public let index: Int
    /// "1. Thuận lợi".
    public let heading: String
    /// The title as given, without its number.
    public let title: String
    /// The subsection's paragraphs.
    public let items: [ReportItemView]

    init(_ s: ReportSubsection, index: Int) {
        self.index = index
        heading = "\(index). \(s.title)"
        title = s.title
        items = s.items.map(ReportItemView.init)
    }

    enum CodingKeys: String, CodingKey { case index, heading, title, items }
}

/// What a template sees of a paragraph: its text as printed and its bullets with their markers.
public struct ReportItemView: Encodable, Sendable, Equatable {
    /// The paragraph's own number as given, nil for an unnumbered paragraph.
    public let number: String?
    /// The paragraph text, rich when it carries emphasis markers ("" for a bare list).
    public let text: ReportText
    /// Paragraph as printed: "1. Kiên quyết …" for numbered items, else `text`.
    public let display: ReportText
    /// Whether the item has a paragraph, so a template can skip an empty one with `{{#has_text}}`.
    public let hasText: Bool
    /// The item's top-level bullets, with markers resolved.
    public let bullets: [ReportBulletView]

    init(_ item: ReportItem) {
        number = item.number
        text = ReportText(item.text ?? "")
        if let n = item.number, !n.isEmpty {
            display = text.prefixed("\(n). ")
        } else {
            display = text
        }
        hasText = !(item.text ?? "").isEmpty
        bullets = item.bullets.map { ReportBulletView($0, level: 1, inherited: item.bulletMarker) }
    }

    enum CodingKeys: String, CodingKey {
        case number, text, display
        case hasText = "has_text"
        case bullets
    }
}

/// What a template sees of a bullet: its level, resolved marker and printed text.
public struct ReportBulletView: Encodable, Sendable, Equatable {
    /// The nesting level, 1 for a top-level bullet.
    public let level: Int
    /// The marker printed before the text: the bullet's own, the item's, or the level's default.
    public let marker: String
    /// The bullet text, rich when it carries emphasis markers.
    public let text: ReportText
    /// "- text" / "+ text".
    public let display: ReportText
    /// Bullets nested one level deeper.
    public let bullets: [ReportBulletView]

    init(_ b: ReportBullet, level: Int, inherited: String?) {
        self.level = level
        marker = b.marker ?? inherited ?? ReportBullet.defaultMarker(level: level)
        text = ReportText(b.text)
        display = text.prefixed("\(marker) ")
        bullets = b.bullets.map { ReportBulletView($0, level: level + 1, inherited: nil) }
    }

    enum CodingKeys: String, CodingKey { case level, marker, text, display, bullets }
}

/// What a template sees of an appendix: its label, header grid, rows, computed totals and the table as data.
public struct AppendixView: Encodable, Sendable, Equatable {
    /// The appendix's 1-based position in the report.
    public let index: Int
    /// "Phụ lục 1" (party) / "Phụ lục I" (state).
    public let label: String
    /// "(Kèm theo Báo cáo số 05-BC/ĐU, ngày 15/8/2023 của Đảng ủy phường Phổ Hòa)".
    public let attachmentLine: String
    /// The title as given, "\n" included.
    public let title: String
    /// The title split at its "\n" marks, one printed line each.
    public let titleLines: [String]
    /// The optional line under the title.
    public let subtitle: String?
    /// Header rows with spans, as in the data.
    public let headerRows: [[AppendixHeaderCell]]
    /// Grid width including the label column.
    public let columnCount: Int
    /// Per grid column: "Group / Leaf" header path.
    public let columnTitles: [String]
    /// The data rows as printed.
    public let rows: [AppendixRowView]
    /// Computed from the rows; nil when the appendix has no `total_row`.
    public let totalRow: AppendixRowView?
    /// The lines printed under the table.
    public let notes: [String]
    /// Header texts by row number then cell number, both 1-based: `head.2.5`.
    public let head: [String: [String: String]]
    /// The whole table as data: header cells with spans, rows and total with widths, for the
    /// templates' one data-shaped appendix table.
    public let table: AppendixTableView
    /// By 1-based grid column, as `col`: whether the column holds figures (`numeric.3`), which
    /// templates print centred in rows and totals alike; the label column ("1") is false.
    public let numeric: [String: Bool]
    /// The table's text size in points, from its column count and the page (12, 11 or 10).
    public let fontSize: Int
    /// Per grid column, label column first: its width in centimetres, from its content; they
    /// add up to the text width of the table's page (portrait 16.5, landscape 25.2).
    public let columnWidths: [Double]
    /// Whether single-column header cells run upwards (the table is too wide for them across).
    public let verticalHeaders: Bool
    /// Whether the table needs a landscape page; false when it fits the portrait width and
    /// takes no more pages there, and the templates then print the appendix on a portrait page.
    public let landscape: Bool

    /// `statedTotals`: the stated total row is printed where the appendix has one.
    init(_ a: Appendix, index: Int, kind: ReportKind, attachmentLine: String, statedTotals: Bool = false) {
        self.index = index
        label = ReportFormat.appendixLabel(kind: kind, index: index)
        self.attachmentLine = attachmentLine
        title = a.title
        titleLines = a.title.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        subtitle = a.subtitle
        headerRows = a.columns
        let grid = a.headerGrid
        columnCount = grid.width ?? grid.columnPaths.count
        columnTitles = (0..<grid.columnPaths.count).map { grid.title(ofColumn: $0) }
        let figures = a.numericColumns
        rows = a.rows.map { AppendixRowView($0, isTotal: false, figures: figures) }
        let printedTotal = statedTotals ? a.statedTotal ?? a.totals().row : a.totals().row
        totalRow = a.totalRow == nil ? nil : AppendixRowView(printedTotal, isTotal: true, figures: figures)
        numeric = Dictionary(uniqueKeysWithValues: (0..<columnCount).map { (String($0 + 1), $0 > 0 && figures.contains($0 - 1)) })
        let measure = AppendixMeasure(a)
        fontSize = measure.fontSize
        columnWidths = measure.widths.map { ($0 * 1000).rounded() / 1000 }
        verticalHeaders = measure.verticalHeaders
        landscape = measure.landscape
        notes = a.notes
        var head: [String: [String: String]] = [:]
        for (r, row) in a.columns.enumerated() {
            head[String(r + 1)] = Dictionary(uniqueKeysWithValues: row.enumerated().map { (String($0.offset + 1), $0.element.text) })
        }
        self.head = head
        table = AppendixTableView(header: a.columns, rows: rows, total: totalRow, widths: columnWidths, figures: figures,
                                  upright: verticalHeaders)
    }

    enum CodingKeys: String, CodingKey {
        case index, label
        case attachmentLine = "attachment_line"
        case title
        case titleLines = "title_lines"
        case subtitle
        case headerRows = "header_rows"
        case columnCount = "column_count"
        case columnTitles = "column_titles"
        case rows
        case totalRow = "total_row"
        case notes, head, table
        case numeric
        case fontSize = "font_size"
        case columnWidths = "column_widths"
        case verticalHeaders = "vertical_headers"
        case landscape
    }
}

/// What a template sees of one appendix row: its label and cells, by position and by grid column.
public struct AppendixRowView: Encodable, Sendable, Equatable {
    /// The label-column text.
    public let label: String
    /// The data cells' texts, rich where they carry emphasis markers.
    public let cells: [ReportText]
    /// `label` followed by `cells`: one entry per grid column.
    public let all: [ReportText]
    /// `all` by 1-based grid column ("1" is the label), addressable as `col.3` in templates.
    public let col: [String: ReportText]
    /// True for the computed total row, so a template can make it bold.
    public let isTotal: Bool

    /// `figures`: the cell columns that hold figures, printed in one format (`AppendixNumbers`).
    init(_ row: AppendixRow, isTotal: Bool, figures: Set<Int> = []) {
        label = row.label
        cells = row.cells.enumerated().map { c, cell in
            ReportText(figures.contains(c) ? AppendixNumbers.display(cell.text) : cell.text)
        }
        all = [ReportText(row.label)] + cells
        col = Dictionary(uniqueKeysWithValues: all.enumerated().map { (String($0.offset + 1), $0.element) })
        self.isTotal = isTotal
    }

    enum CodingKeys: String, CodingKey {
        case label, cells, all, col
        case isTotal = "is_total"
    }
}
