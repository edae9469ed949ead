import Foundation
import Yams

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
    public enum Format: Sendable, Hashable {
        case json, yaml
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
    public static func loadDocument(contentsOf path: String, limits: DataLimits = .init()) throws -> LoadedData {
        try DataInheritance.load(path, limits: limits, places: .all)
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

    public static func load(bytes: [UInt8], format: Format, file: String,
                            limits: DataLimits = .init()) throws -> Value {
        switch format {
        case .json: return try loadJSON(bytes, file: file, limits: limits)
        case .yaml:
            try checkSize(bytes.count, limits, file)
            return try loadYAML(try decodeUTF8(bytes, file: file), file: file, limits: limits)
        }
    }

    public static func loadJSON(_ bytes: [UInt8], file: String, limits: DataLimits = .init()) throws -> Value {
        try parseJSON(bytes, file: file, limits: limits, places: .none).0
    }

    static func parseJSON(_ bytes: [UInt8], file: String, limits: DataLimits,
                          places: PlaceRecording) throws -> (Value, PlaceTree) {
        try checkSize(bytes.count, limits, file)
        return try bytes.withUnsafeBufferPointer { buf in
            // A valid document holds more values than commas outside its strings: refuse a
            // huge list after one cheap scan, before validating or building anything.
            if let offset = commaOverLimit(buf, limit: limits.maxValues) {
                throw tooManyValues(limits, at: location(in: buf, offset: offset, file: file))
            }
            if let bad = firstInvalidUTF8(buf) { throw badUTF8(buf, bad, file) }
            var parser = JSONParser(b: buf, file: file, maxDepth: limits.maxDepth, maxValues: limits.maxValues,
                                    recordDepth: places.depth)
            var tree = PlaceTree()
            let value = try parser.document(&tree)
            return (value, tree)
        }
    }

    public static func loadYAML(_ text: String, file: String, limits: DataLimits = .init()) throws -> Value {
        try parseYAML(text, file: file, limits: limits, places: .none).0
    }

    static func parseYAML(_ text: String, file: String, limits: DataLimits,
                          places: PlaceRecording) throws -> (Value, PlaceTree) {
        try checkSize(text.utf8.count, limits, file)
        var text = text
        if text.utf8.starts(with: [0xEF, 0xBB, 0xBF]) { text = String(text.dropFirst()) }    // a byte order mark is not data
        // Yams composes recursively, so a deep document would overflow the stack inside it:
        // measure the nesting with a scan that follows libyaml's tokenizer first.
        // It also counts scalars: keys are at most half of them, so more than twice the value
        // limit is over it for sure, found before Yams builds anything.
        if let found = text.withUTF8({ YAMLNesting.firstProblem($0, limit: limits.maxDepth,
                                                                maxScalars: 2 * limits.maxValues) }) {
            let place = text.withUTF8 { location(in: $0, offset: found.offset, file: file) }
            if found.tooMany { throw tooManyValues(limits, at: place) }
            throw DocFillError("data_too_deep", "nesting deeper than \(limits.maxDepth) levels", at: place)
        }
        let node: Node?
        do {
            // No resolver rules: tags are resolved by `YAMLCoreSchema` while converting.
            node = try Yams.compose(yaml: text, Resolver.basic)
        } catch let error as YamlError {
            throw syntaxError(error, text: text, file: file)
        }
        guard let node else { return (.null, PlaceTree()) }    // an empty document
        var converter = YAMLConverter(file: file, maxDepth: limits.maxDepth, maxValues: limits.maxValues,
                                      budget: 100_000 + 4 * text.utf8.count, recordDepth: places.depth)
        var tree = PlaceTree()
        let value = try converter.value(node, depth: 0, tree: &tree)
        return (value, tree)
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
        var bytes = s.utf8.makeIterator()
        while let lead = bytes.next() {
            switch lead {
            case 0..<0x80: continue
            case 0xC2...0xCB:    // U+0080–U+02FF
                _ = bytes.next()
            case 0xE1:           // U+1E00–U+1EFF: E1 B8 80 – E1 BB BF
                guard let b1 = bytes.next(), (0xB8...0xBB).contains(b1) else { return false }
                _ = bytes.next()
            case 0xE2:           // U+2010–U+2027: E2 80 90–A7; U+2030–U+205E: E2 80 B0 – E2 81 9E
                guard let b1 = bytes.next(), let b2 = bytes.next() else { return false }
                let punctuation = b1 == 0x80 ? (0x90...0xA7).contains(b2) || b2 >= 0xB0 : b1 == 0x81 && b2 <= 0x9E
                guard punctuation else { return false }
            default: return false
            }
        }
        return true
    }

    static func sniff(_ bytes: [UInt8]) -> Format {
        let first = bytes.drop { [0x20, 0x09, 0x0A, 0x0D, 0xEF, 0xBB, 0xBF].contains($0) }.first
        return first == UInt8(ascii: "{") || first == UInt8(ascii: "[") ? .json : .yaml
    }

    // MARK: Bytes, text and positions

    private static func read(_ path: String, limits: DataLimits, name: String) throws -> [UInt8] {
        func failure(_ why: String) -> DocFillError {
            DocFillError("io_error", "cannot read the data file: \(why)", at: SourceLocation(file: name))
        }
        var isFolder: ObjCBool = false
        if path != "-" {    // Foundation's own errors for these are cryptic
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else { throw failure("no such file") }
            if isFolder.boolValue { throw failure("it is a folder") }
        }
        do {
            let handle = path == "-" ? FileHandle.standardInput
                                     : try FileHandle(forReadingFrom: URL(fileURLWithPath: path))
            defer { if path != "-" { try? handle.close() } }
            // One byte over the limit is enough to know the input is too large.
            let data = try handle.read(upToCount: limits.maxBytes == .max ? .max : limits.maxBytes + 1) ?? Data()
            try checkSize(data.count, limits, name)
            return [UInt8](data)
        } catch let error as DocFillError {
            throw error
        } catch {
            throw failure(error.localizedDescription)
        }
    }

    static func tooManyValues(_ limits: DataLimits, at place: SourceLocation) -> DocFillError {
        DocFillError("data_too_large", "the data holds more than \(limits.maxValues) values (lists, objects and scalars); split it or raise the limit",
                     at: place)
    }

    private static func checkSize(_ count: Int, _ limits: DataLimits, _ file: String) throws {
        guard count > limits.maxBytes else { return }
        throw DocFillError("data_too_large", "the data is larger than \(limits.maxBytes) bytes",
                           at: SourceLocation(file: file))
    }

    static func decodeUTF8(_ bytes: [UInt8], file: String) throws -> String {
        try bytes.withUnsafeBufferPointer { buf in
            if let bad = firstInvalidUTF8(buf) { throw badUTF8(buf, bad, file) }
            return String(decoding: buf, as: UTF8.self)
        }
    }

    private static func badUTF8(_ buf: UnsafeBufferPointer<UInt8>, _ offset: Int, _ file: String) -> DocFillError {
        DocFillError("invalid_utf8", String(format: "byte 0x%02X is not valid UTF-8; save the file as UTF-8", buf[offset]),
                     at: location(in: buf, offset: offset, file: file))
    }

    /// Offset of the comma outside strings that makes `limit` of them, or nil. In JSON every
    /// comma separates two values (or two members, each with a value), so `limit` commas mean
    /// more than `limit` values.
    static func commaOverLimit(_ b: UnsafeBufferPointer<UInt8>, limit: Int) -> Int? {
        var commas = 0, inString = false, i = 0
        let count = b.count
        while i < count {
            let c = b[i]
            if inString {
                if c == 0x5C { i += 1 } else if c == 0x22 { inString = false }
            } else if c == 0x22 {
                inString = true
            } else if c == 0x2C {
                commas += 1
                if commas >= limit { return i }
            }
            i += 1
        }
        return nil
    }

    /// Offset of the first byte that does not start a well-formed UTF-8 sequence (overlong
    /// forms and surrogates included), or nil.
    static func firstInvalidUTF8(_ b: UnsafeBufferPointer<UInt8>) -> Int? {
        var i = 0
        while i < b.count {
            let c = b[i]
            if c < 0x80 { i += 1; continue }
            let len: Int, second: ClosedRange<UInt8>
            switch c {
            case 0xC2...0xDF: (len, second) = (2, 0x80...0xBF)
            case 0xE0: (len, second) = (3, 0xA0...0xBF)
            case 0xED: (len, second) = (3, 0x80...0x9F)
            case 0xE1...0xEF: (len, second) = (3, 0x80...0xBF)
            case 0xF0: (len, second) = (4, 0x90...0xBF)
            case 0xF1...0xF3: (len, second) = (4, 0x80...0xBF)
            case 0xF4: (len, second) = (4, 0x80...0x8F)
            default: return i
            }
            guard i + len <= b.count, second.contains(b[i + 1]) else { return i }
            for k in 2..<len where b[i + k] & 0xC0 != 0x80 { return i }
            i += len
        }
        return nil
    }

    /// 1-based line and column (in Unicode scalars) of a byte offset.
    static func location(in b: UnsafeBufferPointer<UInt8>, offset: Int, file: String) -> SourceLocation {
        let end = min(offset, b.count)
        var line = 1, column = 1, i = 0
        while i < end {    // plain loops: this runs over megabytes when a limit is hit late
            let c = b[i]
            if c == 0x0A { line += 1; column = 1 } else if c & 0xC0 != 0x80 { column += 1 }
            i += 1
        }
        return SourceLocation(file: file, line: line, column: column)
    }

    // MARK: YAML

    private static func syntaxError(_ error: YamlError, text: String, file: String) -> DocFillError {
        func at(_ mark: Mark) -> SourceLocation { SourceLocation(file: file, line: mark.line, column: mark.column) }
        switch error {
        case .scanner(let context, let problem, let mark, _),
             .parser(let context, let problem, let mark, _),
             .composer(let context, let problem, let mark, _):
            let while_ = context.map { " (\($0.text), line \($0.mark.line))" } ?? ""
            return DocFillError("data_syntax", "invalid YAML: \(problem)\(while_)", at: at(mark))
        case .reader(let problem, let offset, _, _):
            // `offset` counts Characters; walk them to a line and column.
            var line = 1, column = 1
            for ch in text.prefix(offset ?? 0) {
                if ch.unicodeScalars.contains("\n") { line += 1; column = 1 } else { column += ch.unicodeScalars.count }
            }
            return DocFillError("data_syntax", "invalid YAML: \(problem)", at: SourceLocation(file: file, line: line, column: column))
        default:
            return DocFillError("data_syntax", "invalid YAML: \(error)", at: SourceLocation(file: file))
        }
    }
}

// MARK: - JSON

/// RFC 8259 JSON over UTF-8 bytes (already validated), recursive descent with a depth check
/// before each container, so the recursion is bounded by `maxDepth`.
private struct JSONParser {
    let b: UnsafeBufferPointer<UInt8>
    let file: String
    let maxDepth: Int
    let maxValues: Int
    /// Containers nested less deep than this record where their values start.
    let recordDepth: Int
    var i = 0
    var values = 0
    /// Where the line counting for places has got to (offsets only grow).
    private var lineCursor = (offset: 0, line: 1, column: 1)

    init(b: UnsafeBufferPointer<UInt8>, file: String, maxDepth: Int, maxValues: Int, recordDepth: Int = 0) {
        self.b = b; self.file = file; self.maxDepth = maxDepth; self.maxValues = maxValues; self.recordDepth = recordDepth
        if b.starts(with: [0xEF, 0xBB, 0xBF]) { i = 3 }    // a byte order mark is not data
    }

    /// The place of offset `i`, counting lines and columns on from the last place asked for
    /// (never from the line's start again: minified JSON is one long line).
    private mutating func here() -> SourceLocation {
        var (offset, line, column) = lineCursor
        while offset < i {
            let byte = b[offset]
            if byte == 0x0A { line += 1; column = 1 } else if byte & 0xC0 != 0x80 { column += 1 }
            offset += 1
        }
        lineCursor = (offset, line, column)
        return SourceLocation(file: file, line: line, column: column)
    }

    private var peek: UInt8 { i < b.count ? b[i] : 0 }

    private func error(_ message: String, at offset: Int? = nil, code: String = "data_syntax") -> DocFillError {
        DocFillError(code, message, at: DataLoader.location(in: b, offset: offset ?? i, file: file))
    }

    private func unexpected(_ what: String) -> DocFillError {
        guard i < b.count else { return error("unexpected end of data; expected \(what)") }
        let scalar = String(decoding: b[i..<min(i + 4, b.count)], as: UTF8.self).unicodeScalars.first ?? "?"
        let shown = scalar.properties.generalCategory == .control
            ? "U+" + String(scalar.value, radix: 16, uppercase: true) : "'\(scalar)'"
        return error("unexpected \(shown); expected \(what)")
    }

    private mutating func skipSpace() {
        while i < b.count, b[i] == 0x20 || b[i] == 0x0A || b[i] == 0x0D || b[i] == 0x09 { i += 1 }
    }

    mutating func document(_ tree: inout PlaceTree) throws -> Value {
        skipSpace()
        if recordDepth > 0 { tree.place = here() }
        let v = try value(depth: 0, tree: &tree)
        skipSpace()
        guard i == b.count else { throw unexpected("the end of the data") }
        return v
    }

    private mutating func value(depth: Int, tree: inout PlaceTree) throws -> Value {
        values += 1
        if values > maxValues {
            var limits = DataLimits(); limits.maxValues = maxValues
            throw DataLoader.tooManyValues(limits, at: DataLoader.location(in: b, offset: i, file: file))
        }
        switch peek {
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            guard depth < maxDepth else {
                throw error("nesting deeper than \(maxDepth) levels", code: "data_too_deep")
            }
            return peek == UInt8(ascii: "{") ? try object(depth + 1, tree: &tree) : try array(depth + 1, tree: &tree)
        case UInt8(ascii: "\""): return .string(try string())
        case UInt8(ascii: "t"): return try literal("true", .bool(true))
        case UInt8(ascii: "f"): return try literal("false", .bool(false))
        case UInt8(ascii: "n"): return try literal("null", .null)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try number()
        default: throw unexpected("a value")
        }
    }

    private mutating func literal(_ word: String, _ v: Value) throws -> Value {
        guard b[i...].starts(with: word.utf8) else { throw unexpected("a value") }
        i += word.utf8.count
        return v
    }

    private mutating func object(_ depth: Int, tree: inout PlaceTree) throws -> Value {
        i += 1
        var out: [String: Value] = [:]
        var keyOffsets: [String: Int] = [:]
        skipSpace()
        if peek == UInt8(ascii: "}") { i += 1; return .object(out) }
        while true {
            skipSpace()
            guard peek == UInt8(ascii: "\"") else { throw unexpected("a key in double quotes") }
            let keyOffset = i
            let key = try string()
            if let first = keyOffsets.updateValue(keyOffset, forKey: key) {
                let place = DataLoader.location(in: b, offset: first, file: file)
                throw error(DataLoader.duplicateKeyMessage(key, first: place), at: keyOffset, code: "duplicate_key")
            }
            skipSpace()
            guard peek == UInt8(ascii: ":") else { throw unexpected("':' after the key") }
            i += 1
            skipSpace()
            var child = PlaceTree()
            if depth <= recordDepth { child.place = here() }
            out[key] = try value(depth: depth, tree: &child)
            if depth <= recordDepth { tree.keys[key] = child }
            skipSpace()
            if peek == UInt8(ascii: ",") { i += 1; continue }
            guard peek == UInt8(ascii: "}") else { throw unexpected("',' or '}'") }
            i += 1
            return .object(out)
        }
    }

    private mutating func array(_ depth: Int, tree: inout PlaceTree) throws -> Value {
        i += 1
        var out: [Value] = []
        skipSpace()
        if peek == UInt8(ascii: "]") { i += 1; return .array(out) }
        while true {
            skipSpace()
            var child = PlaceTree()
            if depth <= recordDepth { child.place = here() }
            out.append(try value(depth: depth, tree: &child))
            if depth <= recordDepth { tree.items.append(child) }
            skipSpace()
            if peek == UInt8(ascii: ",") { i += 1; continue }
            guard peek == UInt8(ascii: "]") else { throw unexpected("',' or ']'") }
            i += 1
            return .array(out)
        }
    }

    private mutating func string() throws -> String {
        let open = i
        i += 1
        var bytes: [UInt8] = []    // filled only once an escape is met
        var escaped = false, ascii = true, run = i
        while true {
            guard i < b.count else { throw error("the string is never closed", at: open) }
            let c = b[i]
            if c == UInt8(ascii: "\"") { break }
            if c < 0x20 { throw error("a control character must be escaped inside a string") }
            if c >= 0x80 { ascii = false }
            if c == UInt8(ascii: "\\") {
                bytes.append(contentsOf: b[run..<i]); escaped = true
                let scalar = try escape()
                if scalar.value >= 0x80 { ascii = false }
                UTF8.encode(scalar) { bytes.append($0) }
                run = i
                continue
            }
            i += 1
        }
        let text: String
        if escaped {
            bytes.append(contentsOf: b[run..<i])
            text = String(decoding: bytes, as: UTF8.self)
        } else {
            text = String(decoding: UnsafeBufferPointer(rebasing: b[run..<i]), as: UTF8.self)
        }
        i += 1
        return ascii ? text : DataLoader.nfc(text)
    }

    /// Reads one escape after the backslash at `i`; `\u` pairs surrogates.
    private mutating func escape() throws -> Unicode.Scalar {
        let start = i
        i += 1
        let c = peek
        i += 1
        switch c {
        case UInt8(ascii: "\""): return "\""
        case UInt8(ascii: "\\"): return "\\"
        case UInt8(ascii: "/"): return "/"
        case UInt8(ascii: "b"): return "\u{08}"
        case UInt8(ascii: "f"): return "\u{0C}"
        case UInt8(ascii: "n"): return "\n"
        case UInt8(ascii: "r"): return "\r"
        case UInt8(ascii: "t"): return "\t"
        case UInt8(ascii: "u"):
            let high = try hex4(start)
            if (0xDC00...0xDFFF).contains(high) { throw error("unpaired surrogate in a \\u escape", at: start) }
            guard (0xD800...0xDBFF).contains(high) else { return Unicode.Scalar(high)! }
            guard peek == UInt8(ascii: "\\"), i + 1 < b.count, b[i + 1] == UInt8(ascii: "u") else {
                throw error("unpaired surrogate in a \\u escape", at: start)
            }
            i += 2
            let low = try hex4(start)
            guard (0xDC00...0xDFFF).contains(low) else { throw error("unpaired surrogate in a \\u escape", at: start) }
            return Unicode.Scalar(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00))!
        default:
            throw error("invalid escape in a string", at: start)
        }
    }

    private mutating func hex4(_ start: Int) throws -> UInt32 {
        guard i + 4 <= b.count, let v = UInt32(String(decoding: b[i..<i + 4], as: UTF8.self), radix: 16),
              b[i..<i + 4].allSatisfy({ $0 != UInt8(ascii: "+") && $0 != UInt8(ascii: "-") })
        else { throw error("\\u must be followed by four hexadecimal digits", at: start) }
        i += 4
        return v
    }

    private mutating func number() throws -> Value {
        let start = i
        func digits() -> Bool {
            let from = i
            while i < b.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(b[i]) { i += 1 }
            return i > from
        }
        if peek == UInt8(ascii: "-") { i += 1 }
        if peek == UInt8(ascii: "0") { i += 1 } else if !digits() { throw unexpected("a digit") }
        var integral = true
        if peek == UInt8(ascii: ".") {
            i += 1; integral = false
            guard digits() else { throw unexpected("a digit after '.'") }
        }
        if peek == UInt8(ascii: "e") || peek == UInt8(ascii: "E") {
            i += 1; integral = false
            if peek == UInt8(ascii: "+") || peek == UInt8(ascii: "-") { i += 1 }
            guard digits() else { throw unexpected("a digit in the exponent") }
        }
        let text = String(decoding: b[start..<i], as: UTF8.self)
        if integral {
            if let n = Int(text) { return .int(n) }
            return .string(text)    // too large for Int: the digits as written (see `DataLoader`)
        }
        guard let d = Double(text), d.isFinite else {
            throw error("the number \(text) is too large", at: start, code: "invalid_data")
        }
        return .double(d)
    }
}

