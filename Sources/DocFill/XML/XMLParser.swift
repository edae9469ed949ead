import CLibXML2

/// Parses one XML part with libxml2's SAX2 interface into an `XMLDocument`.
///
/// Safety: no network, no DTD loading, no entity substitution, and any DOCTYPE at all is
/// refused (office parts never carry one, and refusing it removes every entity attack).
/// libxml2's own limits stay on (no XML_PARSE_HUGE), and because this SAX path builds its own
/// tree it enforces the two that matter itself: nesting deeper than 256 and text nodes over
/// 10 MB are `xml_limit` errors, as are elements with more than 1,000 attributes
/// (`AttributeCount`, checked before libxml2 sees the bytes). Messages are collected, never printed.
enum XMLParser {
    /// `keepingDepth`: elements nested deeper than this (the root is depth 1) are checked and
    /// counted but not built, nor is their text: a part read for its top levels only (the
    /// style list of a 350 KB styles.xml) costs a fraction of its whole tree.
    static func parse(_ bytes: [UInt8], file: String?, part: String, keepingDepth: Int = .max) throws -> XMLDocument {
        Self.initialize
        docfill_xml_silence_generic_errors()
        if bytes.count > maxPartBytes {
            throw DocFillError("xml_limit", "the part is larger than \(maxPartBytes >> 20) MiB", at: SourceLocation(file: file, part: part))
        }
        var bytes = bytes
        var ignoreDeclaredEncoding: UInt32 = 0
        if let order = XMLEncoding.utf16(bytes) {
            guard let utf8 = XMLEncoding.utf8(from: bytes, order) else {
                throw DocFillError("xml_encoding", "the part declares UTF-16 but holds invalid UTF-16",
                                   at: SourceLocation(file: file, part: part))
            }
            bytes = utf8
            ignoreDeclaredEncoding = XML_PARSE_IGNORE_ENC.rawValue
        }
        if let place = bytes.withUnsafeBufferPointer({ AttributeCount.firstElementOver(AttributeCount.maxPerElement, in: $0) }) {
            throw DocFillError("xml_limit", "an element has more than \(AttributeCount.maxPerElement) attributes and namespace declarations",
                               at: SourceLocation(file: file, part: part, line: place.line, column: place.column))
        }
        let builder = TreeBuilder()
        builder.keepingDepth = keepingDepth
        var handler = xmlSAXHandler()
        handler.initialized = XML_SAX2_MAGIC
        handler.startElementNs = { ctx, localname, prefix, uri, nbNamespaces, namespaces, nbAttributes, _, attributes in
            TreeBuilder.from(ctx).startElement(localname, prefix, uri, Int(nbNamespaces), namespaces,
                                               Int(nbAttributes), attributes)
        }
        handler.endElementNs = { ctx, _, _, _ in TreeBuilder.from(ctx).endElement() }
        handler.characters = { ctx, ch, len in TreeBuilder.from(ctx).characters(ch, Int(len)) }
        handler.ignorableWhitespace = handler.characters
        handler.cdataBlock = handler.characters
        handler.comment = { ctx, value in TreeBuilder.from(ctx).raw("<!--", value, nil, "-->") }
        handler.processingInstruction = { ctx, target, data in
            TreeBuilder.from(ctx).raw("<?", target, data, "?>")
        }
        handler.internalSubset = { ctx, _, _, _ in TreeBuilder.from(ctx).refuseDoctype() }
        handler.externalSubset = { ctx, _, _, _ in TreeBuilder.from(ctx).refuseDoctype() }
        handler.entityDecl = { ctx, _, _, _, _, _ in TreeBuilder.from(ctx).refuseDoctype() }
        handler.serror = { ctx, error in
            guard let ctx, let error else { return }
            TreeBuilder.from(ctx).error(error.pointee)
        }

        let user = Unmanaged.passUnretained(builder).toOpaque()
        guard let ctxt = xmlCreatePushParserCtxt(&handler, user, nil, 0, part) else {
            throw DocFillError("xml_malformed", "cannot create an XML parser", at: SourceLocation(file: file, part: part))
        }
        defer { xmlFreeParserCtxt(ctxt) }
        builder.context = ctxt
        let options = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue
                            | ignoreDeclaredEncoding)
        xmlCtxtUseOptions(ctxt, options)
        // Fed in slices: the push parser copies what it is given into its own buffer, and a
        // whole 100 MB part would be held twice. It stops early on the first fatal error.
        bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                var offset = 0
                repeat {
                    let n = min(chunkSize, chars.count - offset)
                    let last: Int32 = offset + n == chars.count ? 1 : 0
                    _ = xmlParseChunk(ctxt, chars.baseAddress.map { $0 + offset }, Int32(n), last)
                    offset += n
                    if builder.failure != nil || builder.sawDoctype || ctxt.pointee.disableSAX != 0
                        || ctxt.pointee.instate == XML_PARSER_EOF { break }
                } while offset < chars.count
            }
        }
        withExtendedLifetime(builder) {}

        if builder.sawDoctype {
            throw DocFillError("xml_doctype", "a DOCTYPE declaration is not allowed in an office document part",
                               at: SourceLocation(file: file, part: part, line: builder.doctypeLine, column: builder.doctypeColumn))
        }
        if let failure = builder.failure {
            throw DocFillError(failure.code, failure.message,
                               at: SourceLocation(file: file, part: part, line: failure.line, column: failure.column))
        }
        guard ctxt.pointee.wellFormed != 0, let root = builder.root else {
            throw DocFillError("xml_malformed", "the part is not well-formed XML",
                               at: SourceLocation(file: file, part: part))
        }
        return XMLDocument(root: root, standalone: ctxt.pointee.standalone == 1)
    }

    /// Office documents nest a few dozen levels; 256 is libxml2's own default.
    static let maxDepth = 256
    /// The largest text node, in bytes: libxml2's own limit without XML_PARSE_HUGE
    /// (XML_MAX_TEXT_LENGTH), enforced here because our SAX handler builds the text itself.
    static let maxTextNode = 10_000_000
    static let chunkSize = 1 << 20
    /// The largest part parsed into a tree: the tree, the plan built from it and the part's
    /// bytes each take about its size, so 16 MiB keeps a compile within the memory bound.
    /// Real template parts are a few hundred KB.
    static let maxPartBytes = 16 << 20
    /// The most elements in one part: each costs a few hundred bytes as a tree node and
    /// time in every compile stage. The official report templates have about 13,000.
    static let maxElements = 200_000

    private static let initialize: Void = { xmlInitParser() }()
}

