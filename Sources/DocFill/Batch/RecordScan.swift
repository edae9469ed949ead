import Foundation

/// Where one record of a records file lies: its bytes and the place they start, for messages.
struct RecordSpan: Sendable {
    /// Byte offset of the record's first byte in the file.
    var start: Int
    /// Byte count, surrounding white space left out.
    var count: Int
    /// 1-based line of the first byte.
    var line: Int
    /// Byte offset of that line's first byte (the column is counted from it when needed).
    var lineStart: Int
}

/// Finds the records of a JSON array or a JSON Lines file in one pass over its bytes, read in
/// chunks, without parsing them: only strings, escapes and nesting are followed, so the scan
/// keeps offsets, not values, and its memory does not grow with a record's size. Each record
/// is parsed later on its own (`BatchRecords.record(_:)`), within the data limits.
///
/// The array's own structure is checked here (`[`, commas, `]`, nothing after it): an array
/// whose records cannot be told apart refuses the batch before anything is rendered; a
/// record that is not valid JSON fails that record only.
struct RecordScan {
    enum Layout { case array, lines }

    let file: String
    let limits: RecordsLimits
    private(set) var spans: [RecordSpan] = []

    /// Absolute offset of the byte being looked at, the line it is on and where that line starts.
    private var offset = 0
    private var line = 1
    private var lineStart = 0

    // Array state.
    private enum Phase { case beforeOpen, beforeRecord, inRecord, done }
    private var phase = Phase.beforeOpen
    private var afterComma = false
    private var depth = 0
    private var inString = false
    private var escaped = false
    private var recordStart = RecordSpan(start: 0, count: 0, line: 1, lineStart: 0)
    private var recordEnd = 0

    // JSON Lines state: the current line's first byte that is not white space, if any yet.
    private var lineContent: RecordSpan?
    private var lineContentEnd = 0

    init(file: String, limits: RecordsLimits) { self.file = file; self.limits = limits }

