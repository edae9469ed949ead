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

    /// Makes a record; ``BatchRecords`` makes them from a file or folder.
    public init(index: Int, source: String, data: Result<Value, DocFillError>) {
        self.index = index; self.source = source; self.data = data
    }
}

// Reading records is part of the `Batch` namespace (`Batch.records(from:)` beside
// `Batch.run`) rather than an enum of its own: one name for the feature.
extension Batch {
    /// Every record of a batch, read and parsed now, in order (see `BatchRecords` for the
    /// forms of records and the limits): for a few records held in memory. `Batch.run` over
    /// `BatchRecords` reads them one at a time instead.
    public static func records(from path: String, limits: DataLimits = .init(),
                               records: RecordsLimits = .init()) throws -> [BatchRecord] {
        let all = try BatchRecords(contentsOf: path, limits: limits, records: records)
        return (0..<all.count).map(all.record)
    }
}
