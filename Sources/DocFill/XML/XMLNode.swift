/// A mutable XML tree, built from libxml2's SAX events. Templates are restructured in it
/// (tags moved, runs split) before being turned into a render plan, so nodes are classes with
/// parent links.
class XMLNode {
    weak var parent: XMLElement?
    /// 1-based line and column in the part where the node starts.
    var line: Int = 0
    var column: Int = 0

    var indexInParent: Int? { parent?.children.firstIndex { $0 === self } }

    /// Detaches the node from its parent.
    func remove() {
        if let parent, let i = indexInParent { parent.children.remove(at: i) }
        parent = nil
    }

    /// Ancestors from the parent up to the root.
    var ancestors: [XMLElement] {
        var result: [XMLElement] = []
        var node = parent
        while let n = node { result.append(n); node = n.parent }
        return result
    }
}

struct XMLAttribute: Hashable {
    var prefix: String?
    var name: String
    var value: String
    var qualifiedName: String { prefix.map { "\($0):\(name)" } ?? name }
}

final class XMLElement: XMLNode {
    var prefix: String?
    var name: String
    var namespaceURI: String?
    var namespaceDeclarations: [(prefix: String?, uri: String)] = []
    var attributes: [XMLAttribute] = []
    var children: [XMLNode] = []

    init(prefix: String?, name: String, namespaceURI: String?) {
        self.prefix = prefix; self.name = name; self.namespaceURI = namespaceURI
    }

    var qualifiedName: String { prefix.map { "\($0):\(name)" } ?? name }

    /// Namespace and local name, built (and hashed) once per element.
    lazy var qname: QName? = namespaceURI.map { QName(namespace: $0, local: name) }

    func append(_ child: XMLNode) { child.parent = self; children.append(child) }
    func insert(_ child: XMLNode, at index: Int) { child.parent = self; children.insert(child, at: index) }

    func attribute(_ name: String, namespace: String? = nil) -> String? {
        attributes.first { $0.name == name }?.value
    }

    func setAttribute(prefix: String?, name: String, value: String) {
        if let i = attributes.firstIndex(where: { $0.prefix == prefix && $0.name == name }) {
            attributes[i].value = value
        } else {
            attributes.append(XMLAttribute(prefix: prefix, name: name, value: value))
        }
    }

    /// A copy of this element without children (namespace declarations stay on the original).
    func shallowClone() -> XMLElement {
        let e = XMLElement(prefix: prefix, name: name, namespaceURI: namespaceURI)
        e.attributes = attributes
        e.line = line; e.column = column
        return e
    }

    func deepClone() -> XMLElement {
        let e = shallowClone()
        e.namespaceDeclarations = namespaceDeclarations
        for child in children {
            switch child {
            case let el as XMLElement: e.append(el.deepClone())
            case let t as XMLText: e.append(XMLText(t.bytes, line: t.line, column: t.column))
            case let r as XMLRaw: e.append(XMLRaw(r.bytes))
            default: break
            }
        }
        return e
    }

    /// Elements below this one, depth first, in document order.
    func descendants(where predicate: (XMLElement) -> Bool) -> [XMLElement] {
        var result: [XMLElement] = []
        func walk(_ e: XMLElement) {
            for case let child as XMLElement in e.children {
                if predicate(child) { result.append(child) }
                walk(child)
            }
        }
        walk(self)
        return result
    }
}

/// Character data, kept as UTF-8 bytes (the lexer and the writer both work on bytes).
final class XMLText: XMLNode {
    var bytes: [UInt8]
    init(_ bytes: [UInt8], line: Int = 0, column: Int = 0) {
        self.bytes = bytes
        super.init()
        self.line = line; self.column = column
    }
}

/// Markup kept verbatim: comments and processing instructions, already serialised.
final class XMLRaw: XMLNode {
    let bytes: [UInt8]
    init(_ bytes: [UInt8]) { self.bytes = bytes }
}

/// A parsed part: the XML declaration's facts and the root element.
final class XMLDocument {
    let root: XMLElement
    let standalone: Bool
    init(root: XMLElement, standalone: Bool) { self.root = root; self.standalone = standalone }
}