// MARK: - YAML nesting pre-scan

/// Finds where a YAML document nests deeper than a limit, without building anything.
///
/// It is a cut-down copy of libyaml's tokenizer (scanner.c): enough of it to know where
/// tokens start, which characters are inside quoted, plain and block scalars or comments,
/// and how the block indentation stack and the flow level change. It must never count less
/// than libyaml nests (on valid documents it counts exactly). Where libyaml's scanner fails
/// it stops, since nothing after that point is composed; tokens that only the parser
/// rejects are scanned on, because libyaml hands them over only once a pending simple key
/// is settled, and settling it can still open a mapping before them.
private struct YAMLNesting {
    struct Block { var column: Int; var isSequence: Bool; var indentless = false }
    /// An open flow collection. `keyLine` and `keyPeak` follow a possible simple key in it:
    /// when `:` turns `[[a]: b]`'s key into a pair, libyaml opens the pair's mapping *before*
    /// the key, so everything the key reached is one level deeper than it was counted.
    /// `peak` is the deepest level reached inside, handed to the parent on closing.
    struct Flow {
        var isSequence: Bool
        var pairOpen = false, keyLine: Int? = nil, keyPeak = 0, peak = 0
        mutating func reach(_ d: Int) { keyPeak = max(keyPeak, d); peak = max(peak, d) }
    }

