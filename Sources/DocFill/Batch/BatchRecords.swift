import Foundation

/// Bounds on a batch's records as a whole, apart from the data limits each record is read
/// within: the records file's size and the number of records (`records_too_large` past either).
public struct RecordsLimits: Sendable, Hashable {
    /// Most records in one batch.
    public var maxRecords: Int = 1_000_000
    /// Largest records file, in bytes. Records are read one at a time, so this bounds the
    /// time a batch takes rather than its memory.
    public var maxBytes: Int = 1 << 30

    /// Makes limits with the defaults: a million records, a 1 GiB records file.
    public init() {}
}

/// The records of a batch, found but not yet read: a JSON array or JSON Lines file is
/// scanned once for where each record lies (`RecordScan`), a folder listed, and each record
/// is read and parsed only when `record(_:)` asks for it — by the batch's workers, in
/// parallel, each within the data limits on its own. A YAML list is read at once (the YAML
/// parser has no record-by-record mode), within the data limits as a whole.
public struct BatchRecords: Sendable {
    private enum Storage: Sendable {
        case spans(RecordFile, RecordScan.Layout, [RecordSpan])
        case files([String])
        case values([BatchRecord])
    }
    private let storage: Storage
    private let limits: DataLimits

    /// The code of a records file over `RecordsLimits`.
    static let tooManyCode = "records_too_large"

    /// Records already in memory.
    public init(_ records: [BatchRecord]) { storage = .values(records); limits = DataLimits() }

    /// The records at `path`: a JSON array (or a YAML list), JSON Lines (one record per line;
    /// `.jsonl`/`.ndjson`, or any file not starting with `[`), or a folder of `.json`/`.yaml`/`.yml`
    /// files taken in name order. Throws when the batch as a whole cannot be read: no such
    /// file, an array whose records cannot be told apart, a file over `records`.
    public init(contentsOf path: String, limits: DataLimits = .init(), records: RecordsLimits = .init()) throws {
        self.limits = limits
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw DocFillError("io_error", "cannot read the records: no such file or folder", at: SourceLocation(file: path))
        }
        if isDirectory.boolValue { storage = .files(try Self.folder(path, records)); return }
        let ext = (path as NSString).pathExtension.lowercased()
        if ext == "yaml" || ext == "yml" { storage = .values(try Self.yamlList(path, limits, records)); return }
        let file = try RecordFile(path, limit: records.maxBytes)
        let head = try file.bytes(at: 0, count: 4096)
        try InputKind.checkData(head, file: path)
        let layout: RecordScan.Layout = ext != "jsonl" && ext != "ndjson"
            && head.first(where: { $0 > 0x20 && $0 < 0x80 }) == UInt8(ascii: "[") ? .array : .lines
        storage = .spans(file, layout, try RecordScan.scan(file.fd, file: path, layout: layout, limits: records))
    }

    /// How many records there are.
    public var count: Int {
        switch storage {
        case .spans(_, _, let spans): return spans.count
        case .files(let files): return files.count
        case .values(let values): return values.count
        }
    }

    /// Record `index` (0-based), read and parsed now; a record that cannot be read carries its error.
    public func record(_ index: Int) -> BatchRecord {
        switch storage {
        case .values(let values): return values[index]
        case .files(let files):
            let data = Result { try DataLoader.load(contentsOf: files[index], limits: limits) }.mapError {
                $0 as? DocFillError ?? DocFillError("io_error", "\($0)", at: SourceLocation(file: files[index]))
            }
            return BatchRecord(index: index, source: files[index], data: data)
        case .spans(let file, let layout, let spans):
            let span = spans[index]
            let source = layout == .array ? "\(file.path)[\(index)]" : "\(file.path):\(span.line)"
            return BatchRecord(index: index, source: source, data: Result { try parse(span, in: file) }.mapError {
                $0 as? DocFillError ?? DocFillError("io_error", "\($0)", at: SourceLocation(file: file.path, line: span.line))
            })
        }
    }

    /// One record's bytes parsed as JSON on their own; places in messages are the file's.
    private func parse(_ span: RecordSpan, in file: RecordFile) throws -> Value {
        guard span.count <= limits.maxBytes else {
            throw DocFillError("data_too_large", "the record is larger than \(limits.maxBytes) bytes; split it or raise --max-data-mib",
                               at: SourceLocation(file: file.path, line: span.line, column: try file.column(of: span)))
        }
        let bytes = try file.bytes(at: span.start, count: span.count)
        do {
            return try DataLoader.loadJSON(bytes, file: file.path, limits: limits)
        } catch let error as DocFillError {
            // The parser counted lines and columns within the record.
            let column = try file.column(of: span)
            throw DocFillError(error.diagnostics.map { d in
                var d = d
                guard d.location.file == file.path, let line = d.location.line else { return d }
                d.location.line = span.line + line - 1
                if line == 1, let c = d.location.column { d.location.column = column + c - 1 }
                return d
            })
        }
    }

    private static func folder(_ path: String, _ records: RecordsLimits) throws -> [String] {
        let names: [String]
        do { names = try FileManager.default.contentsOfDirectory(atPath: path) } catch {
            throw DocFillError("io_error", "cannot list the records folder: \(error.localizedDescription)", at: SourceLocation(file: path))
        }
        let files = names.filter { !$0.hasPrefix(".") && ["json", "yaml", "yml"].contains(($0 as NSString).pathExtension.lowercased()) }
            .sorted { $0.compare($1, options: [.numeric]) == .orderedAscending }
        if files.count > records.maxRecords {
            throw DocFillError(tooManyCode, "the folder holds \(files.count) records, more than the limit of \(records.maxRecords) (record \(records.maxRecords + 1) is \(files[records.maxRecords])); split the records or raise --max-records",
                               at: SourceLocation(file: path))
        }
        return files.map { (path as NSString).appendingPathComponent($0) }
    }

    private static func yamlList(_ path: String, _ limits: DataLimits, _ records: RecordsLimits) throws -> [BatchRecord] {
        guard case .array(let items) = try DataLoader.load(contentsOf: path, limits: limits) else {
            throw DocFillError("invalid_records", "the records must be a list (a JSON array or a YAML list), JSON Lines or a folder",
                               at: SourceLocation(file: path))
        }
        if items.count > records.maxRecords {
            throw DocFillError(tooManyCode, "record \(records.maxRecords + 1) is one more than the limit of \(records.maxRecords) records; split the records or raise --max-records",
                               at: SourceLocation(file: path))
        }
        return items.enumerated().map { BatchRecord(index: $0, source: "\(path)[\($0)]", data: .success($1)) }
    }
}

