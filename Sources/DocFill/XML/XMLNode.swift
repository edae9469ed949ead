import Synchronization
import Dispatch

/// A mutable XML tree, built from libxml2's SAX events. Templates are restructured in it
/// (tags moved, runs split) before being turned into a render plan, so nodes are classes with
/// parent links.
class XMLNode {
    /// Unowned, not weak: a weak reference gives every parent a side table, which made
    /// building and freeing a part's tree a large share of compiling it. A node leaving the
    /// tree is retired (`remove`, `retire`): its parent is cleared and the root keeps it
    /// alive, so no element is freed while a node below it can still be reached.
    unowned var parent: XMLElement?
    /// 1-based line and column in the part where the node starts.
    var line: Int = 0
    var column: Int = 0

    var indexInParent: Int? { parent?.children.firstIndex { $0 === self } }

    /// Detaches the node from its parent. The root keeps it alive until the whole tree is
    /// freed: stages hold on to elements below it (runs that lost text, placeholders) and
    /// read their parents, which must not be freed under them.
    func remove() {
        guard let parent else { return }
        if let i = indexInParent { parent.children.remove(at: i) }
        retire(from: parent)
    }

    /// Clears the parent of a node taken out of `parent`'s children, keeping it alive (see `remove`).
    func retire(from parent: XMLElement) {
        var root = parent
        while let up = root.parent { root = up }
        root.retired.append(self)
        self.parent = nil
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
    let prefix: String?
    let name: String
    var value: String
    /// `prefix:name` as UTF-8, made once: the writer needs it for every start tag.
    let qualifiedBytes: [UInt8]

    init(prefix: String?, name: String, value: String) {
        self.prefix = prefix; self.name = name; self.value = value
        qualifiedBytes = Array((prefix.map { "\($0):\(name)" } ?? name).utf8)
    }

    var qualifiedName: String { String(decoding: qualifiedBytes, as: UTF8.self) }
}

/// An element name as parsed. The parser makes one per distinct name in a part and every
/// element of that name shares it, so the profile's name tests (is it a paragraph? a row?)
/// are answered once per name, not once per element, and the writer has its bytes ready.
final class ElementName {
    let prefix: String?
    let local: String
    let namespaceURI: String?
    let qname: QName?
    /// `prefix:local` as UTF-8, for start and end tags.
    let qualifiedBytes: [UInt8]
    /// Remembered answers of name tests, for one cache space at a time: the bits of the
    /// tests made so far, and of those among them this name passed. Callers give each test
    /// a bit of its space; a test of another space starts the cache over.
    private var space: UInt32 = 0
    private var tested: UInt64 = 0
    private var member: UInt64 = 0

    init(prefix: String?, local: String, namespaceURI: String?) {
        self.prefix = prefix; self.local = local; self.namespaceURI = namespaceURI
        qname = namespaceURI.map { QName(namespace: $0, local: local) }
        qualifiedBytes = Array((prefix.map { "\($0):\(local)" } ?? local).utf8)
    }

    /// Whether this name passes the test with `bit` of `space`, computed by `test` the first
    /// time only. A zero bit is a test nothing passes (an empty set).
    @inline(__always)
    func cachedMembership(space: UInt32, bit: UInt64, _ test: (QName) -> Bool) -> Bool {
        if bit == 0 { return false }
        if space != self.space { self.space = space; tested = 0; member = 0 }
        if tested & bit == 0 {
            tested |= bit
            if let qname, test(qname) { member |= bit }
        }
        return member & bit != 0
    }
}

final class XMLElement: XMLNode {
    let elementName: ElementName
    var namespaceDeclarations: [(prefix: String?, uri: String)] = []
    var attributes: [XMLAttribute] = []
    var children: [XMLNode] = []
    /// Nodes removed from the tree below this root (see `XMLNode.remove`).
    fileprivate var retired: [XMLNode] = []

    init(_ name: ElementName) { elementName = name }

    convenience init(prefix: String?, name: String, namespaceURI: String?) {
        self.init(ElementName(prefix: prefix, local: name, namespaceURI: namespaceURI))
    }

    var prefix: String? { elementName.prefix }
    var name: String { elementName.local }
    var namespaceURI: String? { elementName.namespaceURI }
    var qname: QName? { elementName.qname }
    var qualifiedName: String { String(decoding: elementName.qualifiedBytes, as: UTF8.self) }

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
        let e = XMLElement(elementName)
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

    /// Calls `body` with every element below this one, depth first, in document order.
    func forEachDescendant(_ body: (XMLElement) -> Void) {
        for case let child as XMLElement in children {
            body(child)
            child.forEachDescendant(body)
        }
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

/// Frees parsed trees on a background queue. Freeing a large part's tree node by node costs
/// about as much as a tenth of compiling it, and nothing waits for it: a compile hands its
/// trees here and returns.
enum TreeDisposal {
    /// The trees, owned by nobody else once handed over (hence unchecked).
    private final class Trees: @unchecked Sendable {
        var documents: [XMLDocument]
        init(_ documents: [XMLDocument]) { self.documents = documents }
    }

    private static let queue = DispatchQueue(label: "docfill.tree-disposal", qos: .utility)

    /// Set by `ShortLivedProcess.keepParsedTrees()`.
    static let keepsTrees = Atomic<Bool>(false)

    /// Takes the trees out of `documents`, so that the last reference is the queue's (or,
    /// in a short-lived process, nobody's: the exit frees them).
    static func release(_ documents: inout [XMLDocument]) {
        guard !documents.isEmpty else { return }
        let trees = Trees(documents)
        documents = []
        if keepsTrees.load(ordering: .relaxed) {
            _ = Unmanaged.passRetained(trees)
            return
        }
        queue.async { trees.documents.removeAll() }
    }
}

/// For a process that compiles a template, renders and exits (`docfill render`, `check`):
/// freeing the parsed trees of a compile node by node is a tenth of such a run's work
/// (callgrind: 50 of 387 million instructions for the seed report), which the exit does at
/// once. A process that keeps running (a server, a batch) must not call it.
public enum ShortLivedProcess {
    /// From now on, the parsed trees of compiles are kept until the process exits, never freed.
    public static func keepParsedTrees() { TreeDisposal.keepsTrees.store(true, ordering: .relaxed) }
}
