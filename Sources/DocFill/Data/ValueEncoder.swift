import Foundation

/// Turns any `Encodable` into a `Value` tree directly (no JSON round trip, so integers stay
/// `.int`, doubles stay `.double` and nothing is lost to text).
///
/// Conventions, chosen to match what a template author expects to print:
/// - `Date` → `"yyyy-MM-dd"` when it falls exactly on midnight UTC (the usual way a
///   date-only value is stored), else `"yyyy-MM-dd'T'HH:mm:ss'Z'"` in UTC; fractional
///   seconds are dropped.
/// - `URL` → its absolute string; `Decimal`, `Float`, `Double` → `.double` (a `Float` goes
///   through its shortest decimal text, so `0.1` stays `0.1`); `Data` → base64 text.
/// - Integers of every width → `.int`; a `UInt64` above `Int.max` and any non-finite number
///   are refused with `invalid_data`.
/// - `nil` optionals become `null` (JSONEncoder leaves them out): for a template an absent
///   optional is an empty value, not a missing name. Text is put in NFC.
public struct ValueEncoder {
    /// Makes an encoder; it has no settings, since the rules above are the template's.
    public init() {}

    /// Encodes `value` into the tree a template reads, or throws `invalid_data` for a number the rules refuse.
    public func encode<T: Encodable>(_ value: T) throws -> Value {
        let root = Slot()
        try root.store(value, path: [])
        return root.value
    }
}

/// One place in the tree being built. Containers hand out child slots rather than values
/// because Codable lets a nested container or super-encoder be written after the call that
/// created it returns.
private final class Slot {
    enum Kind { case empty, scalar, object, array }
    var kind = Kind.empty
    var scalar = Value.null
    var object: [String: Slot] = [:]
    var array: [Slot] = []

    /// An encoder that asked for no container at all gives `{}`, as `JSONEncoder` does.
    var value: Value {
        switch kind {
        case .empty: return .object([:])
        case .scalar: return scalar
        case .object: return .object(object.mapValues(\.value))
        case .array: return .array(array.map(\.value))
        }
    }

    func set(_ v: Value) { kind = .scalar; scalar = v }

    func becomeObject() { if kind != .object { kind = .object; object = [:] } }
    func becomeArray() { if kind != .array { kind = .array; array = [] } }

    /// The one funnel every value goes through, so the special types and the number rules
    /// apply the same way in keyed, unkeyed and single-value containers.
    func store<T: Encodable>(_ v: T, path: [any CodingKey]) throws {
        if let special = try specialValue(v, path) {
            set(special)
        } else {
            try v.encode(to: SlotEncoder(slot: self, codingPath: path))
        }
    }
}

/// The value of a type the encoder writes itself, or nil for any other type, which encodes
/// itself. Types are told apart by identity rather than by trying casts: most values that get
/// here are structs and lists, and each failed cast to `any BinaryInteger` looked through the
/// runtime's conformance tables (slow in a statically linked binary). Only the standard
/// integer types count as integers; another `BinaryInteger` encodes itself.
private func specialValue<T: Encodable>(_ v: T, _ path: [any CodingKey]) throws -> Value? {
    switch ObjectIdentifier(T.self) {
    case ObjectIdentifier(String.self): return .string(DataLoader.nfc(v as! String))
    case ObjectIdentifier(Int.self): return .int(v as! Int)
    case ObjectIdentifier(Bool.self): return .bool(v as! Bool)
    case ObjectIdentifier(Double.self): return .double(try finite(v as! Double, path))
    case ObjectIdentifier(Float.self):
        let f = v as! Float
        return .double(try finite(Double("\(f)") ?? Double(f), path))
    case ObjectIdentifier(Int8.self), ObjectIdentifier(Int16.self), ObjectIdentifier(Int32.self),
         ObjectIdentifier(Int64.self), ObjectIdentifier(UInt.self), ObjectIdentifier(UInt8.self),
         ObjectIdentifier(UInt16.self), ObjectIdentifier(UInt32.self), ObjectIdentifier(UInt64.self):
        return try integer(v as! any BinaryInteger, path)
    case ObjectIdentifier(Date.self): return .string(try isoText(v as! Date, path))
    case ObjectIdentifier(URL.self): return .string(DataLoader.nfc((v as! URL).absoluteString))
    case ObjectIdentifier(Decimal.self): return .double(try finite(Double((v as! Decimal).description) ?? .nan, path))
    case ObjectIdentifier(Data.self): return .string((v as! Data).base64EncodedString())
    default:
        if #available(macOS 15, iOS 18, tvOS 18, watchOS 11, visionOS 2, *),
           T.self == Int128.self || T.self == UInt128.self {
            return try integer(v as! any BinaryInteger, path)
        }
        return nil
    }
}

