import Foundation

/// Data files that extend another: a top-level `extends: base.yaml` (a path relative to the
/// file's folder; from standard input, relative to the current folder) loads the base first
/// and lays this file over it. The rules, applied from the root down:
///
/// - objects merge key by key: a key this file names overrides the base's, recursively; keys
///   it does not name are inherited; `key: null` replaces the base value with null (dropping
///   it for models, where null means absent);
/// - a list replaces the base list whole, except
///   - when every item of both lists is an object with a scalar `id`: the lists merge item by
///     item by `id` (base order kept, each matching item deep-merged, new ids appended in
///     this file's order);
///   - an object whose keys are all list indices, `"[2]"` (0-based, quoted in YAML), patches
///     those items of the base list and keeps the others (`bad_patch` for an index outside it);
/// - any other value replaces the base's.
///
/// A base may extend another. Codes: `missing_base` (at the `extends` line), `cycle_in_extends`,
/// `bad_extends`, `bad_patch`, and `outside_workspace` for a base outside the folder a load is
/// confined to (a workspace's root, `Workspace`).
public enum DataInheritance {
    /// The top-level key that names the base file a data file extends.
    public static let extendsKey = "extends"
    /// The key by which list items of a base and of a patch are matched when lists merge.
    public static let mergeKey = "id"

    /// `within`: a folder (links resolved) no base may lie outside of, through `..`, an
    /// absolute path or a symbolic link; nil for the CLI, which reads what its user names.
    /// `standingFor`: the file `path` holds the next text of (a save checked before it
    /// replaces the file), so that a base extending that file is a cycle.
    static func load(_ path: String, limits: DataLimits, places: PlaceRecording, within root: String? = nil,
                     standingFor: String? = nil) throws -> LoadedData {
        var chain: [String] = path == "-" ? [] : [canonical(standingFor ?? path)]
        let resolved = try resolve(path, limits: limits, places: places, chain: &chain, root: root)
        var flat: [String: SourceLocation] = [:]
        if case .all = places {
            flat.reserveCapacity(resolved.tree.count)
            resolved.tree.flatten(into: &flat)
        }
        return LoadedData(value: resolved.value, places: flat, files: resolved.files, base: resolved.base)
    }

    private struct Resolved {
        var value: Value
        var tree: PlaceTree
        var files: [String]
        var base: Value?
    }

