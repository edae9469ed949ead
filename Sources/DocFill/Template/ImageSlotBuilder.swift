import Foundation

extension ImageSlot {
    /// Serialises the placeholder's picture like `XMLWriter`, leaving a field wherever the
    /// profile says a render fills in a value, and reads the placeholder's box.
    init(_ placeholder: ImagePlaceholder, profile: ImageProfile) {
        var pieces: [Piece] = []
        var bytes: [UInt8] = []
        var width: (Double, String)?, height: (Double, String)?
        func flush() { if !bytes.isEmpty { pieces.append(.bytes(bytes)); bytes = [] } }
        func field(_ f: ImageField) { flush(); pieces.append(.field(f)) }

        func write(_ e: XMLElement) {
            let qname = e.namespaceURI.map { QName(namespace: $0, local: e.name) }
            bytes.append(UInt8(ascii: "<"))
            bytes += Array(e.qualifiedName.utf8)
            for ns in e.namespaceDeclarations {
                bytes += Array((ns.prefix.map { " xmlns:\($0)=\"" } ?? " xmlns=\"").utf8)
                XMLWriter.escapeAttribute(Array(ns.uri.utf8), into: &bytes)
                bytes.append(UInt8(ascii: "\""))
            }
            for a in e.attributes {
                bytes += Array(" \(a.qualifiedName)=\"".utf8)
                if let qname, let f = profile.attributeFields[ElementAttribute(element: qname, attribute: a.name)] {
                    if f == .width, width == nil { width = ImageLength.parse(a.value, emu: profile.lengthsInEMU) }
                    if f == .height, height == nil { height = ImageLength.parse(a.value, emu: profile.lengthsInEMU) }
                    field(f)
                } else {
                    XMLWriter.escapeAttribute(Array(a.value.utf8), into: &bytes)
                }
                bytes.append(UInt8(ascii: "\""))
            }
            if let qname, let f = profile.textFields[qname] {
                bytes.append(UInt8(ascii: ">"))
                field(f)
                XMLWriter.writeEndTag(e, into: &bytes)
                return
            }
            if e.children.isEmpty { bytes += Array("/>".utf8); return }
            bytes.append(UInt8(ascii: ">"))
            for child in e.children {
                if let el = child as? XMLElement { write(el) } else { XMLWriter.write(child, into: &bytes) }
            }
            XMLWriter.writeEndTag(e, into: &bytes)
        }
        write(placeholder.drawing)
        flush()
        self.init(tag: placeholder.tag, location: placeholder.location, pieces: pieces,
                  box: (width?.0 ?? 0, height?.0 ?? 0), units: (width?.1 ?? "", height?.1 ?? ""))
    }
}

/// Lengths of pictures: DOCX writes integer EMU, ODF a number with a unit.
enum ImageLength {
    static let emuPerUnit: [String: Double] = [
        "in": 914_400, "cm": 360_000, "mm": 36_000, "pt": 12_700, "pc": 152_400, "px": 9_525,
    ]

    /// The length in EMU and its unit ("" for EMU).
    static func parse(_ text: String, emu: Bool) -> (Double, String)? {
        let t = text.trimmingWhitespace()
        if emu { return Double(t).map { ($0, "") } }
        let unit = String(t.reversed().prefix { $0.isLetter }.reversed())
        guard let factor = emuPerUnit[unit], let number = Double(t.dropLast(unit.count)) else { return nil }
        return (number * factor, unit)
    }

    /// EMU as the template wrote its lengths: an integer, or a number in `unit` (4 decimals, no trailing zeros).
    static func format(_ emu: Double, unit: String) -> String {
        guard let factor = emuPerUnit[unit] else { return String(Int(emu.rounded())) }
        var s = String(format: "%.4f", emu / factor)
        while s.hasSuffix("0") { s.removeLast() }
        if s.hasSuffix(".") { s.removeLast() }
        return s + unit
    }
}