private func integer(_ i: any BinaryInteger, _ path: [any CodingKey]) throws -> Value {
    guard let n = Int(exactly: i) else { throw invalid("integer \(i) is too large", path) }
    return .int(n)
}

private func finite(_ d: Double, _ path: [any CodingKey]) throws -> Double {
    guard d.isFinite else { throw invalid("\(d) is not a finite number", path) }
    return d
}

private func invalid(_ what: String, _ path: [any CodingKey]) -> DocFillError {
    let place = path.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
    let at = place.isEmpty ? "" : " at \(place.hasPrefix(".") ? String(place.dropFirst()) : place)"
    return DocFillError("invalid_data", "cannot encode the data\(at): \(what)")
}

/// ISO 8601 in UTC, computed by hand (proleptic Gregorian, days-from-civil inverted) so it
/// needs no formatter object, which is neither cheap nor Sendable.
private func isoText(_ date: Date, _ path: [any CodingKey]) throws -> String {
    let t = date.timeIntervalSince1970.rounded(.down)
    guard let secs = Int(exactly: t) else { throw invalid("date \(date) is out of range", path) }
    let (days, rem) = (secs >= 0 ? secs / 86_400 : (secs + 1) / 86_400 - 1, ((secs % 86_400) + 86_400) % 86_400)
    let z = days + 719_468
    let era = (z >= 0 ? z : z - 146_096) / 146_097
    let doe = z - era * 146_097
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
    let mp = (5 * doy + 2) / 153
    let day = doy - (153 * mp + 2) / 5 + 1
    let month = mp < 10 ? mp + 3 : mp - 9
    let year = yoe + era * 400 + (month <= 2 ? 1 : 0)
    func pad(_ n: Int, _ w: Int) -> String {
        let s = String(abs(n)); return (n < 0 ? "-" : "") + String(repeating: "0", count: max(0, w - s.count)) + s
    }
    let ymd = "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    if rem == 0 { return ymd }
    return ymd + "T\(pad(rem / 3600, 2)):\(pad(rem / 60 % 60, 2)):\(pad(rem % 60, 2))Z"
}

private struct IndexKey: CodingKey {
    var intValue: Int?
    var stringValue: String { intValue.map(String.init) ?? "super" }
    init(_ i: Int?) { intValue = i }
    init?(intValue: Int) { self.intValue = intValue }
    init?(stringValue: String) { return nil }
}

private struct SlotEncoder: Encoder {
    let slot: Slot
    var codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        slot.becomeObject()
        return KeyedEncodingContainer(KeyedSlot<Key>(slot: slot, codingPath: codingPath))
    }
    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        slot.becomeArray()
        return UnkeyedSlot(slot: slot, codingPath: codingPath)
    }
    func singleValueContainer() -> any SingleValueEncodingContainer { SingleSlot(slot: slot, codingPath: codingPath) }
}

// The containers implement only the generic `encode`: Swift lets one generic method witness
// all the per-type requirements (Bool, Int8, …), and `Slot.store` sorts the types out.