    private static func resolve(_ path: String, limits: DataLimits, places: PlaceRecording,
                                chain: inout [String], root: String?) throws -> Resolved {
        let name = path == "-" ? "<stdin>" : path
        // Base files need the place of their `extends` key too, for messages.
        var (value, tree) = try DataLoader.loadFile(path, limits: limits,
                                                    places: places.depth == 0 ? .topLevel : places)
        guard case .object(var object) = value, let reference = object[extendsKey] else {
            return Resolved(value: value, tree: tree, files: [name])
        }
        // An extending file is usually small, and merge errors need every place in it.
        if places.depth < PlaceRecording.all.depth, path != "-" {
            (value, tree) = try DataLoader.loadFile(path, limits: limits, places: .all)
        }
        let at = tree.keys[extendsKey]?.place ?? SourceLocation(file: name)
        guard case .string(let relative) = reference, !relative.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw DocFillError("bad_extends", "'extends' must be the path of a data file, not a \(reference.kindName)", at: at)
        }
        let basePath = basePath(relative, of: path)
        let key = canonical(basePath)
        // Before looking at the file: whether something exists outside is not told.
        if let root, !isInside(key, root) {
            throw DocFillError("outside_workspace", "extends '\(relative)', which is outside the workspace; a base must be a file of the workspace",
                               at: at)
        }
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: basePath, isDirectory: &isFolder), !isFolder.boolValue else {
            throw DocFillError("missing_base", "extends '\(relative)', but \(basePath) \(isFolder.boolValue ? "is a folder" : "does not exist")", at: at)
        }
        if let first = chain.firstIndex(of: key) {
            let loop = (chain[first...] + [key]).map { ($0 as NSString).lastPathComponent }.joined(separator: " → ")
            throw DocFillError("cycle_in_extends", "extends '\(relative)', which extends this file again: \(loop)", at: at)
        }
        chain.append(key)
        defer { chain.removeLast() }
        let base = try resolve(basePath, limits: limits, places: places, chain: &chain, root: root)
        guard case .object = base.value else {
            throw DocFillError("bad_extends", "extends '\(relative)', whose data is a \(base.value.kindName), not a mapping", at: at)
        }
        object[extendsKey] = nil
        tree.keys[extendsKey] = nil
        value = .object(object)
        var merged = (base.value, base.tree)
        try merge(&merged, value, tree, file: name)
        return Resolved(value: merged.0, tree: merged.1, files: [name] + base.files, base: base.value)
    }

    /// Lays `over` on `base` (in place), following the rules above; places follow the values.
    static func merge(_ base: inout (Value, PlaceTree), _ over: Value, _ overTree: PlaceTree, file: String) throws {
        switch (base.0, over) {
        case (.object(var object), .object(let patch)) where !isIndexPatch(patch):
            for (key, value) in patch {
                let child = overTree.keys[key] ?? PlaceTree()
                if let existing = object[key] {
                    var pair = (existing, base.1.keys[key] ?? PlaceTree())
                    try merge(&pair, value, child, file: file)
                    object[key] = pair.0
                    base.1.keys[key] = pair.1
                } else {
                    if isIndexPatchValue(value) { throw patchError(nil, child, file: file) }
                    object[key] = value
                    base.1.keys[key] = child
                }
            }
            base.0 = .object(object)
        case (.array(var list), .object(let patch)) where isIndexPatch(patch):
            for (key, value) in patch {
                let child = overTree.keys[key] ?? PlaceTree()
                guard let i = Int(key.dropFirst().dropLast()), i < list.count else {
                    throw patchError(list.count, child, key: key, file: file)
                }
                var pair = (list[i], i < base.1.items.count ? base.1.items[i] : PlaceTree())
                try merge(&pair, value, child, file: file)
                list[i] = pair.0
                if i < base.1.items.count { base.1.items[i] = pair.1 }
            }
            base.0 = .array(list)
        case (.array(var list), .array(let patch)) where keyed(list) && keyed(patch):
            var position: [String: Int] = [:]
            for (i, item) in list.enumerated() where position[id(item)] == nil { position[id(item)] = i }
            for (j, item) in patch.enumerated() {
                let child = j < overTree.items.count ? overTree.items[j] : PlaceTree()
                if let i = position[id(item)] {
                    var pair = (list[i], i < base.1.items.count ? base.1.items[i] : PlaceTree())
                    try merge(&pair, item, child, file: file)
                    list[i] = pair.0
                    if i < base.1.items.count { base.1.items[i] = pair.1 }
                } else {
                    position[id(item)] = list.count
                    list.append(item)
                    base.1.items.append(child)
                }
            }
            base.0 = .array(list)
        case (_, .object(let patch)) where isIndexPatch(patch):
            throw patchError(nil, overTree, file: file)
        default:
            base = (over, overTree)
        }
    }

    private static func isIndexPatch(_ object: [String: Value]) -> Bool {
        !object.isEmpty && object.keys.allSatisfy { key in
            key.count > 2 && key.first == "[" && key.last == "]" && key.dropFirst().dropLast().allSatisfy { $0.isASCII && $0.isNumber }
        }
    }

    private static func isIndexPatchValue(_ value: Value) -> Bool {
        if case .object(let o) = value { return isIndexPatch(o) }
        return false
    }

    static func keyed(_ list: [Value]) -> Bool {
        !list.isEmpty && list.allSatisfy { item in
            guard case .object(let o) = item, let key = o[mergeKey] else { return false }
            switch key {
            case .string, .int: return true
            default: return false
            }
        }
    }

    static func id(_ item: Value) -> String { item[mergeKey]?.scalarText ?? "" }

    private static func patchError(_ count: Int?, _ tree: PlaceTree, key: String? = nil, file: String) -> DocFillError {
        let at = tree.place ?? SourceLocation(file: file)
        guard let count else {
            return DocFillError("bad_patch", "list indices (\"[0]\") patch a list of the base, but the base has no list here", at: at)
        }
        return DocFillError("bad_patch", "'\(key ?? "")' is outside the base list, which has \(count) item\(count == 1 ? "" : "s")", at: at)
    }

    /// The path of the base `relative` names in the file at `path`: relative to that file's
    /// folder (standard input, `-`: to the current folder), or absolute.
    static func basePath(_ relative: String, of path: String) -> String {
        let folder = path == "-" ? "" : (path as NSString).deletingLastPathComponent
        return relative.hasPrefix("/") || folder.isEmpty ? relative : (folder as NSString).appendingPathComponent(relative)
    }

    /// Whether `path` (links resolved) is `root` or lies under it.
    static func isInside(_ path: String, _ root: String) -> Bool {
        path == root || path.hasPrefix(root.hasSuffix("/") ? root : root + "/")
    }

    /// The same file however it is named (symbolic links, `..`).
    static func canonical(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
    }
}