/// Receives SAX events and builds the tree, noting where each node starts.
private final class TreeBuilder {
    var context: xmlParserCtxtPtr?
    var root: XMLElement?
    var stack: [XMLElement] = []
    var openText: XMLText?
    var sawDoctype = false
    var doctypeLine = 0, doctypeColumn = 0
    var failure: (code: String, message: String, line: Int, column: Int)?
    /// Where the previous event ended: the next text node starts there.
    var line = 1, column = 1
    var names = NameInterner()
    var elementCount = 0
    /// Elements deeper than this are not built (`XMLParser.parse(keepingDepth:)`); `skipped`
    /// counts the open ones below the deepest built element.
    var keepingDepth = Int.max
    var skipped = 0

    static func from(_ ctx: UnsafeMutableRawPointer?) -> TreeBuilder {
        Unmanaged<TreeBuilder>.fromOpaque(ctx!).takeUnretainedValue()
    }

    private func markPosition(afterGreaterThan: Bool = false) {
        guard let context else { return }
        line = Int(docfill_xml_line(context))
        column = Int(docfill_xml_column(context)) + (afterGreaterThan ? 1 : 0)
    }

    func startElement(_ localname: UnsafePointer<xmlChar>?, _ prefix: UnsafePointer<xmlChar>?,
                      _ uri: UnsafePointer<xmlChar>?, _ nbNamespaces: Int,
                      _ namespaces: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?,
                      _ nbAttributes: Int, _ attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?) {
        openText = nil
        // Our own bound on nesting: libxml2 only enforces its limit when it builds its own
        // tree, and a deeper Swift tree would overflow the stack when walked or freed.
        elementCount += 1
        if stack.count + skipped >= XMLParser.maxDepth || elementCount > XMLParser.maxElements {
            if failure == nil, let context {
                let message = stack.count + skipped >= XMLParser.maxDepth ? "elements nest deeper than \(XMLParser.maxDepth) levels"
                                                                : "the part has more than \(XMLParser.maxElements) elements"
                failure = ("xml_limit", message, Int(docfill_xml_line(context)), Int(docfill_xml_column(context)))
                xmlStopParser(context)
            }
            return
        }
        if stack.count >= keepingDepth || skipped > 0 { skipped += 1; return }
        let element = XMLElement(names.element(prefix, localname, uri))
        element.line = line; element.column = column
        if let namespaces {
            for i in 0..<nbNamespaces {
                element.namespaceDeclarations.append((string(namespaces[2 * i]), string(namespaces[2 * i + 1]) ?? ""))
            }
        }
        if let attributes, nbAttributes > 0 {
            element.attributes.reserveCapacity(nbAttributes)
            for i in 0..<nbAttributes {
                let base = 5 * i
                guard let start = attributes[base + 3], let end = attributes[base + 4] else { continue }
                let raw = UnsafeBufferPointer(start: start, count: end - start)
                element.attributes.append(names.attribute(attributes[base + 1], attributes[base], value: decodeReferences(raw)))
            }
        }
        if let parent = stack.last { parent.append(element) } else { root = element }
        stack.append(element)
        markPosition(afterGreaterThan: true)
    }

