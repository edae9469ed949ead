import Foundation

/// "Phần thứ nhất …": a part of the body with an UPPER-case title.
public struct ReportPart: Codable, Sendable, Equatable {
    /// The part title; a "\n" marks a printed line break.
    public var title: String
    /// The part's sections, printed with Roman numbers restarting at I in each part.
    public var sections: [ReportSection]

    /// Makes a part from its title and sections, for a report built in code.
    public init(title: String, sections: [ReportSection] = []) {
        self.title = title; self.sections = sections
    }

    enum CodingKeys: String, CodingKey { case title, sections }

    /// Reads a part from data; a missing title or section list is taken as empty.
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        title = try c.decodeIfPresent(String.self, forKey: .title) ?? ""
        sections = try c.decodeIfPresent([ReportSection].self, forKey: .sections) ?? []
    }
}

/// A Roman-numbered section ("I- Đặc điểm tình hình"). Its own `items`
/// print before its `subsections`.
public struct ReportSection: Codable, Sendable, Equatable {
    /// The section's title as written, without its Roman number (the view adds "I- ").
    public var title: String
    /// Paragraphs printed directly under the section heading, before any subsection.
    public var items: [ReportItem]
    /// The Arabic-numbered subsections, printed after `items`.
    public var subsections: [ReportSubsection]

    /// Makes a section from its title, paragraphs and subsections, for a report built in code.
    public init(title: String, items: [ReportItem] = [], subsections: [ReportSubsection] = []) {
        self.title = title; self.items = items; self.subsections = subsections
    }

    enum CodingKeys: String, CodingKey { case title, items, subsections }

    /// Reads a section from data; missing lists are taken as empty.
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        title = try c.decodeIfPresent(String.self, forKey: .title) ?? ""
        items = try c.decodeIfPresent([ReportItem].self, forKey: .items) ?? []
        subsections = try c.decodeIfPresent([ReportSubsection].self, forKey: .subsections) ?? []
    }
}

/// An Arabic-numbered sub-item ("1. Thuận lợi").
public struct ReportSubsection: Codable, Sendable, Equatable {
    /// The subsection's title as written, without its number (the view adds "1. ").
    public var title: String
    /// The paragraphs of the subsection, in printed order.
    public var items: [ReportItem]

    /// Makes a subsection from its title and paragraphs, for a report built in code.
    public init(title: String, items: [ReportItem] = []) {
        self.title = title; self.items = items
    }

    enum CodingKeys: String, CodingKey { case title, items }

    /// Reads a subsection from data; a missing list of items is taken as empty.
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        title = try c.decodeIfPresent(String.self, forKey: .title) ?? ""
        items = try c.decodeIfPresent([ReportItem].self, forKey: .items) ?? []
    }
}

/// One body item: a paragraph (`text`), optionally followed by a bullet list.
/// An item may be a bare list (no `text`). `number` is set for numbered
/// paragraphs such as "1. Kiên quyết, …" (printed as "\(number). \(text)").
public struct ReportItem: Codable, Sendable, Equatable {
    /// The paragraph's own number ("1", "a"), kept as text; nil for an unnumbered paragraph.
    public var number: String?
    /// The paragraph text; nil when the item is only a bullet list.
    public var text: String?
    /// Marker of this item's top-level bullets when it is not "-" (e.g. "+").
    public var bulletMarker: String?
    /// The bullet list printed under the paragraph, in order.
    public var bullets: [ReportBullet]

    /// Makes an item from any of its parts; everything is optional so a bare list or a bare paragraph can be built.
    public init(number: String? = nil, text: String? = nil,
                bulletMarker: String? = nil, bullets: [ReportBullet] = []) {
        self.number = number; self.text = text
        self.bulletMarker = bulletMarker; self.bullets = bullets
    }

    /// An unnumbered paragraph without bullets: the most common item, spelled briefly.
    public static func paragraph(_ text: String) -> ReportItem { ReportItem(text: text) }

    enum CodingKeys: String, CodingKey {
        case number, text
        case bulletMarker = "bullet_marker"
        case bullets
    }

    /// Reads an item from data; `number` may be written as a YAML number and is kept as text.
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        number = try c.decodeLenientString(forKey: .number)
        text = try c.decodeIfPresent(String.self, forKey: .text)
        bulletMarker = try c.decodeIfPresent(String.self, forKey: .bulletMarker)
        bullets = try c.decodeIfPresent([ReportBullet].self, forKey: .bullets) ?? []
    }
}

/// A bullet; nested bullets are one level deeper. Default markers:
/// level 1 "-", level 2 "+", deeper "•"; `marker` overrides.
public struct ReportBullet: Codable, Sendable, Equatable {
    /// The bullet's text, printed after its marker.
    public var text: String
    /// A marker to print instead of the level's default ("-", "+", "•"); nil keeps the default.
    public var marker: String?
    /// Bullets nested one level under this one.
    public var bullets: [ReportBullet]

    /// Makes a bullet from its text, with an optional marker and nested bullets.
    public init(_ text: String, marker: String? = nil, bullets: [ReportBullet] = []) {
        self.text = text; self.marker = marker; self.bullets = bullets
    }

    enum CodingKeys: String, CodingKey { case text, marker, bullets }

    /// Reads a bullet from data; missing text is taken as empty.
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        text = try c.decodeIfPresent(String.self, forKey: .text) ?? ""
        marker = try c.decodeIfPresent(String.self, forKey: .marker)
        bullets = try c.decodeIfPresent([ReportBullet].self, forKey: .bullets) ?? []
    }

    /// Default marker for a 1-based nesting level.
    public static func defaultMarker(level: Int) -> String {
        switch level {
        case ...1: return "-"
        case 2: return "+"
        default: return "•"
        }
    }
}