    let b: UnsafeBufferPointer<UInt8>
    let limit: Int
    let maxScalars: Int
    var scalars = 0                   // scalars and aliases met so far
    var i = 0, line = 0, column = 0
    var blocks: [Block] = []          // libyaml's indents stack: open block collections
    var flow: [Flow] = []             // open flow collections
    var hidden = 0                    // indentless sequences and `[a: b]` pairs: levels with no indent or bracket
    var simpleKeyAllowed = true
    var blockKey: (line: Int, column: Int)?    // where a simple key at flow level 0 may start
    var blockKeyPeak = 0                        // deepest level reached since it started

    /// The byte offset where the nesting first goes past `limit`, or nil.
    static func firstProblem(_ b: UnsafeBufferPointer<UInt8>, limit: Int, maxScalars: Int) -> (offset: Int, tooMany: Bool)? {
        // libyaml's reader refuses a NUL byte (and nothing is composed then), and this scanner
        // takes NUL for the end of the input like libyaml's tokenizer does: scan only up to it.
        // Scanning past it made a quoted scalar wait forever for its closing quote.
        var end = b.count
        if let base = b.baseAddress, let nul = memchr(base, 0, b.count) { end = UnsafeRawPointer(nul) - UnsafeRawPointer(base) }
        var s = YAMLNesting(b: UnsafeBufferPointer(rebasing: b[..<end]), limit: limit, maxScalars: maxScalars)
        return s.run().map { ($0, s.scalars > maxScalars) }
    }

