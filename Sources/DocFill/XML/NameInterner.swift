import CLibXML2

/// Makes one `ElementName` (and one attribute name) per distinct name of a part.
///
/// libxml2 hands element and attribute names, prefixes and namespace URIs to SAX2 out of the
/// parser's dictionary (`xmlDictLookup` in `xmlParseQName`, and the namespace table holds
/// dictionary strings), which lives until the parser is freed; this interner lives for one
/// parse. So within it the same address is the same name, and the addresses alone find an
/// earlier name, with no string built, compared or hashed with SipHash.
struct NameInterner {
    private var elements = PointerTable<ElementName>()
    private var attributes = PointerTable<XMLAttribute>()

    mutating func element(_ prefix: UnsafePointer<xmlChar>?, _ local: UnsafePointer<xmlChar>?,
                          _ uri: UnsafePointer<xmlChar>?) -> ElementName {
        let key = PointerKey(prefix, local, uri)
        if let name = elements[key] { return name }
        let name = ElementName(prefix: string(prefix), local: string(local) ?? "", namespaceURI: string(uri))
        elements[key] = name
        return name
    }

    /// An attribute with this name and `value`.
    mutating func attribute(_ prefix: UnsafePointer<xmlChar>?, _ local: UnsafePointer<xmlChar>?,
                            value: String) -> XMLAttribute {
        let key = PointerKey(prefix, local, nil)
        if var attribute = attributes[key] {
            attribute.value = value
            return attribute
        }
        let attribute = XMLAttribute(prefix: string(prefix), name: string(local) ?? "", value: value)
        attributes[key] = attribute
        return attribute
    }

    private func string(_ p: UnsafePointer<xmlChar>?) -> String? { p.map { String(cString: $0) } }
}

/// Up to three addresses naming one name (prefix, local name, namespace URI).
struct PointerKey: Equatable {
    let a: UInt, b: UInt, c: UInt

    init(_ a: UnsafePointer<xmlChar>?, _ b: UnsafePointer<xmlChar>?, _ c: UnsafePointer<xmlChar>?) {
        self.a = UInt(bitPattern: a); self.b = UInt(bitPattern: b); self.c = UInt(bitPattern: c)
    }

    /// Multiplicative hashing of the address bits: addresses are unique and well spread, so
    /// this needs none of a general hash function's care.
    var hash: UInt {
        (a &* 0x9E37_79B9_7F4A_7C15) ^ (b &* 0xC2B2_AE3D_27D4_EB4F) ^ (c &* 0x1656_67B1_9E37_79F9)
    }
}

/// A small open-addressing hash table keyed by `PointerKey` (a part has tens of distinct
/// names; it grows by doubling when half full).
struct PointerTable<Entry> {
    private var keys: [PointerKey?] = Array(repeating: nil, count: 64)
    private var values: [Entry?] = Array(repeating: nil, count: 64)
    private var count = 0

    subscript(key: PointerKey) -> Entry? {
        get {
            var i = slot(key)
            while let k = keys[i] {
                if k == key { return values[i] }
                i = (i + 1) & (keys.count - 1)
            }
            return nil
        }
        set {
            guard let newValue else { return }
            if 2 * (count + 1) > keys.count { grow() }
            var i = slot(key)
            while let k = keys[i], k != key { i = (i + 1) & (keys.count - 1) }
            if keys[i] == nil { count += 1 }
            keys[i] = key; values[i] = newValue
        }
    }

    private func slot(_ key: PointerKey) -> Int { Int(truncatingIfNeeded: key.hash >> 7) & (keys.count - 1) }

    private mutating func grow() {
        let old = zip(keys, values).compactMap { k, v in k.map { ($0, v!) } }
        keys = Array(repeating: nil, count: 2 * keys.count)
        values = Array(repeating: nil, count: keys.count)
        count = 0
        for (k, v) in old { self[k] = v }
    }
}
