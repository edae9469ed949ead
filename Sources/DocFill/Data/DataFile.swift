import Foundation

/// Reading a data file within `DataLimits`, checking its bytes are UTF-8, and turning byte
/// offsets into places: what the JSON and YAML readers share.
extension DataLoader {
    static func read(_ path: String, limits: DataLimits, name: String) throws -> [UInt8] {
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

    /// `data_too_deep`: one message whichever reader (JSON, YAML's event bound, YAML's
    /// conversion) finds the nesting past the limit.
    static func tooDeep(_ maxDepth: Int, at place: SourceLocation) -> DocFillError {
        DocFillError("data_too_deep", "nesting deeper than \(maxDepth) levels", at: place)
    }

    static func tooManyValues(_ limits: DataLimits, at place: SourceLocation) -> DocFillError {
        DocFillError("data_too_large", "the data holds more than \(limits.maxValues) values (lists, objects and scalars); split it or raise the limit",
                     at: place)
    }

    static func checkSize(_ count: Int, _ limits: DataLimits, _ file: String) throws {
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

    static func badUTF8(_ buf: UnsafeBufferPointer<UInt8>, _ offset: Int, _ file: String) -> DocFillError {
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
}