    /// Bytes that never end a plain scalar by themselves: printable ASCII but blanks, ':',
    /// and the flow indicators, plus every byte of a non-ASCII character.
    static let plainSafe: [Bool] = (0...255).map { (c: Int) -> Bool in
        if c >= 0x80 { return c != 0xC2 && c != 0xE2 }    // these two may start NEL, LS or PS
        return c > 0x20 && c < 0x7F && !Self.plainEnders[Int(UInt8(c))]
    }

    /// Byte sets for the scanner's character classes (a table lookup: `"…".utf8.contains`
    /// was a third of the scan's time in debug builds).
    private static func byteSet(_ chars: String) -> [Bool] {
        var set = [Bool](repeating: false, count: 256)
        for c in chars.utf8 { set[Int(c)] = true }
        return set
    }
    static let flowKeyFollowers = byteSet(",?[]{}")
    static let tagBrackets = byteSet(",[]")
    static let flowIndicators = byteSet(",[]{}")
    static let indicators = byteSet("-?:,[]{}#&*!|>'\"%@`")
    static let plainEnders = byteSet(":,[]{}")
    static let afterAnchor = byteSet("?:,]}%@`")

    private var indent: Int { mutating get { blocks.last?.column ?? -1 } }
    private var depth: Int { mutating get { blocks.count + flow.count + hidden } }

