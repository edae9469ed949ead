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
            }
        }
    }
}
