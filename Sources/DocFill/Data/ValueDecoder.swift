import Foundation

/// Decodes a `Decodable` model straight from a `Value` tree, with the results and errors
/// `JSONDecoder` (default options) gives for the value's JSON text (`jsonBytes()`): the same
/// DecodingError cases, types and coding paths, so `Value.describe` prints the same message.
/// It saves writing the JSON text and scanning it again, about half of a report's decoding.
///
/// JSONDecoder's rules, followed here:
/// - JSON has no non-finite numbers: a non-finite `.double` is written, and so read, as null;
/// - a number reads as any numeric type it fits exactly (`2.0` as an `Int`, `3` as a
///   `Double`); one that does not fit (`2.5` or `300` as an `Int8`) fails the whole decoding
///   with "The given data was not valid JSON." unless the model catches the error;
/// - `Bool` never reads null as "not found": null is a type mismatch there;
/// - decoding past the end of a list finds nothing; `decodeIfPresent` there gives nil.
///
/// JSONDecoder reads `Date`, `Data`, `URL`, `Decimal`, `Float` and 128-bit integers with rules
/// of their own (from the number's text, base64…), and integers from doubles of 2^53 and
/// beyond through `Decimal`. Rather than copying those rules, meeting one of them gives up:
/// `decode` returns nil and the caller decodes through JSON.
enum ValueDecoder {
    /// The model, or nil when the value needs JSONDecoder's own rules (see above).
    static func decode<T: Decodable>(_ type: T.Type, from value: Value) throws -> T? {
        let run = DecodingRun()
        do {
            let result = try run.unwrap(value, as: type, at: nil)
            return run.needsJSON ? nil : result
        } catch {
            // The model may have caught the give-up error and thrown another.
            if run.needsJSON { return nil }
            if error is NotRepresentable {
                throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "The given data was not valid JSON."))
            }
            throw error
        }
    }
}

/// A number that does not fit the type asked for: JSONDecoder's `JSONError`, which it turns
/// into "not valid JSON" when it reaches the top.
struct NotRepresentable: Error {}

/// Thrown when a type needs JSONDecoder's own rules; the run remembers it even if the model
/// catches the error (`try?`).
private struct NeedsJSON: Error {}

/// One decoding: the shared state, and the rules by type.
final class DecodingRun {
    private(set) var needsJSON = false

    /// `value` as `T`, at `path`: the special types by identity, anything else by its own
    /// `init(from:)`.
    func unwrap<T: Decodable>(_ value: Value, as type: T.Type, at path: CodingPathNode?) throws -> T {
        let value = value.asJSON
        switch ObjectIdentifier(T.self) {
        case ObjectIdentifier(String.self): return try string(value, at: path) as! T
        case ObjectIdentifier(Int.self): return try integer(value, as: Int.self, at: path) as! T
        case ObjectIdentifier(Bool.self): return try bool(value, at: path) as! T
        case ObjectIdentifier(Double.self): return try double(value, at: path) as! T
        case ObjectIdentifier(Int8.self): return try integer(value, as: Int8.self, at: path) as! T
        case ObjectIdentifier(Int16.self): return try integer(value, as: Int16.self, at: path) as! T
        case ObjectIdentifier(Int32.self): return try integer(value, as: Int32.self, at: path) as! T
        case ObjectIdentifier(Int64.self): return try integer(value, as: Int64.self, at: path) as! T
        case ObjectIdentifier(UInt.self): return try integer(value, as: UInt.self, at: path) as! T
        case ObjectIdentifier(UInt8.self): return try integer(value, as: UInt8.self, at: path) as! T
        case ObjectIdentifier(UInt16.self): return try integer(value, as: UInt16.self, at: path) as! T
        case ObjectIdentifier(UInt32.self): return try integer(value, as: UInt32.self, at: path) as! T
        case ObjectIdentifier(UInt64.self): return try integer(value, as: UInt64.self, at: path) as! T
        case ObjectIdentifier(Float.self), ObjectIdentifier(Date.self), ObjectIdentifier(Data.self),
             ObjectIdentifier(URL.self), ObjectIdentifier(Decimal.self):
            throw giveUp()
        default:
            if #available(macOS 15, iOS 18, tvOS 18, watchOS 11, visionOS 2, *),
               T.self == Int128.self || T.self == UInt128.self {
                throw giveUp()
            }
            return try T(from: ValueDecoderImpl(run: self, value: value, path: path))
        }
    }

