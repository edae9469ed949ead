/// A compiled part: literal XML bytes between the places where data goes. Rendering only
/// concatenates; nothing is parsed again.
indirect enum PlanNode: Sendable {
    case bytes([UInt8])
    case value(ValueSlot)
    /// A placeholder picture: rendered with the image its tag names, or removed.
    case image(ImageSlot)
    case section(SectionSlot, [PlanNode])
    /// An element whose content may vanish: a table with no rows left, or a container
    /// (table cell, text box) that must keep a paragraph.
    case guarded(Guard, open: [UInt8], body: [PlanNode], close: [UInt8])
    /// A row or paragraph that counts for the nearest enclosing guard.
    case counted([PlanNode])
    /// An id attribute's value in repeated content: each copy gets its own (see `UniqueIDs`).
    case uniqueID(UniqueIDSlot)
    /// A table whose columns or spans come from data (a column loop, a cell span tag): its
    /// rendered bytes are laid out again (`TableShaper`).
    case shapedTable(TableSlot, [PlanNode])
    /// A cell span tag (`{{~colspan n}}`): its value becomes a mark in the cell for the shaper.
    case cellSpan(ValueSlot)
}

/// The marks a shaped table's cells carry between the render and the shaper: processing
/// instructions, which readers ignore should a table not be shaped. The compiler puts the
/// template grid column a cell starts in (`<?docfill-col 2?>`); a cell span tag renders
/// `<?docfill-span colspan 3?>`.
enum TableMarks {
    static let column = "docfill-col"
    static let span = "docfill-span"
}

/// What shaping a rendered table needs: how to read its bytes alone, the template's widths and
/// the format's table markup.
struct TableSlot: Sendable {
    /// A start tag declaring the namespaces in scope at the table, around it when it is parsed
    /// alone, and its end tag.
    let open: [UInt8]
    let close: [UInt8]
    /// The template table's grid column widths, in the format's unit, or relative ones.
    let widths: [Double]
    let relative: Bool
    let format: any TableFormat
}

/// An id in repeated content: its space in the profile's `uniqueIDs` and the template's value.
struct UniqueIDSlot: Sendable {
    let space: Int
    let original: String
}

enum Guard: Sendable {
    case dropIfNoRows
    case paragraphIfEmpty([UInt8])
}

/// How a value is written where it lands: escaped text, with line breaks and tabs turned into
/// the format's markup.
struct TextContext: Sendable {
    var lineBreak: [UInt8]
    var tab: [UInt8]
    /// ODF: runs of spaces become `<text:s text:c="n"/>`; the prefix to use.
    var spacePrefix: String?
    /// Where a rich value may write runs of its own; nil where it is written as plain text.
    var rich: RichSite? = nil
}

struct ValueSlot: Sendable {
    let tag: TemplateTag
    let location: SourceLocation
    let context: TextContext
}

struct SectionSlot: Sendable {
    let tag: TemplateTag
    let location: SourceLocation
}

/// A placeholder picture, serialised into literal fragments around the values a render fills
/// in (which image, its box, a unique id).
struct ImageSlot: Sendable {
    enum Piece: Sendable {
        case bytes([UInt8])
        case field(ImageField)
    }
    let tag: TemplateTag
    let location: SourceLocation
    let pieces: [Piece]
    /// The placeholder's box in EMU (914,400 per inch).
    let box: (width: Double, height: Double)
    /// ODF: the unit each length is written in (`cm`, `in`…), as in the template.
    let units: (width: String, height: String)
}

/// One part of the output archive and how it is produced.
struct PartPlan: Sendable {
    let name: String
    let nodes: [PlanNode]
    /// Run on the rendered bytes (the format's `postRenderStep`: DOCX main document drops a
    /// last section the render left empty, see `TrailingSection`).
    var postStep: (any PartPostStep)? = nil
    /// ODF: the names of the part's mark styles start with this (`RichStyles.textStylePrefix`).
    var textStylePrefix = RichStyles.defaultTextStylePrefix
}

extension PlanNode {
    /// An indented dump of the plan, for `--debug` and tests.
    static func dump(_ nodes: [PlanNode], indent: String = "", into out: inout String) {
        for node in nodes {
            switch node {
            case .bytes(let b):
                var text = String(decoding: b.prefix(60), as: UTF8.self).replacingOccurrences(of: "\n", with: "⏎")
                if b.count > 60 { text += "…" }
                out += "\(indent)xml \(b.count)B \(text)\n"
            case .value(let slot):
                out += "\(indent)value \(slot.tag.source) @\(slot.location)\n"
            case .image(let slot):
                out += "\(indent)image \(slot.tag.source) @\(slot.location) box \(Int(slot.box.width))×\(Int(slot.box.height)) EMU\n"
            case .section(let slot, let body):
                out += "\(indent)section \(slot.tag.source) @\(slot.location)\n"
                dump(body, indent: indent + "  ", into: &out)
            case .guarded(let guardKind, _, let body, _):
                out += "\(indent)guard \(guardKind)\n"
                dump(body, indent: indent + "  ", into: &out)
            case .counted(let body):
                out += "\(indent)counted\n"
                dump(body, indent: indent + "  ", into: &out)
            case .uniqueID(let slot):
                out += "\(indent)id \(slot.original) (space \(slot.space))\n"
            case .shapedTable(let slot, let body):
                out += "\(indent)shaped table, \(slot.widths.count) template columns\n"
                dump(body, indent: indent + "  ", into: &out)
            case .cellSpan(let slot):
                out += "\(indent)cell span \(slot.tag.source) @\(slot.location)\n"
            }
        }
    }
}
