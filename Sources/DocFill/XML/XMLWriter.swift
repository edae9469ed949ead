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
        out += Array(e.qualifiedName.utf8)
        for ns in e.namespaceDeclarations {
            out += Array((ns.prefix.map { " xmlns:\($0)=\"" } ?? " xmlns=\"").utf8)
            escapeAttribute(Array(ns.uri.utf8), into: &out)
            out.append(UInt8(ascii: "\""))
        }
        for a in e.attributes {
            out.append(UInt8(ascii: " "))
            out += Array(a.qualifiedName.utf8)
            out += [UInt8(ascii: "="), UInt8(ascii: "\"")]
            escapeAttribute(Array(a.value.utf8), into: &out)
            out.append(UInt8(ascii: "\""))
        }
        if selfClosing { out.append(UInt8(ascii: "/")) }
        out.append(UInt8(ascii: ">"))
    }

    static func writeEndTag(_ e: XMLElement, into out: inout [UInt8]) {
        out += [UInt8(ascii: "<"), UInt8(ascii: "/")]
        out += Array(e.qualifiedName.utf8)
        out.append(UInt8(ascii: ">"))
    }

    static func escapeText(_ bytes: [UInt8], into out: inout [UInt8]) {
        for b in bytes {
            switch b {
            case UInt8(ascii: "&"): out += Array("&amp;".utf8)
            case UInt8(ascii: "<"): out += Array("&lt;".utf8)
            case UInt8(ascii: ">"): out += Array("&gt;".utf8)
            case 0x0D: out += Array("&#13;".utf8)
            default: out.append(b)
            }
        }
    }

    static func escapeAttribute(_ bytes: [UInt8], into out: inout [UInt8]) {
        for b in bytes {
            switch b {
            case UInt8(ascii: "&"): out += Array("&amp;".utf8)
            case UInt8(ascii: "<"): out += Array("&lt;".utf8)
            case UInt8(ascii: "\""): out += Array("&quot;".utf8)
            case 0x09: out += Array("&#9;".utf8)
            case 0x0A: out += Array("&#10;".utf8)
            case 0x0D: out += Array("&#13;".utf8)
            default: out.append(b)
            }
        }
    }
}
