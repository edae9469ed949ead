import Foundation

/// "Phần thứ nhất …": a part of the body with an UPPER-case title.
public struct Part: Codable, Sendable, Equatable {
    /// The part title; a "\n" marks a printed line break.
    public var title: String
    public var sections: [Section]

    public init(title: String, sections: [Section] = []) {
        self.title = title; self.sections = sections
    }

    enum CodingKeys: String, CodingKey { case title, sections }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        title = try c.decodeIfPresent(String.self, forKey: .title) ?? ""
        sections = try c.decodeIfPresent([Section].self, forKey: .sections) ?? []
    }
}

/// A Roman-numbered section ("I- Đặc điểm tình hình"). Its own `items`
/// print before its `subsections`.
public struct Section: Codable, Sendable, Equatable {
    public var title: String
    public var items: [Item]
    public var subsections: [Subsection]

    public init(title: String, items: [Item] = [], subsections: [Subsection] = []) {
        self.title = title; self.items = items; self.subsections = subsections
    }

    enum CodingKeys: String, CodingKey { case title, items, subsections }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        title = try c.decodeIfPresent(String.self, forKey: .title) ?? ""
        items = try c.decodeIfPresent([Item].self, forKey: .items) ?? []
        subsections = try c.decodeIfPresent([Subsection].self, forKey: .subsections) ?? []
    }
}

/// An Arabic-numbered sub-item ("1. Thuận lợi").
public struct Subsection: Codable, Sendable, Equatable {
    public var title: String
    public var items: [Item]

    public init(title: String, items: [Item] = []) {
        self.title = title; self.items = items
    }

    enum CodingKeys: String, CodingKey { case title, items }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        title = try c.decodeIfPresent(String.self, forKey: .title) ?? ""
        items = try c.decodeIfPresent([Item].self, forKey: .items) ?? []
    }
}

/// One body item: a paragraph (`text`), optionally followed by a bullet list.
/// An item may be a bare list (no `text`). `number` is set for numbered
/// paragraphs such as "1. Kiên quyết, …" (printed as "\(number). \(text)").
public struct Item: Codable, Sendable, Equatable {
    public var number: String?
    public var text: String?
    /// Marker of this item's top-level bullets when it is not "-" (e.g. "+").
    public var bulletMarker: String?
    public var bullets: [Bullet]

    public init(number: String? = nil, text: String? = nil,
                bulletMarker: String? = nil, bullets: [Bullet] = []) {
        self.number = number; self.text = text
        self.bulletMarker = bulletMarker; self.bullets = bullets
    }

    public static func paragraph(_ text: String) -> Item { Item(text: text) }

    enum CodingKeys: String, CodingKey {
        case number, text
        case bulletMarker = "bullet_marker"
        case bullets
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        number = try c.decodeLenientString(forKey: .number)
        text = try c.decodeIfPresent(String.self, forKey: .text)
        bulletMarker = try c.decodeIfPresent(String.self, forKey: .bulletMarker)
        bullets = try c.decodeIfPresent([Bullet].self, forKey: .bullets) ?? []
    }
}

/// A bullet; nested bullets are one level deeper. Default markers:
/// level 1 "-", level 2 "+", deeper "•"; `marker` overrides.
public struct Bullet: Codable, Sendable, Equatable {
    public var text: String
    public var marker: String?
    public var bullets: [Bullet]

    public init(_ text: String, marker: String? = nil, bullets: [Bullet] = []) {
        self.text = text; self.marker = marker; self.bullets = bullets
    }

    enum CodingKeys: String, CodingKey { case text, marker, bullets }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        text = try c.decodeIfPresent(String.self, forKey: .text) ?? ""
        marker = try c.decodeIfPresent(String.self, forKey: .marker)
        bullets = try c.decodeIfPresent([Bullet].self, forKey: .bullets) ?? []
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
