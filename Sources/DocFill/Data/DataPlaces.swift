/// Where each value of a data file was written, as a tree parallel to the `Value` tree.
struct PlaceTree: Sendable {
    var place: SourceLocation?
    var keys: [String: PlaceTree] = [:]
    var items: [PlaceTree] = []

    init(place: SourceLocation? = nil) { self.place = place }

    /// How many places the tree holds, so that flattening can make room for them at once
    /// (growing the dictionary step by step was half the cost of flattening).
    var count: Int {
        keys.values.reduce(place == nil ? 0 : 1) { $0 + $1.count } + items.reduce(0) { $0 + $1.count }
    }

    /// Flattened to data paths (`appendices[1].rows[0].cells[3]`).
    func flatten(into out: inout [String: SourceLocation], path: String = "") {
        if let place { out[path] = place }
        for (key, child) in keys { child.flatten(into: &out, path: DataPath.key(path, key)) }
        for (i, child) in items.enumerated() { child.flatten(into: &out, path: DataPath.index(path, i)) }
    }
}

/// How much of a file's places the parsers keep: none, the top-level keys (enough for the
/// `extends` key), or every value.
enum PlaceRecording {
    case none, topLevel, all

    /// Containers nested less deep than this record their items' places.
    var depth: Int {
        switch self {
        case .none: return 0
        case .topLevel: return 1
        case .all: return .max
        }
    }
}

/// Data paths as messages print them: keys joined with `.`, list items as `[i]`
/// (`appendices[5].stated_total.cells[0]`); the root is the empty path.
enum DataPath {
    static func key(_ parent: String, _ key: String) -> String { parent.isEmpty ? key : parent + "." + key }
    static func index(_ parent: String, _ index: Int) -> String { parent + "[\(index)]" }
}

/// A data file as loaded, with its `extends` applied: the merged value, where each value in
/// it was written (the file that set it, line, column), and the merged data it extends.
public struct LoadedData: Sendable {
    /// The merged data, without the `extends` key.
    public var value: Value
    /// Data path → place, for every value (inherited values point into their base file).
    public var places: [String: SourceLocation]
    /// The files read, this one first, then its base, the base's base…
    public var files: [String]
    /// The merged data this file extends (its base with the base's own bases applied), if any.
    public var base: Value?

    /// Makes loaded data from a value, for a program that has its data in hand but wants the file steps' shape.
    public init(value: Value, places: [String: SourceLocation] = [:], files: [String] = [], base: Value? = nil) {
        self.value = value; self.places = places; self.files = files; self.base = base
    }
}