    private mutating func popBlock() { if blocks.removeLast().indentless { hidden -= 1 } }
    private mutating func setIndentless(_ on: Bool) {
        blocks[blocks.count - 1].indentless = on; hidden += on ? 1 : -1
    }
    private mutating func setPair(_ on: Bool) {
        guard let top = flow.last, top.pairOpen != on else { return }
        flow[flow.count - 1].pairOpen = on; hidden += on ? 1 : -1
    }

    // The character-class helpers below are `mutating` although they change nothing: a
    // non-mutating method receives the scanner by value, and a debug build copies it (and
    // retains its arrays) on every call; inout does not. It made the scan ~1.6× faster there.
    private mutating func at(_ k: Int) -> UInt8 { i + k < b.count ? b[i + k] : 0 }
    /// libyaml's line breaks: CR, LF, NEL, LS, PS.
    private mutating func breakLength(_ k: Int = 0) -> Int {
        switch at(k) {
        case 0x0D: return at(k + 1) == 0x0A ? 2 : 1
        case 0x0A: return 1
        case 0xC2 where at(k + 1) == 0x85: return 2
        case 0xE2 where at(k + 1) == 0x80 && (at(k + 2) == 0xA8 || at(k + 2) == 0xA9): return 3
        default: return 0
        }
    }
    private mutating func isBreak(_ k: Int = 0) -> Bool { breakLength(k) > 0 }
    private mutating func isBlank(_ k: Int = 0) -> Bool { at(k) == 0x20 || at(k) == 0x09 }
    private mutating func isBlankZ(_ k: Int = 0) -> Bool { isBlank(k) || isBreak(k) || i + k >= b.count || at(k) == 0 }
    private mutating func isAlpha(_ c: UInt8) -> Bool {
        (0x30...0x39).contains(c) || (0x41...0x5A).contains(c) || (0x61...0x7A).contains(c) || c == 0x5F || c == 0x2D
    }
    private var atEnd: Bool { mutating get { i >= b.count } }
    private mutating func atDocumentIndicator() -> Bool {
        column == 0 && (at(0) == 0x2D && at(1) == 0x2D && at(2) == 0x2D || at(0) == 0x2E && at(1) == 0x2E && at(2) == 0x2E)
            && isBlankZ(3)
    }