    private func giveUp() -> NeedsJSON {
        needsJSON = true
        return NeedsJSON()
    }

    private func string(_ value: Value, at path: CodingPathNode?) throws -> String {
        switch value {
        case .string(let s): return s
        case .null: throw notFound(String.self, path)
        default: throw mismatch(String.self, value, path)
        }
    }

    private func bool(_ value: Value, at path: CodingPathNode?) throws -> Bool {
        guard case .bool(let b) = value else { throw mismatch(Bool.self, value, path) }
        return b
    }

    private func double(_ value: Value, at path: CodingPathNode?) throws -> Double {
        switch value {
        case .int(let i): return Double(i)    // the nearest, as parsing the digits gives
        case .double(let d): return d         // finite here; its text reads back exactly
        case .null: throw notFound(Double.self, path)
        default: throw mismatch(Double.self, value, path)
        }
    }

    private func integer<I: FixedWidthInteger>(_ value: Value, as type: I.Type, at path: CodingPathNode?) throws -> I {
        switch value {
        case .int(let i):
            guard let n = I(exactly: i) else { throw NotRepresentable() }
            return n
        case .double(let d):
            // A double's text always has a point or an exponent, so JSONDecoder converts it
            // exactly, and below 2^53 trusts the result.
            guard let n = I(exactly: d) else { throw NotRepresentable() }
            guard d.magnitude < 0x1p53 else { throw giveUp() }
            return n
        case .null: throw notFound(I.self, path)
        default: throw mismatch(I.self, value, path)
        }
    }

    func notFound(_ type: Any.Type, _ path: CodingPathNode?) -> DecodingError {
        .valueNotFound(type, .init(codingPath: path.codingPath,
                                   debugDescription: "Cannot get value of type \(type) -- found null value instead"))
    }

    func mismatch(_ type: Any.Type, _ value: Value, _ path: CodingPathNode?) -> DecodingError {
        .typeMismatch(type, .init(codingPath: path.codingPath,
                                  debugDescription: "Expected to decode \(type) but found \(value.jsonKind) instead."))
    }
}

extension Value {
    /// The value as its JSON text reads back: non-finite numbers are written as null.
    var asJSON: Value {
        if case .double(let d) = self, !d.isFinite { return .null }
        return self
    }

    /// How JSONDecoder names the kind of a value in its messages.
    var jsonKind: String {
        switch self {
        case .null: return "null"
        case .bool: return "bool"
        case .int, .double: return "number"
        case .string: return "string"
        case .array: return "array"
        case .object: return "dictionary"
        }
    }
}

/// A coding path as a linked list: a key is added per value decoded, and the array a
/// `codingPath` needs is only built when asked for (mostly for errors).
final class CodingPathNode {
    let parent: CodingPathNode?
    let key: any CodingKey

    init(_ parent: CodingPathNode?, _ key: any CodingKey) { self.parent = parent; self.key = key }
}

extension Optional where Wrapped == CodingPathNode {
    var codingPath: [any CodingKey] {
        var keys: [any CodingKey] = [], node = self
        while let n = node { keys.append(n.key); node = n.parent }
        return keys.reversed()
    }

    func appending(_ key: any CodingKey) -> CodingPathNode { CodingPathNode(self, key) }
}

/// JSONDecoder's keys for list items ("Index 3") and for `superDecoder()` ("super").
struct ValueCodingKey: CodingKey {
    var stringValue: String
    var intValue: Int?

    init(stringValue: String) { self.stringValue = stringValue }
    init(intValue: Int) { self.stringValue = "Index \(intValue)"; self.intValue = intValue }

    static let `super` = ValueCodingKey(stringValue: "super")
}
