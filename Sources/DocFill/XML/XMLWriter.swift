/// Serialises the tree. Text is escaped here and only here, so values from data are always
/// literal text in the output, never markup.
enum XMLWriter {
    static func declaration(standalone: Bool) -> [UInt8] {
        Array("<?xml version=\"1.0\" encoding=\"UTF-8\"\(standalone ? " standalone=\"yes\"" : "")?>\n".utf8)
    }

    static func write(_ document: XMLDocument) -> [UInt8] {
        var out = declaration(standalone: document.standalone)
        write(document.root, into: &out)
        return out
    }

    static func write(_ node: XMLNode, into out: inout [UInt8]) {
        switch node {
        case let e as XMLElement:
            writeStartTag(e, into: &out, selfClosing: e.children.isEmpty)
            if !e.children.isEmpty {
                for child in e.children { write(child, into: &out) }
                writeEndTag(e, into: &out)
            }
        case let t as XMLText: escapeText(t.bytes, into: &out)
        case let r as XMLRaw: out += r.bytes
        default: break
        }
    }

    static func writeStartTag(_ e: XMLElement, into out: inout [UInt8], selfClosing: Bool) {
        out.append(UInt8(ascii: "<"))
        out += e.elementName.qualifiedBytes
        for ns in e.namespaceDeclarations {
            out += Array((ns.prefix.map { " xmlns:\($0)=\"" } ?? " xmlns=\"").utf8)
            escapeAttribute(ns.uri, into: &out)
            out.append(UInt8(ascii: "\""))
        }
        for a in e.attributes {
            out.append(UInt8(ascii: " "))
            out += a.qualifiedBytes
            out += [UInt8(ascii: "="), UInt8(ascii: "\"")]
            escapeAttribute(a.value, into: &out)
            out.append(UInt8(ascii: "\""))
        }
        if selfClosing { out.append(UInt8(ascii: "/")) }
        out.append(UInt8(ascii: ">"))
    }

    static func writeEndTag(_ e: XMLElement, into out: inout [UInt8]) {
        out += [UInt8(ascii: "<"), UInt8(ascii: "/")]
        out += e.elementName.qualifiedBytes
        out.append(UInt8(ascii: ">"))
    }

    static func escapeText(_ bytes: [UInt8], into out: inout [UInt8]) {
        bytes.withUnsafeBufferPointer { escape($0, attribute: false, into: &out) }
    }

    static func escapeAttribute(_ bytes: [UInt8], into out: inout [UInt8]) {
        bytes.withUnsafeBufferPointer { escape($0, attribute: true, into: &out) }
    }

    static func escapeAttribute(_ value: String, into out: inout [UInt8]) {
        var value = value
        value.withUTF8 { escape($0, attribute: true, into: &out) }
    }

    /// One escaper for both: text escapes `& < >` and CR; attribute values also `"` and the
    /// whitespace characters attribute normalisation would otherwise turn into spaces.
    private static func escape(_ bytes: UnsafeBufferPointer<UInt8>, attribute: Bool, into out: inout [UInt8]) {
        // Fast path: most text has nothing to escape.
        if !bytes.contains(where: { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x0D || (attribute && ($0 == 0x22 || $0 == 0x09 || $0 == 0x0A)) }) {
            out += bytes
            return
        }
        for b in bytes {
            switch b {
            case 0x26: out += entities.amp
            case 0x3C: out += entities.lt
            case 0x3E where !attribute: out += entities.gt
            case 0x0D: out += entities.cr
            case 0x22 where attribute: out += entities.quot
            case 0x09 where attribute: out += entities.tab
            case 0x0A where attribute: out += entities.lf
            default: out.append(b)
            }
        }
    }

    private static let entities = (amp: Array("&amp;".utf8), lt: Array("&lt;".utf8), gt: Array("&gt;".utf8),
                                   quot: Array("&quot;".utf8), cr: Array("&#13;".utf8), tab: Array("&#9;".utf8),
                                   lf: Array("&#10;".utf8))
}