    /// Steps over one character (a line break counts as one) keeping line and column.
    private mutating func skip() {
        if i < b.count, b[i] >= 0x20, b[i] < 0x80 { i += 1; column += 1; return }    // the usual case
        let n = breakLength()
        if n > 0 { i += n; line += 1; column = 0; return }
        i += 1
        while i < b.count, b[i] & 0xC0 == 0x80 { i += 1 }
        column += 1
    }

    private mutating func check(_ level: Int = 0) -> Int? {
        let d = max(level, depth)
        if !flow.isEmpty { flow[flow.count - 1].reach(d) }
        return d > limit ? i : nil
    }

    mutating func run() -> Int? {
        while true {
            // scan_to_next_token: spaces, tabs where allowed, comments, line breaks.
            while true {
                if column == 0, at(0) == 0xEF, at(1) == 0xBB, at(2) == 0xBF { skip() }
                while at(0) == 0x20 || (!flow.isEmpty || !simpleKeyAllowed) && at(0) == 0x09 { skip() }
                if at(0) == UInt8(ascii: "#") { while !isBreak(), !atEnd { skip() } }
                guard isBreak() else { break }
                skip()
                if flow.isEmpty { simpleKeyAllowed = true }
            }
            if atEnd { return nil }
            if let key = blockKey, key.line != line { blockKey = nil }    // stale
            if flow.isEmpty {
                while indent > column { popBlock() }
                // An indentless sequence ends at the first token of its level that is not '-'.
                if let top = blocks.last, top.indentless, top.column == column, !(at(0) == 0x2D && isBlankZ(1)) {
                    setIndentless(false)
                }
            }
            let c = at(0)
            // Directives and document markers close every block collection (not flow ones:
            // there the parser rejects them, but only once the tokens before are delivered).
            if column == 0, c == UInt8(ascii: "%") || atDocumentIndicator() {
                while flow.isEmpty, !blocks.isEmpty { popBlock() }
                removeKey(); simpleKeyAllowed = false
                if c == UInt8(ascii: "%") { while !isBreak(), !atEnd { skip() } } else { skip(); skip(); skip() }
                continue
            }
            switch c {
            case UInt8(ascii: "["), UInt8(ascii: "{"):
                saveKey()
                flow.append(Flow(isSequence: c == UInt8(ascii: "[")))
                simpleKeyAllowed = true
                skip()
                if let r = check() { return r }
            case UInt8(ascii: "]"), UInt8(ascii: "}"):
                removeKey()
                if !flow.isEmpty {
                    setPair(false)
                    let inner = flow.removeLast().peak
                    if flow.isEmpty { blockKeyPeak = max(blockKeyPeak, inner) } else { flow[flow.count - 1].reach(inner) }
                }
                simpleKeyAllowed = false
                skip()
            case UInt8(ascii: ","):
                setPair(false)
                removeKey()
                simpleKeyAllowed = true
                skip()
            case UInt8(ascii: "-") where isBlankZ(1):
                if !flow.isEmpty { removeKey(); simpleKeyAllowed = true; skip(); continue }    // the parser's error
                guard simpleKeyAllowed else { return nil }
                if indent < column {
                    blocks.append(Block(column: column, isSequence: true))
                } else if let top = blocks.last, top.column == column, !top.isSequence, !top.indentless {
                    setIndentless(true)    // `key:` then `- item` at the key's column
                }
                blockKey = nil; simpleKeyAllowed = true
                skip()
                if let r = check() { return r }
            case UInt8(ascii: "?") where !flow.isEmpty || isBlankZ(1),
                 UInt8(ascii: ":") where !flow.isEmpty || isBlankZ(1):
                var wrapped = 0    // the depth the key reached, under the mapping opened before it
                if flow.isEmpty {
                    let keyColumn = c == UInt8(ascii: ":") ? blockKey?.column : nil
                    guard keyColumn != nil || simpleKeyAllowed else { return nil }
                    if indent < keyColumn ?? column {
                        blocks.append(Block(column: keyColumn ?? column, isSequence: false))
                        if keyColumn != nil { wrapped = blockKeyPeak + 1 }
                    }
                    blockKey = nil
                    simpleKeyAllowed = keyColumn == nil    // libyaml: no new key right after `key:`
                } else {
                    let top = flow[flow.count - 1]
                    if top.isSequence, !top.pairOpen {    // `[a: b]`: a list holding a one-pair mapping
                        if c == UInt8(ascii: ":"), top.keyLine == line { wrapped = top.keyPeak + 1 }
                        setPair(true)
                    }
                    flow[flow.count - 1].keyLine = nil
                    simpleKeyAllowed = false
                }
                skip()
                if let r = check(wrapped) { return r }
            case UInt8(ascii: "*"), UInt8(ascii: "&"):
                if c == UInt8(ascii: "*"), countScalar() { return i }
                saveKey(); simpleKeyAllowed = false
                skip()
                var n = 0
                while isAlpha(at(0)) { skip(); n += 1 }
                guard n > 0, isBlankZ() || Self.afterAnchor[Int(at(0))] else { return nil }
            case UInt8(ascii: "!"):
                saveKey(); simpleKeyAllowed = false
                if !tag() { return nil }
            case UInt8(ascii: "|"), UInt8(ascii: ">"):
                if countScalar() { return i }
                guard flow.isEmpty, blockScalar() else { return nil }
                blockKey = nil; simpleKeyAllowed = true
            case UInt8(ascii: "'"), UInt8(ascii: "\""):
                if countScalar() { return i }
                saveKey(); simpleKeyAllowed = false
                if !quoted(single: c == UInt8(ascii: "'")) { return nil }
            default:
                let plainStart = !(isBlankZ() || Self.indicators[Int(c)])
                    || (c == UInt8(ascii: "-") && !isBlank(1))
                    || (flow.isEmpty && (c == UInt8(ascii: "?") || c == UInt8(ascii: ":")) && !isBlankZ(1))
                guard plainStart else { return nil }
                if countScalar() { return i }
                saveKey(); simpleKeyAllowed = false
                if !plain() { return nil }
            }
        }
    }