    /// Scans the whole file at `fd` as `layout`.
    static func scan(_ fd: Int32, file: String, layout: Layout, limits: RecordsLimits) throws -> [RecordSpan] {
        var scan = RecordScan(file: file, limits: limits)
        let chunk = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: 1 << 20)
        defer { chunk.deallocate() }
        while true {
            let n = read(fd, chunk.baseAddress, chunk.count)
            if n < 0 {
                if errno == EINTR { continue }
                throw DocFillError("io_error", "cannot read the records: \(String(cString: strerror(errno)))", at: SourceLocation(file: file))
            }
            if n == 0 { break }
            if scan.offset + n > limits.maxBytes { throw scan.fileTooLarge() }
            let bytes = UnsafeBufferPointer(rebasing: chunk[..<n])
            switch layout {
            case .array: try scan.arrayChunk(bytes)
            case .lines: try scan.linesChunk(bytes)
            }
        }
        switch layout {
        case .array: try scan.arrayEnd()
        case .lines: try scan.endLine()
        }
        return scan.spans
    }

    private func fileTooLarge() -> DocFillError {
        // In a record or between two, the record the limit is reached in or before is the next one.
        return DocFillError(BatchRecords.tooManyCode,
                            "the records file is larger than \(limits.maxBytes) bytes (reached in record \(spans.count + 1)); split it or raise --max-records-mib",
                            at: SourceLocation(file: file, line: line))
    }

    private mutating func add(_ span: RecordSpan) throws {
        guard spans.count < limits.maxRecords else {
            throw DocFillError(BatchRecords.tooManyCode,
                               "record \(spans.count + 1) is one more than the limit of \(limits.maxRecords) records; split the records or raise --max-records",
                               at: SourceLocation(file: file, line: span.line))
        }
        spans.append(span)
    }

    // MARK: JSON Lines

    private mutating func linesChunk(_ b: UnsafeBufferPointer<UInt8>) throws {
        let base = offset
        var i = 0
        while i < b.count {
            // The line's content starts at its first byte that is not white space; the rest of
            // the line is found with memchr, not byte by byte.
            if lineContent == nil {
                let c = b[i]
                if c == 0x0A { try endLine(); i += 1; line += 1; lineStart = base + i; continue }
                if c == 0x20 || c == 0x09 || c == 0x0D { i += 1; continue }
                lineContent = RecordSpan(start: base + i, count: 0, line: line, lineStart: lineStart)
            }
            let rest = b.count - i
            guard let found = memchr(b.baseAddress! + i, 0x0A, rest) else {
                lineContentEnd = base + b.count
                break
            }
            let newline = b.baseAddress!.distance(to: found.assumingMemoryBound(to: UInt8.self))
            lineContentEnd = base + newline
            try endLine()
            i = newline + 1
            line += 1
            lineStart = base + i
        }
        offset = base + b.count
    }

    /// Ends the line being read: its content (trailing white space kept; the parser skips it) is one record.
    private mutating func endLine() throws {
        guard var span = lineContent else { return }
        span.count = lineContentEnd - span.start
        lineContent = nil
        try add(span)
    }

    // MARK: JSON array

    private mutating func arrayChunk(_ b: UnsafeBufferPointer<UInt8>) throws {
        let base = offset
        var i = 0
        let n = b.count
        while i < n {
            let c = b[i]
            if phase == .inRecord {
                // The hot loop: most bytes are inside a record's strings.
                if inString {
                    if escaped {
                        escaped = false
                    } else {
                        // Inside a string only `"`, `\` and line ends matter: skip to the next.
                        while i < n, b[i] != 0x22, b[i] != 0x5C, b[i] != 0x0A { i += 1 }
                        if i == n { break }
                        if b[i] == 0x5C { escaped = true } else if b[i] == 0x22 { inString = false; recordEnd = base + i + 1 }
                    }
                    if b[i] == 0x0A { line += 1; lineStart = base + i + 1 }
                    i += 1
                    continue
                }
                switch c {
                case 0x22: inString = true
                case 0x7B, 0x5B: depth += 1
                case 0x7D: depth -= 1
                case 0x5D:
                    if depth == 0 { try endRecord(); phase = .done; i += 1; continue }
                    depth -= 1
                case 0x2C where depth == 0:
                    try endRecord(); phase = .beforeRecord; afterComma = true; i += 1; continue
                case 0x0A: line += 1; lineStart = base + i + 1; i += 1; continue
                case 0x20, 0x09, 0x0D: i += 1; continue
                default: break
                }
                recordEnd = base + i + 1
                i += 1
                continue
            }
            if c == 0x0A { line += 1; lineStart = base + i + 1; i += 1; continue }
            if c == 0x20 || c == 0x09 || c == 0x0D { i += 1; continue }
            let here = base + i
            switch phase {
            case .beforeOpen:
                // A byte order mark is not data.
                if here < 3 && (c == 0xEF || c == 0xBB || c == 0xBF) { break }
                guard c == 0x5B else { throw syntax("expected '[' to open the list of records", at: here, in: b, base: base) }
                phase = .beforeRecord
            case .beforeRecord:
                if c == 0x5D && !afterComma { phase = .done; break }
                guard c != 0x2C && c != 0x5D else { throw syntax("expected a record", at: here, in: b, base: base) }
                phase = .inRecord
                afterComma = false
                recordStart = RecordSpan(start: here, count: 0, line: line, lineStart: lineStart)
                continue    // the byte is the record's first: the record loop reads it
            case .done:
                throw syntax("unexpected data after the list of records", at: here, in: b, base: base)
            case .inRecord:
                break
            }
            i += 1
        }
        offset = base + n
    }

    private mutating func endRecord() throws {
        var span = recordStart
        span.count = recordEnd - span.start
        depth = 0
        try add(span)
    }

    private mutating func arrayEnd() throws {
        switch phase {
        case .done: return
        case .beforeOpen: throw DocFillError("data_syntax", "the records file is empty; expected a JSON array", at: SourceLocation(file: file))
        case .inRecord where inString:
            throw DocFillError("data_syntax", "a string of record \(spans.count + 1) is never closed",
                               at: SourceLocation(file: file, line: recordStart.line))
        default:
            throw DocFillError("data_syntax", "unexpected end of data; expected ']' to close the list of records",
                               at: SourceLocation(file: file, line: line))
        }
    }

    /// A structural error at `at`; the column is counted from the line's start when it is in this chunk.
    private func syntax(_ message: String, at: Int, in b: UnsafeBufferPointer<UInt8>, base: Int) -> DocFillError {
        var column: Int?
        if lineStart >= base {
            column = 1 + b[(lineStart - base)..<(at - base)].reduce(0) { $0 + ($1 & 0xC0 != 0x80 ? 1 : 0) }
        }
        return DocFillError("data_syntax", message, at: SourceLocation(file: file, line: line, column: column))
    }
}