private struct KeyedSlot<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let slot: Slot
    var codingPath: [any CodingKey]

    private func child(_ key: any CodingKey) -> Slot {
        let name = DataLoader.nfc(key.stringValue)
        if let existing = slot.object[name] { return existing }
        let c = Slot(); slot.object[name] = c; return c
    }
    mutating func encodeNil(forKey key: Key) throws { child(key).set(.null) }
    // Concrete overloads: they skip the dynamic casts of the generic funnel (measurable when
    // a report view with thousands of strings is encoded on every render).
    mutating func encode(_ value: String, forKey key: Key) throws { child(key).set(.string(DataLoader.nfc(value))) }
    mutating func encode(_ value: Bool, forKey key: Key) throws { child(key).set(.bool(value)) }
    mutating func encode(_ value: Int, forKey key: Key) throws { child(key).set(.int(value)) }
    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        try child(key).store(value, path: codingPath + [key])
    }
    // Synthesised Codable skips nil optionals through encodeIfPresent; here they become
    // null instead, so that a template's `{{#closing}}` over an absent optional is "empty",
    // not "missing" (which strict rendering reports as an error).
    private mutating func present<T: Encodable>(_ value: T?, _ key: Key) throws {
        if let value { try encode(value, forKey: key) } else { try encodeNil(forKey: key) }
    }
    mutating func encodeIfPresent(_ v: Bool?, forKey k: Key) throws { try present(v, k) }
    mutating func encodeIfPresent(_ v: String?, forKey k: Key) throws { try present(v, k) }
    mutating func encodeIfPresent(_ v: Double?, forKey k: Key) throws { try present(v, k) }
    mutating func encodeIfPresent(_ v: Float?, forKey k: Key) throws { try present(v, k) }
    mutating func encodeIfPresent(_ v: Int?, forKey k: Key) throws { try present(v, k) }
    mutating func encodeIfPresent(_ v: Int8?, forKey k: Key) throws { try present(v, k) }
    mutating func encodeIfPresent(_ v: Int16?, forKey k: Key) throws { try present(v, k) }
    mutating func encodeIfPresent(_ v: Int32?, forKey k: Key) throws { try present(v, k) }
    mutating func encodeIfPresent(_ v: Int64?, forKey k: Key) throws { try present(v, k) }
    mutating func encodeIfPresent(_ v: UInt?, forKey k: Key) throws { try present(v, k) }
    mutating func encodeIfPresent(_ v: UInt8?, forKey k: Key) throws { try present(v, k) }
    mutating func encodeIfPresent(_ v: UInt16?, forKey k: Key) throws { try present(v, k) }
    mutating func encodeIfPresent(_ v: UInt32?, forKey k: Key) throws { try present(v, k) }
    mutating func encodeIfPresent(_ v: UInt64?, forKey k: Key) throws { try present(v, k) }
    mutating func encodeIfPresent<T: Encodable>(_ v: T?, forKey k: Key) throws { try present(v, k) }
    mutating func nestedContainer<NK: CodingKey>(keyedBy type: NK.Type, forKey key: Key) -> KeyedEncodingContainer<NK> {
        SlotEncoder(slot: child(key), codingPath: codingPath + [key]).container(keyedBy: type)
    }
    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        SlotEncoder(slot: child(key), codingPath: codingPath + [key]).unkeyedContainer()
    }
    mutating func superEncoder() -> any Encoder {
        SlotEncoder(slot: child(IndexKey(nil)), codingPath: codingPath + [IndexKey(nil)])
    }
    mutating func superEncoder(forKey key: Key) -> any Encoder {
        SlotEncoder(slot: child(key), codingPath: codingPath + [key])
    }
}

private struct UnkeyedSlot: UnkeyedEncodingContainer {
    let slot: Slot
    var codingPath: [any CodingKey]
    var count: Int { slot.array.count }

    private func next() -> (Slot, [any CodingKey]) {
        let c = Slot(); let path = codingPath + [IndexKey(slot.array.count)]
        slot.array.append(c); return (c, path)
    }
    mutating func encodeNil() throws { next().0.set(.null) }
    mutating func encode(_ value: String) throws { next().0.set(.string(DataLoader.nfc(value))) }
    mutating func encode<T: Encodable>(_ value: T) throws { let (c, p) = next(); try c.store(value, path: p) }
    mutating func nestedContainer<NK: CodingKey>(keyedBy type: NK.Type) -> KeyedEncodingContainer<NK> {
        let (c, p) = next(); return SlotEncoder(slot: c, codingPath: p).container(keyedBy: type)
    }
    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        let (c, p) = next(); return SlotEncoder(slot: c, codingPath: p).unkeyedContainer()
    }
    mutating func superEncoder() -> any Encoder { let (c, p) = next(); return SlotEncoder(slot: c, codingPath: p) }
}

private struct SingleSlot: SingleValueEncodingContainer {
    let slot: Slot
    var codingPath: [any CodingKey]
    mutating func encodeNil() throws { slot.set(.null) }
    mutating func encode<T: Encodable>(_ value: T) throws { try slot.store(value, path: codingPath) }
}
