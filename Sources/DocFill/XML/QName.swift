/// An element name with its namespace, so that matching does not depend on prefixes.
/// The hash is computed once: compiling tests every element against several of these sets,
/// and hashing two strings on every test showed up as a large share of compile time.
struct QName: Hashable, Sendable {
    let namespace: String
    let local: String
    private let hash: Int

    init(namespace: String, local: String) {
        self.namespace = namespace; self.local = local
        var hasher = Hasher()
        hasher.combine(namespace); hasher.combine(local)
        hash = hasher.finalize()
    }

    func hash(into hasher: inout Hasher) { hasher.combine(hash) }

    static func == (a: QName, b: QName) -> Bool {
        a.hash == b.hash && a.local == b.local && a.namespace == b.namespace
    }
}