    /// Counts a scalar; true once there are more than `maxScalars`.
    private mutating func countScalar() -> Bool {
        scalars += 1
        return scalars > maxScalars
    }

    private mutating func removeKey() {
        if flow.isEmpty { blockKey = nil } else { flow[flow.count - 1].keyLine = nil }
    }

    /// save_simple_key: the next token may turn out to be a key once a ':' follows.
    /// libyaml holds tokens back while a key is possible, so even a token the parser will
    /// reject does not stop the scan: the key's mapping may still open before it.
    private mutating func saveKey() {
        guard simpleKeyAllowed else { return }
        if flow.isEmpty { blockKey = (line, column); blockKeyPeak = depth }
        else { flow[flow.count - 1].keyLine = line; flow[flow.count - 1].keyPeak = depth }
    }

    /// scan_tag: `!<uri>` or `!handle!suffix`; then a blank (or ',' in flow) must follow.
    private mutating func tag() -> Bool {
        let uri = ";/?:@&=+$.%!~*'()".utf8
        skip()
        if at(0) == UInt8(ascii: "<") {
            skip()
            while isAlpha(at(0)) || uri.contains(at(0)) || Self.tagBrackets[Int(at(0))] { skip() }
            guard at(0) == UInt8(ascii: ">") else { return false }
            skip()
        } else {
            while isAlpha(at(0)) || uri.contains(at(0)) { skip() }
        }
        return isBlankZ() || (!flow.isEmpty && at(0) == UInt8(ascii: ","))
    }

    /// scan_flow_scalar: quotes may span lines; '' and \ escape.
    private mutating func quoted(single: Bool) -> Bool {
        let quote = single ? UInt8(ascii: "'") : UInt8(ascii: "\"")
        skip()
        while true {
            if atDocumentIndicator() || atEnd { return false }
            while !isBlankZ() {
                let c = at(0)
                if c > 0x20, c < 0x7F, c != 0x22, c != 0x27, c != 0x5C { skip(); continue }    // plain text
                if single, at(0) == quote, at(1) == quote { skip(); skip() }
                else if at(0) == quote { skip(); return true }
                else if !single, at(0) == UInt8(ascii: "\\"), isBreak(1) { skip(); skip(); break }    // escaped line break
                else if !single, at(0) == UInt8(ascii: "\\") { skip(); skip() }
                else { skip() }
            }
            if at(0) == quote { skip(); return true }
            while isBlank() || isBreak() { skip() }
        }
    }

    /// scan_plain_scalar: ends at ': ', ' #', a flow indicator in flow context, a document
    /// marker, or a line less indented than the enclosing block.
    private mutating func plain() -> Bool {
        let minColumn = indent + 1
        var leadingBlanks = false
        while true {
            if atDocumentIndicator() || at(0) == UInt8(ascii: "#") { break }
            while !isBlankZ() {
                if Self.plainSafe[Int(at(0))] { skip(); continue }    // cannot end the scalar
                if !flow.isEmpty, at(0) == UInt8(ascii: ":"), Self.flowKeyFollowers[Int(at(1))] { return false }
                if at(0) == UInt8(ascii: ":") && isBlankZ(1) || !flow.isEmpty && Self.flowIndicators[Int(at(0))] { break }
                skip()
            }
            guard isBlank() || isBreak() else { break }
            while isBlank() || isBreak() {
                if isBreak() { leadingBlanks = true }
                skip()
            }
            if flow.isEmpty, column < minColumn { break }
        }
        if leadingBlanks { simpleKeyAllowed = true }
        return true
    }

    /// scan_block_scalar: the header, then lines at least as indented as the content.
    private mutating func blockScalar() -> Bool {
        skip()
        var increment = 0
        for _ in 0..<2 {
            if at(0) == UInt8(ascii: "+") || at(0) == UInt8(ascii: "-") { skip() }
            else if (0x31...0x39).contains(at(0)) { increment = Int(at(0) - 0x30); skip() }
            else if at(0) == UInt8(ascii: "0") { return false }
        }
        while isBlank() { skip() }
        if at(0) == UInt8(ascii: "#") { while !isBreak(), !atEnd { skip() } }
        guard isBreak() || atEnd else { return false }
        if isBreak() { skip() }
        var contentIndent = increment == 0 ? 0 : (indent >= 0 ? indent + increment : increment)
        func breaks(_ s: inout YAMLNesting) -> Bool {
            var maxIndent = 0
            while true {
                while contentIndent == 0 || s.column < contentIndent, s.at(0) == 0x20 { s.skip() }
                maxIndent = max(maxIndent, s.column)
                if contentIndent == 0 || s.column < contentIndent, s.at(0) == 0x09 { return false }
                guard s.isBreak() else { break }
                s.skip()
            }
            if contentIndent == 0 { contentIndent = max(maxIndent, s.indent + 1, 1) }
            return true
        }
        guard breaks(&self) else { return false }
        while column == contentIndent, !atEnd {
            while !isBreak(), !atEnd { skip() }
            if isBreak() { skip() }
            guard breaks(&self) else { return false }
        }
        return true
    }
}