/// A records file held open while its records are read, from any thread (`pread`). A pipe
/// (`<(jq -c …)`) cannot be read at an offset: it is copied first into an unnamed temporary
/// file, at most `limit` bytes and one more (the scan then refuses it as too large).
final class RecordFile: Sendable {
    let path: String
    let fd: Int32

    init(_ path: String, limit: Int = .max) throws {
        self.path = path
        func failure() -> DocFillError {
            DocFillError("io_error", "cannot read the records: \(String(cString: strerror(errno)))", at: SourceLocation(file: path))
        }
        let given = open(path, O_RDONLY | O_CLOEXEC)
        guard given >= 0 else { throw failure() }
        var info = stat()
        guard fstat(given, &info) == 0 else { let error = failure(); close(given); throw error }
        if info.st_mode & S_IFMT == S_IFREG { fd = given; return }
        defer { close(given) }
        var template = Array((NSTemporaryDirectory() as NSString).appendingPathComponent(".docfill-records-XXXXXX").utf8CString)
        let copy = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard copy >= 0 else { throw failure() }
        _ = template.withUnsafeBufferPointer { unlink($0.baseAddress!) }    // gone when closed
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 1)
        defer { buffer.deallocate() }
        var total = 0
        while total <= limit {
            let n = read(given, buffer.baseAddress, buffer.count)
            if n < 0 && errno == EINTR { continue }
            if n < 0 { let error = failure(); close(copy); throw error }
            if n == 0 { break }
            var written = 0
            while written < n {
                let w = write(copy, buffer.baseAddress! + written, n - written)
                if w < 0 && errno == EINTR { continue }
                if w < 0 { let error = failure(); close(copy); throw error }
                written += w
            }
            total += n
        }
        lseek(copy, 0, SEEK_SET)
        fd = copy
    }

    deinit { close(fd) }

    /// `count` bytes from `offset`, fewer at the end of the file.
    func bytes(at offset: Int, count: Int) throws -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: count)
        var done = 0
        try bytes.withUnsafeMutableBytes { buf in
            while done < count {
                let n = pread(fd, buf.baseAddress! + done, count - done, off_t(offset + done))
                if n < 0 && errno == EINTR { continue }
                if n < 0 {
                    throw DocFillError("io_error", "cannot read the records: \(String(cString: strerror(errno)))", at: SourceLocation(file: path))
                }
                if n == 0 { break }
                done += n
            }
        }
        bytes.removeLast(count - done)
        return bytes
    }

    /// The 1-based column, in Unicode scalars, of a record's first byte (for messages only:
    /// it reads the line up to there).
    func column(of span: RecordSpan) throws -> Int {
        var column = 1, at = span.lineStart
        while at < span.start {
            let chunk = try bytes(at: at, count: min(1 << 20, span.start - at))
            if chunk.isEmpty { break }
            column += chunk.reduce(0) { $0 + ($1 & 0xC0 != 0x80 ? 1 : 0) }
            at += chunk.count
        }
        return column
    }
}
