import Foundation

/// What a template sees: the report's own fields plus computed strings
/// (number line, date line, part/section numbering, bullet markers, appendix
/// labels and computed total rows). Encodes with snake_case keys.
public struct ReportView: Encodable, Sendable, Equatable {
    public let kind: ReportKind
    public let isParty: Bool
    public let isState: Bool
    /// Party: ["ĐẢNG CỘNG SẢN VIỆT NAM"]; State: ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"].
    public let nationalHeading: [String]
    public let issuer: Issuer
    public let issuerName: String
    public let number: String
    public let symbol: String
    public let numberLine: String
    public let place: String
    public let date: String
    public let day: String
    public let month: String
    public let year: String
    public let dateLine: String
    /// The reporting period as given, and written out: "từ ngày 01/01/2024 đến ngày 31/12/2024".
    public let period: Period?
    public let periodText: String?
    public let documentType: String
    public let subject: ReportText
    public let parts: [PartView]
    public let closing: ReportText?
    public let recipientsLabel: String
    public let recipients: [String]
    public let archive: String?
    /// Recipients followed by the archive line.
    public let recipientLines: [String]
    public let signature: Signature
    public let appendices: [AppendixView]

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
        parts = r.parts.enumerated().map { PartView($0.element, index: $0.offset + 1, kind: r.kind) }
        closing = r.closing.map { ReportText($0) }
        recipientsLabel = "Nơi nhận:"
        recipients = r.recipients
        archive = r.archive
        recipientLines = r.recipients + (r.archive.map { [$0] } ?? [])
        signature = r.signature
        let attachment = r.appendixAttachmentLine
        appendices = r.appendices.enumerated().map {
            AppendixView($0.element, index: $0.offset + 1, kind: r.kind, attachmentLine: attachment)
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

public struct PartView: Encodable, Sendable, Equatable {
    public let index: Int
    /// "I", "II".
    public let roman: String
    /// "Phần thứ nhất" (party) / "Phần I" (state).
    public let label: String
    public let title: String
    public let titleLines: [String]
    public let sections: [SectionView]

    init(_ p: Part, index: Int, kind: ReportKind) {
        self.index = index
        roman = ReportFormat.roman(index)
        label = ReportFormat.partLabel(kind: kind, index: index)
        title = p.title
        titleLines = p.title.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        sections = p.sections.enumerated().map { SectionView($0.element, index: $0.offset + 1) }
    }

    enum CodingKeys: String, CodingKey {
        case index, roman, label, title
        case titleLines = "title_lines"
        case sections
    }
}

public struct SectionView: Encodable, Sendable, Equatable {
    public let index: Int
    /// "I".
    public let roman: String
    /// "I- Đặc điểm tình hình".
    public let heading: String
    public let title: String
    public let items: [ItemView]
    public let subsections: [SubsectionView]

    init(_ s: Section, index: Int) {
        self.index = index
        roman = ReportFormat.roman(index)
        heading = "\(roman)- \(s.title)"
        title = s.title
        items = s.items.map(ItemView.init)
        subsections = s.subsections.enumerated().map { SubsectionView($0.element, index: $0.offset + 1) }
    }

    enum CodingKeys: String, CodingKey { case index, roman, heading, title, items, subsections }
}

public struct SubsectionView: Encodable, Sendable, Equatable {
    public let index: Int
    /// "1. Thuận lợi".
    public let heading: String
    public let title: String
    public let items: [ItemView]

    init(_ s: Subsection, index: Int) {
        self.index = index
        heading = "\(index). \(s.title)"
        title = s.title
        items = s.items.map(ItemView.init)
    }

    enum CodingKeys: String, CodingKey { case index, heading, title, items }
}

public struct ItemView: Encodable, Sendable, Equatable {
    public let number: String?
    public let text: ReportText
    /// Paragraph as printed: "1. Kiên quyết …" for numbered items, else `text`.
    public let display: ReportText
    public let hasText: Bool
    public let bullets: [BulletView]

    init(_ item: Item) {
        number = item.number
        text = ReportText(item.text ?? "")
        if let n = item.number, !n.isEmpty {
            display = text.prefixed("\(n). ")
        } else {
            display = text
        }
        hasText = !(item.text ?? "").isEmpty
        bullets = item.bullets.map { BulletView($0, level: 1, inherited: item.bulletMarker) }
    }

    enum CodingKeys: String, CodingKey {
        case number, text, display
        case hasText = "has_text"
        case bullets
    }
}

public struct BulletView: Encodable, Sendable, Equatable {
    public let level: Int
    public let marker: String
    public let text: ReportText
    /// "- text" / "+ text".
    public let display: ReportText
    public let bullets: [BulletView]

    init(_ b: Bullet, level: Int, inherited: String?) {
        self.level = level
        marker = b.marker ?? inherited ?? Bullet.defaultMarker(level: level)
        text = ReportText(b.text)
        display = text.prefixed("\(marker) ")
        bullets = b.bullets.map { BulletView($0, level: level + 1, inherited: nil) }
    }

    enum CodingKeys: String, CodingKey { case level, marker, text, display, bullets }
}

public struct AppendixView: Encodable, Sendable, Equatable {
    public let index: Int
    /// "Phụ lục 1" (party) / "Phụ lục I" (state).
    public let label: String
    /// "(Kèm theo Báo cáo số 05-BC/ĐU, ngày 15/8/2023 của Đảng ủy phường Phổ Hòa)".
    public let attachmentLine: String
    public let title: String
    public let titleLines: [String]
    public let subtitle: String?
    /// Header rows with spans, as in the data.
    public let headerRows: [[HeaderCell]]
    /// Grid width including the label column.
    public let columnCount: Int
    /// Per grid column: "Group / Leaf" header path.
    public let columnTitles: [String]
    public let rows: [RowView]
    /// Computed from the rows; nil when the appendix has no `total_row`.
    public let totalRow: RowView?
    public let notes: [String]
    /// Which template table fits the header (see AppendixLayout); exactly one flag is true.
    public let layout: [String: Bool]
    /// Header texts by row number then cell number, both 1-based: `head.2.5`.
    public let head: [String: [String: String]]
    /// Per data column: its title and "row label: figure" lines, for the generic layout.
    public let byColumn: [ColumnView]

    init(_ a: Appendix, index: Int, kind: ReportKind, attachmentLine: String) {
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
        rows = a.rows.map { RowView($0, isTotal: false) }
        totalRow = a.totalRow == nil ? nil : RowView(a.totals().row, isTotal: true)
        notes = a.notes
        layout = AppendixLayout.flags(for: a.columns)
        var head: [String: [String: String]] = [:]
        for (r, row) in a.columns.enumerated() {
            head[String(r + 1)] = Dictionary(uniqueKeysWithValues: row.enumerated().map { (String($0.offset + 1), $0.element.text) })
        }
        self.head = head
        let listed = rows + (totalRow.map { [$0] } ?? [])
        let titles = columnTitles
        byColumn = (0..<max(0, titles.count - 1)).map { c in
            ColumnView(title: titles[c + 1],
                       values: listed.map { "\($0.label): \(c < $0.cells.count ? $0.cells[c] : "")" }.joined(separator: "\n"))
        }
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
        case notes, layout, head
        case byColumn = "by_column"
    }
}

public struct RowView: Encodable, Sendable, Equatable {
    public let label: String
    public let cells: [ReportText]
    /// `label` followed by `cells`: one entry per grid column.
    public let all: [ReportText]
    /// `all` by 1-based grid column ("1" is the label), addressable as `col.3` in templates.
    public let col: [String: ReportText]
    public let isTotal: Bool

    init(_ row: TableRow, isTotal: Bool) {
        label = row.label
        cells = row.cells.map { ReportText($0.text) }
        all = [ReportText(row.label)] + cells
        col = Dictionary(uniqueKeysWithValues: all.enumerated().map { (String($0.offset + 1), $0.element) })
        self.isTotal = isTotal
    }

    enum CodingKeys: String, CodingKey {
        case label, cells, all, col
        case isTotal = "is_total"
    }
}
