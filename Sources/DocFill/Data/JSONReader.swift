import Foundation

extension DataLoader {
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
}


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
                throw DataLoader.tooDeep(maxDepth, at: DataLoader.location(in: b, offset: i, file: file))
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
