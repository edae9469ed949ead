import Foundation

/// Bounds on a data file, checked before the parsers can run out of memory or stack.
public struct DataLimits: Sendable, Hashable {
    /// Deepest nesting of lists and objects (the root container is depth 1).
    public var maxDepth: Int = 512
    /// Largest input, in bytes. A report's data is well under 1 MB; 16 MiB of YAML or JSON
    /// loads within the 256 MiB memory bound (README, "Output guarantees").
    public var maxBytes: Int = 16 << 20
    /// Most values (every scalar, list and object, the root included). A million-row list is
    /// refused early instead of taking gigabytes and minutes to load and render.
    public var maxValues: Int = 1_000_000

    /// Makes limits with the defaults, which admit any ordinary data file.
    public init() {}
}

/// Reads JSON and YAML data into a `Value` tree.
///
/// Both formats keep booleans, integers and doubles apart (`1` → `.int`, `1.5` → `.double`;
/// an integer too large for `Int` keeps its digits as written, as a `.string`, rather than
/// being rounded to a double), refuse a key written twice in one object (`duplicate_key`),
/// put every string and key in Unicode NFC, and report problems with a 1-based line and a
/// column counted in Unicode scalars (as libyaml counts them). Codes: `data_syntax`,
/// `invalid_utf8`, `data_too_deep`, `data_too_large`, `invalid_data` (a number that is not
/// finite), `io_error`, and for files `wrong_input_kind` (an office document, a PDF or a zip
/// given as data, see `InputKind`). Whether the root must be an object is for callers to decide.
public enum DataLoader {
    /// The syntax of data given as bytes or text.
    public enum Format: Sendable, Hashable {
        /// JSON (RFC 8259).
        case json
        /// YAML 1.2, core schema.
        case yaml
    }

    /// Loads a file by its extension (`.json`, `.yaml`, `.yml`); `-` reads standard input.
    /// Standard input and unknown extensions are sniffed: `{` or `[` first means JSON.
    /// A top-level `extends: base.yaml` is applied (see `DataInheritance`); the result never
    /// holds the `extends` key.
    public static func load(contentsOf path: String, limits: DataLimits = .init()) throws -> Value {
        try DataInheritance.load(path, limits: limits, places: .topLevel).value
    }

    /// Like `load(contentsOf:)`, keeping where every value was written (file, line, column)
    /// and what the file extends, for messages about values (to-do marks, stale years).
    /// With `within`, a folder (links resolved): a base outside it is `outside_workspace`.
    public static func loadDocument(contentsOf path: String, limits: DataLimits = .init(), within root: String? = nil) throws -> LoadedData {
        try DataInheritance.load(path, limits: limits, places: .all, within: root)
    }

    /// One file, without applying `extends`; places recorded as asked.
    static func loadFile(_ path: String, limits: DataLimits, places: PlaceRecording) throws -> (Value, PlaceTree) {
        let name = path == "-" ? "<stdin>" : path
        let bytes = try read(path, limits: limits, name: name)
        try InputKind.checkData(bytes, file: name)
        let format: Format
        switch (path as NSString).pathExtension.lowercased() {
        case "json": format = .json
        case "yaml", "yml": format = .yaml
        default: format = sniff(bytes)
        }
        switch format {
        case .json: return try parseJSON(bytes, file: name, limits: limits, places: places)
        case .yaml:
            try checkSize(bytes.count, limits, name)
            return try parseYAML(try decodeUTF8(bytes, file: name), file: name, limits: limits, places: places)
        }
    }

    /// Loads data held in memory in the given format; `file` names it in messages. No
    /// `extends` is applied, since there is no folder to resolve a base from.
    public static func load(bytes: [UInt8], format: Format, file: String,
                            limits: DataLimits = .init()) throws -> Value {
        switch format {
        case .json: return try loadJSON(bytes, file: file, limits: limits)
        case .yaml:
            try checkSize(bytes.count, limits, file)
            return try loadYAML(try decodeUTF8(bytes, file: file), file: file, limits: limits)
        }
    }

    /// Loads JSON held in memory; `file` names it in messages.
    public static func loadJSON(_ bytes: [UInt8], file: String, limits: DataLimits = .init()) throws -> Value {
        try parseJSON(bytes, file: file, limits: limits, places: .none).0
    }

    /// Loads YAML text held in memory; `file` names it in messages.
    public static func loadYAML(_ text: String, file: String, limits: DataLimits = .init()) throws -> Value {
        try parseYAML(text, file: file, limits: limits, places: .none).0
    }

    /// A key written twice in one object or mapping: refused, since either value would be
    /// silently lost. The error is at the second; the message names the first.
    static func duplicateKeyMessage(_ key: String, first: SourceLocation) -> String {
        let shown = key.unicodeScalars.count > 40 ? String(String.UnicodeScalarView(key.unicodeScalars.prefix(40))) + "…" : key
        return "the key '\(shown)' appears twice in one object (first at line \(first.line ?? 0), column \(first.column ?? 0)); keep one"
    }

    /// Unicode NFC, skipping the (costly) normaliser when no character could change.
    static func nfc(_ s: String) -> String {
        isSurelyNFC(s) ? s : s.precomposedStringWithCanonicalMapping
    }

    /// True when every character is one that is stable under NFC whatever surrounds it:
    /// ASCII, Latin letters below U+0300, the precomposed Vietnamese letters (U+1E00–U+1EFF)
    /// and common punctuation (U+2010–U+2027, U+2030–U+205E). Read from the UTF-8 bytes,
    /// without decoding: this runs on every string and key of the data.
    static func isSurelyNFC(_ s: String) -> Bool {
        var s = s
        // Native strings are contiguous UTF-8: an index loop over the buffer, not an iterator.
        return s.withUTF8(isSurelyNFC)
    }

    static func isSurelyNFC(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        let n = b.count
        while i < n {
            let lead = b[i]
            switch lead {
            case 0..<0x80: i += 1
            case 0xC2...0xCB:    // U+0080–U+02FF
                i += 2
            case 0xE1:           // U+1E00–U+1EFF: E1 B8 80 – E1 BB BF
                guard i + 1 < n, (0xB8...0xBB).contains(b[i + 1]) else { return false }
                i += 3
            case 0xE2:           // U+2010–U+2027: E2 80 90–A7; U+2030–U+205E: E2 80 B0 – E2 81 9E
                guard i + 2 < n else { return false }
                let b1 = b[i + 1], b2 = b[i + 2]
                let punctuation = b1 == 0x80 ? (0x90...0xA7).contains(b2) || b2 >= 0xB0 : b1 == 0x81 && b2 <= 0x9E
                guard punctuation else { return false }
                i += 3
            default: return false
            }
        }
        return true
    }

    static func sniff(_ bytes: [UInt8]) -> Format {
        let first = bytes.drop { [0x20, 0x09, 0x0A, 0x0D, 0xEF, 0xBB, 0xBF].contains($0) }.first
        return first == UInt8(ascii: "{") || first == UInt8(ascii: "[") ? .json : .yaml
    }
}