    func endElement() {
        openText = nil
        if skipped > 0 { skipped -= 1; if skipped == 0 { markPosition() }; return }
        guard failure == nil, !stack.isEmpty else { return }
        stack.removeLast()
        markPosition()
    }

    func characters(_ ch: UnsafePointer<xmlChar>?, _ len: Int) {
        guard skipped == 0 else { return }
        guard let ch, let parent = stack.last else { markPosition(); return }
        let chunk = UnsafeBufferPointer(start: ch, count: len)
        guard failure == nil else { return }
        if (openText?.bytes.count ?? 0) + len > XMLParser.maxTextNode {
            if let context {
                failure = ("xml_limit", "a text node is larger than \(XMLParser.maxTextNode) bytes",
                           openText?.line ?? Int(docfill_xml_line(context)), openText?.column ?? Int(docfill_xml_column(context)))
                xmlStopParser(context)
            }
            return
        }
        if let openText {
            openText.bytes.append(contentsOf: chunk)
        } else {
            let text = XMLText(Array(chunk), line: line, column: column)
            parent.append(text)
            openText = text
        }
        markPosition()
    }

    func raw(_ open: String, _ a: UnsafePointer<xmlChar>?, _ b: UnsafePointer<xmlChar>?, _ close: String) {
        openText = nil
        guard skipped == 0 else { return }
        var text = open + (string(a) ?? "")
        if let b = string(b) { text += " " + b }
        text += close
        stack.last?.append(XMLRaw(Array(text.utf8)))
        markPosition()
    }

    func refuseDoctype() {
        if !sawDoctype, let context {
            sawDoctype = true
            doctypeLine = Int(docfill_xml_line(context)); doctypeColumn = Int(docfill_xml_column(context))
            xmlStopParser(context)
        }
    }

    func error(_ error: xmlError) {
        guard failure == nil, !sawDoctype, error.level.rawValue >= XML_ERR_ERROR.rawValue else { return }
        var message = error.message.map { String(cString: $0) } ?? "XML error"
        while message.last?.isWhitespace == true { message.removeLast() }
        let code: String
        switch Int(error.code) {
        case Int(XML_ERR_ENTITY_LOOP.rawValue), Int(XML_ERR_UNDECLARED_ENTITY.rawValue),
             Int(XML_WAR_UNDECLARED_ENTITY.rawValue), Int(XML_ERR_ENTITY_BOUNDARY.rawValue):
            code = "xml_entity"
        case Int(XML_ERR_INVALID_CHAR.rawValue), Int(XML_ERR_INVALID_ENCODING.rawValue):
            code = "xml_encoding"
        default:
            let lower = message.lowercased()
            code = lower.contains("xml_parse_huge") || lower.contains("huge") ? "xml_limit" : "xml_malformed"
        }
        failure = (code, message, Int(error.line), Int(error.int2))
    }

    private func string(_ p: UnsafePointer<xmlChar>?) -> String? {
        p.map { String(cString: $0) }
    }
}

/// Attribute values reach SAX2 with character references (libxml2 turns `&amp;` into
/// `&#38;` when it does not substitute entities); decode those and the predefined ones.
private func decodeReferences(_ raw: UnsafeBufferPointer<xmlChar>) -> String {
    guard raw.contains(UInt8(ascii: "&")) else { return String(decoding: raw, as: UTF8.self) }
    var out: [UInt8] = []
    var i = 0
    while i < raw.count {
        if raw[i] == UInt8(ascii: "&"), let semi = raw[i...].firstIndex(of: UInt8(ascii: ";")), semi - i < 12 {
            let name = String(decoding: raw[(i + 1)..<semi], as: UTF8.self)
            var scalar: Unicode.Scalar?
            switch name {
            case "amp": scalar = "&"
            case "lt": scalar = "<"
            case "gt": scalar = ">"
            case "quot": scalar = "\""
            case "apos": scalar = "'"
            default:
                if name.hasPrefix("#x") { scalar = UInt32(name.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init) }
                else if name.hasPrefix("#") { scalar = UInt32(name.dropFirst(1)).flatMap(Unicode.Scalar.init) }
            }
            if let scalar {
                out += Array(String(Character(scalar)).utf8)
                i = semi + 1
                continue
            }
        }
        out.append(raw[i]); i += 1
    }
    return String(decoding: out, as: UTF8.self)
}
