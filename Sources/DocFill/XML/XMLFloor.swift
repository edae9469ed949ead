import CLibXML2

/// The cost floor of any engine on a part: libxml2's own parse into its tree and its own
/// serialisation, with nothing changed. Used by the benchmark only.
package enum XMLFloor {
    package static func roundTrip(_ bytes: [UInt8]) -> [UInt8] {
        let options = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue)
        let doc = bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { xmlReadMemory($0.baseAddress, Int32($0.count), nil, "UTF-8", options) }
        }
        guard let doc else { return [] }
        defer { xmlFreeDoc(doc) }
        var out: UnsafeMutablePointer<xmlChar>?
        var size: Int32 = 0
        xmlDocDumpMemoryEnc(doc, &out, &size, "UTF-8")
        defer { docfill_xml_free(out) }
        guard let out else { return [] }
        return Array(UnsafeBufferPointer(start: out, count: Int(size)))
    }
}
