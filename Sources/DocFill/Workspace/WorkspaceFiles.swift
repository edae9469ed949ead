import Foundation
import Yams

/// Reading and saving a workspace's files, each read with its version and each save checked
/// against the version the editor started from.
extension Workspace {
    /// A data file's text and version.
    public struct Text: Sendable, Hashable {
        /// The file's text (UTF-8).
        public var text: String
        /// Its version: `Workspace.version(of:)` of its bytes.
        public var version: String
    }

    /// A data file loaded as the render pipeline loads it.
    public struct Loaded: Sendable {
        /// The merged value (its `extends` applied), where each value was written, and its base's value.
        public var data: LoadedData
        /// The version of the file itself (not of its base).
        public var version: String
    }

    /// The version of a file's bytes: the SHA-256 of them, as 64 hexadecimal digits (an
    /// HTTP entity tag once quoted).
    public static func version(of bytes: [UInt8]) -> String {
        SHA256.hash(bytes).map { String(format: "%02x", $0) }.joined()
    }

    /// The bytes and version of any file of the workspace (a template, a data file). A file
    /// larger than a template may be (`ArchiveLimits.maxTotalSize`) is `data_too_large`.
    public func readBytes(_ id: String) throws -> (bytes: [UInt8], version: String) {
        let found = try file(id)
        let limit = found.kind == .data ? limits.maxBytes : cache.options.limits.maxTotalSize
        let bytes = try Self.readFile(found.path, id: id, limit: limit)
        return (bytes, Self.version(of: bytes))
    }

    /// A data file's text and version (`invalid_utf8` when it is not UTF-8).
    public func read(_ id: String) throws -> Text {
        _ = try file(id, kind: .data)
        let (bytes, version) = try readBytes(id)
        return Text(text: try DataLoader.decodeUTF8(bytes, file: id), version: version)
    }

    /// A data file loaded with its `extends` (bases confined to the workspace), every
    /// value's place recorded, and the file's version.
    public func load(_ id: String) throws -> Loaded {
        let found = try file(id, kind: .data)
        let version = try readBytes(id).version
        let data = try DataInheritance.load(found.path, limits: limits, places: .all, within: root)
        return Loaded(data: data, version: version)
    }

    /// A compiled template.
    public func template(_ id: String) throws -> DocumentTemplate {
        try cache.template(at: try file(id, kind: .template).path)
    }

    /// Replaces a data file's text, if its version is still `ifVersion` (nil: no check, for
    /// a program that means to overwrite): the text must load as data within the limits
    /// (the loader's codes), with its `extends` (a base inside the workspace: `missing_base`,
    /// `outside_workspace`, `cycle_in_extends`, `bad_patch` …), and it is
    /// written in NFC, atomically (a temporary file beside it, renamed). A changed file is
    /// `stale_form`. Returns the new version.
    @discardableResult
    public func save(_ id: String, text: String, ifVersion: String?) throws -> String {
        let found = try file(id, kind: .data)
        let normalized = text.precomposedStringWithCanonicalMapping
        let bytes = Array(normalized.utf8)
        _ = try DataLoader.load(bytes: bytes, format: found.ext == "json" ? .json : .yaml, file: id, limits: limits)
        try checkLoads(bytes, as: found)
        return try write(bytes, to: found, ifVersion: ifVersion)
    }

    /// Saves a whole edited data value, if the file's version is still `ifVersion`. A file
    /// that extends another keeps its `extends` and holds only what differs from its base
    /// (`DataInheritance.patch`: a key taken away is written as null); another file holds
    /// the whole value. YAML keeps the keys in the order the file (and its bases) had them,
    /// text as UTF-8 in NFC; JSON is written indented. Returns the new version.
    @discardableResult
    public func save(_ id: String, value: Value, ifVersion: String?) throws -> String {
        let found = try file(id, kind: .data)
        let edited = Self.nfc(value)
        let current = try Self.readFile(found.path, id: id, limit: limits.maxBytes)
        let top = try DataLoader.loadFile(found.path, limits: limits, places: .none).0
        var content = edited
        var orderFrom = [current]
        if let reference = top[DataInheritance.extendsKey] {
            guard case .string(let relative) = reference else {
                throw DocFillError("bad_extends", "'extends' must be the path of a data file, not a \(reference.kindName)", at: SourceLocation(file: id))
            }
            let basePath = DataInheritance.basePath(relative, of: found.path)
            let base = try DataInheritance.load(basePath, limits: limits, places: .none, within: root)
            guard case .object(var patch) = try DataInheritance.patch(from: base.value, to: edited, place: SourceLocation(file: id)) else {
                throw DocFillError("bad_extends", "a file that extends another holds a mapping", at: SourceLocation(file: id))
            }
            patch[DataInheritance.extendsKey] = reference
            content = .object(patch)
            for file in base.files { if let bytes = try? Self.readFile(file, id: id, limit: limits.maxBytes) { orderFrom.append(bytes) } }
        }
        let bytes: [UInt8]
        if found.ext == "json" {
            bytes = content.jsonBytes(pretty: true) + [0x0A]
        } else {
            let order = [DataInheritance.extendsKey] + Self.keyOrder(orderFrom)
            bytes = Array(YAMLWriter(keyOrder: order).write(content).utf8)
        }
        try DataLoader.checkSize(bytes.count, limits, id)
        return try write(bytes, to: found, ifVersion: ifVersion)
    }