// MARK: - YAML to Value

/// Converts Yams' node tree using the resolved tags. It checks depth again (aliases can nest
/// deeper than the text shows) and counts nodes, so aliases cannot expand exponentially.
private struct YAMLConverter {
    let file: String
    let maxDepth: Int
    let maxValues: Int
    var budget: Int
    /// Containers nested less deep than this record where their values start.
    var recordDepth = 0
    var values = 0

    private func at(_ node: Node) -> SourceLocation {
        SourceLocation(file: file, line: node.mark?.line, column: node.mark?.column)
    }

    mutating func value(_ node: Node, depth: Int) throws -> Value {
        var ignored = PlaceTree()
        return try value(node, depth: depth, tree: &ignored)
    }

    /// The value of `node`; `tree` gets the places of its items when `depth < recordDepth`.
    mutating func value(_ node: Node, depth: Int, tree: inout PlaceTree) throws -> Value {
        if depth == 0, recordDepth > 0 { tree.place = at(node) }
        let record = depth < recordDepth
        budget -= 1
        guard budget >= 0 else {
            throw DocFillError("data_too_large", "aliases expand the data to too many values", at: at(node))
        }
        values += 1
        if values > maxValues {
            var limits = DataLimits(); limits.maxValues = maxValues
            throw DataLoader.tooManyValues(limits, at: at(node))
        }
        switch node {
        case .scalar(let s): return try scalar(s, node)
        case .sequence(let seq):
            try checkDepth(depth, node)
            return .array(try seq.map { item in
                var child = PlaceTree(place: record ? at(item) : nil)
                let v = try value(item, depth: depth + 1, tree: &child)
                if record { tree.items.append(child) }
                return v
            })
        case .mapping(let map):
            try checkDepth(depth, node)
            var out: [String: Value] = [:]
            var keyNodes: [String: Node] = [:]
            var merged: [[String: Value]] = []
            for (k, v) in map {
                if YAMLCoreSchema.tag(of: k) == .merge {
                    switch try value(v, depth: depth) {
                    case .object(let o): merged.append(o)
                    case .array(let list) where list.allSatisfy({ if case .object = $0 { true } else { false } }):
                        for case .object(let o) in list { merged.append(o) }
                    default:
                        throw DocFillError("data_syntax", "'<<' must be followed by a mapping or a list of mappings", at: at(v))
                    }
                } else {
                    guard case .scalar(let ks) = k else {
                        throw DocFillError("data_syntax", "a mapping key must be a scalar, not a list or mapping", at: at(k))
                    }
                    let key = DataLoader.nfc(ks.string)
                    if let first = keyNodes.updateValue(k, forKey: key) {
                        throw DocFillError("duplicate_key", DataLoader.duplicateKeyMessage(key, first: at(first)), at: at(k))
                    }
                    var child = PlaceTree(place: record ? at(k) : nil)
                    out[key] = try value(v, depth: depth + 1, tree: &child)
                    if record { tree.keys[key] = child }
                }
            }
            // Merge keys (`<<: *defaults`): explicit keys win, then earlier sources.
            for source in merged { out.merge(source) { current, _ in current } }
            return .object(out)
        }
    }

    private func checkDepth(_ depth: Int, _ node: Node) throws {
        guard depth >= maxDepth else { return }
        throw DocFillError("data_too_deep", "nesting deeper than \(maxDepth) levels", at: at(node))
    }

    private func scalar(_ s: Node.Scalar, _ node: Node) throws -> Value {
        let text = s.string
        switch YAMLCoreSchema.tag(of: s) {
        case .null: return .null
        case .bool:
            switch text.lowercased() {
            case "true": return .bool(true)
            case "false": return .bool(false)
            default: throw DocFillError("data_syntax", "'\(text)' is not a boolean", at: at(node))
            }
        case .int:
            if let n = Self.integer(text) { return .int(n) }
            return .string(text)    // too large for Int: the digits as written (see `DataLoader`)
        case .float:
            let special = text.lowercased().trimmingCharacters(in: ["+", "-"])    // .inf, .nan
            guard let d = special == ".inf" ? .infinity : special == ".nan" ? .nan : Double(text) ?? Double(text + "0") else {
                throw DocFillError("data_syntax", "'\(text)' is not a number", at: at(node))
            }
            guard d.isFinite else {
                throw DocFillError("invalid_data", "'\(text)' is not a finite number", at: at(node))
            }
            return .double(d)
        default:
            return .string(DataLoader.nfc(text))    // str, timestamps, binary, custom tags
        }
    }

    /// Decimal, `0x` hexadecimal and `0o` octal, with an optional sign.
    private static func integer(_ text: String) -> Int? {
        var t = Substring(text), negative = false
        if let f = t.first, f == "-" || f == "+" { negative = f == "-"; t = t.dropFirst() }
        var radix = 10
        if t.hasPrefix("0x") { radix = 16; t = t.dropFirst(2) } else if t.hasPrefix("0o") { radix = 8; t = t.dropFirst(2) }
        guard !t.isEmpty, !t.hasPrefix("-"), !t.hasPrefix("+") else { return nil }
        return Int(negative ? "-" + t : String(t), radix: radix)
    }
}
