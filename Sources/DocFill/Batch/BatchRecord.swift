import Foundation

/// One record of a batch: its data, or why it could not be read (a bad line of a JSON Lines
/// file or a bad file in a folder fails that record only, not the batch).
public struct BatchRecord: Sendable {
    /// 0-based position in the batch.
    public let index: Int
    /// Where the record came from, for messages: `records.jsonl:3`, `records.json[2]`, `wards/an-phu.yaml`.
    public let source: String
    /// The record's data, or the error that kept it from being read.
    public let data: Result<Value, DocFillError>

    /// Makes a record; ``Batch/records(from:limits:)`` makes them from a file or folder.
    public init(index: Int, source: String, data: Result<Value, DocFillError>) {
        self.index = index; self.source = source; self.data = data
    }
}

// Reading records is part of the `Batch` namespace (`Batch.records(from:)` beside
// `Batch.run`) rather than an enum of its own: one name for the feature.
extension Batch {
    /// Reads the records of a batch: a JSON array (or a YAML list), JSON Lines (one object per
    /// line; `.jsonl`/`.ndjson`, or any file whose first line is a complete object), or a folder
    /// of `.json`/`.yaml`/`.yml` files taken in name order. The records come back in order;
    /// this throws only when the batch as a whole cannot be read.
    ///
    /// The limits bound what is parsed at once, as for one data file: a JSON array or YAML list
    /// as a whole (its nesting counts the list; over a limit refuses the batch), each line of
    /// JSON Lines and each file of a folder (over a limit fails that record only). The size
    /// limit also bounds the records file as a whole, which is read into memory.
    public static func records(from path: String, limits: DataLimits = .init()) throws -> [BatchRecord] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw DocFillError("io_error", "cannot read the records: no such file or folder", at: SourceLocation(file: path))
        }
        if isDirectory.boolValue { return try folder(path, limits) }
        let ext = (path as NSString).pathExtension.lowercased()
        if ext == "yaml" || ext == "yml" { return try list(DataLoader.load(contentsOf: path, limits: limits), path) }
        let bytes = try readAll(path, limits)
        try InputKind.checkData(bytes, file: path)
        if ext != "jsonl" && ext != "ndjson", DataLoader.sniff(bytes) == .json,
           bytes.first(where: { $0 > 0x20 && $0 < 0x80 }) == UInt8(ascii: "[") {
            return try list(DataLoader.loadJSON(bytes, file: path, limits: limits), path)
        }
        return jsonLines(bytes, file: path, limits: limits)
    }

    private static func list(_ value: Value, _ path: String) throws -> [BatchRecord] {
        guard case .array(let items) = value else {
            throw DocFillError("invalid_records", "the records must be a list (a JSON array or a YAML list), JSON Lines or a folder",
                               at: SourceLocation(file: path))
        }
        return items.enumerated().map { BatchRecord(index: $0, source: "\(path)[\($0)]", data: .success($1)) }
    }

    static func jsonLines(_ bytes: [UInt8], file: String, limits: DataLimits = .init()) -> [BatchRecord] {
        var records: [BatchRecord] = []
        for (number, line) in bytes.split(separator: 0x0A, omittingEmptySubsequences: false).enumerated() {
            guard line.contains(where: { $0 != 0x20 && $0 != 0x09 && $0 != 0x0D }) else { continue }
            let data = Result { try DataLoader.loadJSON(Array(line), file: file, limits: limits) }.mapError { error -> DocFillError in
                // The parser counts lines within the one line it saw.
                let e = error as? DocFillError ?? DocFillError("data_syntax", "\(error)")
                return DocFillError(e.diagnostics.map { d in
                    var d = d; d.location.line = number + 1; return d
                })
            }
            records.append(BatchRecord(index: records.count, source: "\(file):\(number + 1)", data: data))
        }
        return records
    }

    private static func folder(_ path: String, _ limits: DataLimits) throws -> [BatchRecord] {
        let names: [String]
        do { names = try FileManager.default.contentsOfDirectory(atPath: path) } catch {
            throw DocFillError("io_error", "cannot list the records folder: \(error.localizedDescription)", at: SourceLocation(file: path))
        }
        let files = names.filter { !$0.hasPrefix(".") && ["json", "yaml", "yml"].contains(($0 as NSString).pathExtension.lowercased()) }
            .sorted { $0.compare($1, options: [.numeric]) == .orderedAscending }
        return files.enumerated().map { i, name in
            let file = (path as NSString).appendingPathComponent(name)
            let data = Result { try DataLoader.load(contentsOf: file, limits: limits) }.mapError {
                $0 as? DocFillError ?? DocFillError("io_error", "\($0)", at: SourceLocation(file: file))
            }
            return BatchRecord(index: i, source: file, data: data)
        }
    }

    /// The whole file, refused as soon as it is over the size limit (not after reading it all).
    private static func readAll(_ path: String, _ limits: DataLimits) throws -> [UInt8] {
        let data: Data
        do {
            let handle = try FileHandle(forReadingFrom: URL(fileURLWithPath: path))
            defer { try? handle.close() }
            data = try handle.read(upToCount: limits.maxBytes == .max ? .max : limits.maxBytes + 1) ?? Data()
        } catch {
            throw DocFillError("io_error", "cannot read the records: \(error.localizedDescription)", at: SourceLocation(file: path))
        }
        guard data.count <= limits.maxBytes else {
            throw DocFillError("data_too_large", "the records file is larger than \(limits.maxBytes) bytes", at: SourceLocation(file: path))
        }
        return [UInt8](data)
    }
}