    /// Next year's data file from `id`, as `docfill next-year` makes it (`NextYearJob`),
    /// written as `newID` beside it. Returns what was written (the new id, and its count of to-dos).
    public func nextYear(_ id: String, as newID: String, model: any YearlyDataModel) throws -> NextYearJob.Outcome {
        let source = try file(id, kind: .data)
        guard WorkspaceID.kind(of: newID) == .data else {
            try WorkspaceID.check(newID)
            throw DocFillError("unknown_id", "'\(newID)' is not the name of a data file; name it .yaml", at: SourceLocation(file: newID))
        }
        let output = try newPath(for: newID, beside: id)
        // Serialised with saves: a new file appears whole, once.
        var outcome = try saving.withLock { try NextYearJob(data: source.path, output: output, model: model).run() }
        outcome.written = newID
        return outcome
    }

    /// Loads `bytes` as the file `found` would load, its `extends` applied within the root,
    /// from a hidden temporary file beside it (the name `OutputTarget` gives its own, so a
    /// crash's leftover is removed by the next write); places name the file by its id.
    private func checkLoads(_ bytes: [UInt8], as found: FoundFile) throws {
        let temp = OutputTarget.temporaryName(beside: found.path)
        let fd = TemporaryFiles.createFile(temp)
        guard fd >= 0 else { throw DocFillError("io_error", "cannot write beside '\(found.id)'", at: SourceLocation(file: found.id)) }
        defer { TemporaryFiles.discard(temp) }
        do {
            defer { close(fd) }
            try OutputTarget(temp).writeAll(fd, bytes)
        }
        do {
            _ = try DataInheritance.load(temp, limits: limits, places: .topLevel, within: root, standingFor: found.path)
        } catch let error as DocFillError {
            throw DocFillError(named(error.diagnostics.map { d in
                var d = d
                if d.location.file == temp { d.location.file = found.id }
                return d
            }))
        }
    }

    /// The compare-and-write step of every save, under the workspace's lock.
    private func write(_ bytes: [UInt8], to found: FoundFile, ifVersion: String?) throws -> String {
        try saving.withLock {
            if let ifVersion {
                let now = Self.version(of: try Self.readFile(found.path, id: found.id, limit: .max))
                guard now == ifVersion else {
                    throw DocFillError("stale_form", "'\(found.id)' was changed since this form was opened (someone else saved it); "
                                           + "reload it and make your change again, nothing was saved",
                                       at: SourceLocation(file: found.id))
                }
            }
            try OutputTarget(found.path).write(bytes)
            return Self.version(of: bytes)
        }
    }

    static func readFile(_ path: String, id: String, limit: Int) throws -> [UInt8] {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw DocFillError("io_error", "cannot read '\(id)'", at: SourceLocation(file: id))
        }
        defer { try? handle.close() }
        let data = (try? handle.read(upToCount: limit == .max ? .max : limit + 1)) ?? Data()
        if data.count > limit {
            throw DocFillError("data_too_large", "'\(id)' is larger than \(limit) bytes", at: SourceLocation(file: id))
        }
        return [UInt8](data)
    }

    /// Every string and key in NFC, as the loaders make them.
    static func nfc(_ value: Value) -> Value {
        switch value {
        case .string(let s): return .string(DataLoader.nfc(s))
        case .array(let a): return .array(a.map(nfc))
        case .object(let o):
            return .object(Dictionary(o.map { (DataLoader.nfc($0.key), nfc($0.value)) }, uniquingKeysWith: { a, _ in a }))
        default: return value
        }
    }

    /// The mapping keys of YAML texts in the order they are first written (files that do
    /// not parse add nothing): the order a rewritten file keeps.
    static func keyOrder(_ texts: [[UInt8]]) -> [String] {
        var order: [String] = [], seen: Set<String> = []
        func walk(_ node: Node) {
            switch node {
            case .mapping(let mapping):
                for (key, value) in mapping {
                    // List-index keys ("[2]") keep the writer's numeric order.
                    if let k = key.string, !k.hasPrefix("["), seen.insert(k).inserted { order.append(k) }
                    walk(value)
                }
            case .sequence(let sequence): sequence.forEach(walk)
            default: break
            }
        }
        for text in texts {
            if let node = try? Yams.compose(yaml: String(decoding: text, as: UTF8.self)) { walk(node) }
        }
        return order
    }
}
