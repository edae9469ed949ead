import Foundation
import Testing
@testable import DocFill
import OfficialReport

/// `ValueDecoder` against the reference it replaces, JSONDecoder reading `jsonBytes()`: the
/// same models, and for bad data the same message from `Value.describe`.
@Suite struct ValueDecoderTests {
    /// What a decoding gave: the model, or the message of its error.
    enum Outcome<T: Equatable>: Equatable {
        case decoded(T), failed(String)
    }

    private static func outcome<T: Equatable>(_ body: () throws -> T) -> Outcome<T> {
        do { return .decoded(try body()) } catch let error as DecodingError {
            return .failed(Value.describe(error))
        } catch {
            return .failed("\(type(of: error))")
        }
    }

    /// Both outcomes, and whether ValueDecoder handled the value itself (nil: it gave up).
    private static func both<T: Decodable & Equatable>(_ type: T.Type, _ value: Value) -> (direct: Outcome<T>?, json: Outcome<T>) {
        let json = outcome { try JSONDecoder().decode(type, from: Data(value.jsonBytes())) }
        var gaveUp = false
        let direct = outcome { () -> T in
            guard let decoded = try ValueDecoder.decode(type, from: value) else { gaveUp = true; throw CancellationError() }
            return decoded
        }
        return (gaveUp ? nil : direct, json)
    }

    static let samples = ["pho-hoa-2023.yaml", "ubnd-pho-hoa-2025.yaml", "pho-hoa-2024.yaml"]
        .map { TestPaths.repo.appendingPathComponent("Samples/\($0)").path }

    @Test(arguments: samples)
    func samplesDecodeAlike(_ path: String) throws {
        let value = try DataLoader.load(contentsOf: path)
        let (direct, json) = Self.both(Report.self, value)
        guard case .decoded = json else { Issue.record("the sample does not decode: \(json)"); return }
        #expect(direct == json)
    }

    /// One value of the tree replaced by another kind (or removed), many times over: each
    /// decodes to the same report or fails with the same message.
    @Test func damagedReportsFailAlike() throws {
        Self.expectDamagedAlike(Report.self, try DataLoader.load(contentsOf: Self.samples[0]), seed: 30, times: 600)
    }

    /// `value` with one place replaced by another kind (or removed), `times` times over: both
    /// decoders give the same model or the same message.
    static func expectDamagedAlike<T: Decodable & Equatable>(_ type: T.Type, _ value: Value, seed: UInt64, times: Int) {
        var rng = PropertyTests.SeededRandom(seed: seed)
        let paths = DamagedValues.paths(in: value)
        for _ in 0..<times {
            let damaged = DamagedValues.damage(value, at: paths.randomElement(using: &rng)!, using: &rng)
            let (direct, json) = both(type, damaged)
            guard direct == json else {
                Issue.record("\(damaged): ValueDecoder: \(String(describing: direct)); JSONDecoder: \(json)")
                return
            }
        }
    }

    @Test func messagesNameThePlace() throws {
        var sample = try DataLoader.load(contentsOf: Self.samples[0])
        guard case .object(var top) = sample else { Issue.record("not an object"); return }
        top["issuer"] = nil
        sample = .object(top)
        #expect(Self.both(Report.self, sample).direct == .failed("missing 'issuer'"))
        top["issuer"] = .string("x")
        #expect(Self.both(Report.self, .object(top)).direct == .failed("issuer: expected Dictionary<String, Any>"))
        top["kind"] = .string("church")
        #expect(Self.both(Report.self, .object(top)).direct
                == .failed("kind: Cannot initialize ReportKind from invalid String value church"))
    }

    /// A model using every kind of container and number, damaged the same way.
    @Test func everyContainerAndNumberKindAlike() throws {
        let value = try ValueEncoder().encode(Everything.example)
        #expect(Self.both(Everything.self, value).direct == .decoded(Everything.example))
        Self.expectDamagedAlike(Everything.self, value, seed: 31, times: 2_000)
    }

    /// Types with JSONDecoder rules of their own are left to it.
    @Test func foundationTypesGoThroughJSON() throws {
        struct Stamped: Codable, Equatable { var at: Date; var price: Decimal; var ratio: Float; var link: URL; var blob: Data }
        let value = try ValueEncoder().encode(["at": 0.0, "price": 1.25, "ratio": 0.5])
        #expect(try ValueDecoder.decode(Stamped.self, from: value) == nil)
        struct Big: Codable, Equatable { var n: Int }
        #expect(try ValueDecoder.decode(Big.self, from: .object(["n": .double(0x1p60)])) == nil)
        let full: Value = .object(["at": .int(5), "price": .double(1.25), "ratio": .double(0.1),
                                   "link": .string("https://example.org"), "blob": .string("AQID")])
        #expect(try full.decode(Stamped.self) == (try JSONDecoder().decode(Stamped.self, from: Data(full.jsonBytes()))))
    }
}

/// A model with nested, unkeyed and super containers, optionals, dictionaries, raw-value
/// enums and numbers of every width.
private struct Everything: Decodable, Equatable {
    enum Colour: String, Codable { case red, green }
    var small: Int8, big: UInt64, real: Double, flag: Bool, note: String?
    var list: [Int?], table: [String: Int], colours: [Colour]
    var pair: [String]    // from a nested unkeyed container
    var inner: Int        // from a nested keyed container
    var base: String      // from superDecoder()
    var tail: [Int?]      // unkeyed decodeIfPresent past the end, then decodeNil

    static let example = Everything(small: -8, big: 64, real: 2.5, flag: true, note: "n", list: [1, nil, 3],
                                    table: ["a": 1], colours: [.red, .green], pair: ["x", "y"], inner: 7,
                                    base: "b", tail: [1, nil])

    enum Keys: String, CodingKey { case small, big, real, flag, note, list, table, colours, pair, nested, inner, `super`, tail }

    init(small: Int8, big: UInt64, real: Double, flag: Bool, note: String?, list: [Int?], table: [String: Int],
         colours: [Colour], pair: [String], inner: Int, base: String, tail: [Int?]) {
        (self.small, self.big, self.real, self.flag, self.note, self.list) = (small, big, real, flag, note, list)
        (self.table, self.colours, self.pair, self.inner, self.base, self.tail) = (table, colours, pair, inner, base, tail)
    }

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: Keys.self)
        small = try c.decode(Int8.self, forKey: .small)
        big = try c.decode(UInt64.self, forKey: .big)
        real = try c.decode(Double.self, forKey: .real)
        flag = try c.decode(Bool.self, forKey: .flag)
        note = try c.decodeIfPresent(String.self, forKey: .note)
        list = try c.decode([Int?].self, forKey: .list)
        table = try c.decode([String: Int].self, forKey: .table)
        colours = try c.decode([Colour].self, forKey: .colours)
        var p = try c.nestedUnkeyedContainer(forKey: .pair)
        pair = [try p.decode(String.self), try p.decode(String.self)]
        inner = try c.nestedContainer(keyedBy: Keys.self, forKey: .nested).decode(Int.self, forKey: .inner)
        base = try String(from: c.superDecoder())
        var t = try c.nestedUnkeyedContainer(forKey: .tail)
        tail = []
        while !t.isAtEnd { tail.append(try t.decodeIfPresent(Int.self)) }
        _ = try t.decodeIfPresent(Int.self)    // past the end: nil
        _ = try? t.decodeNil()                 // past the end: an error, caught
    }
}

extension Everything: Encodable {
    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Keys.self)
        try c.encode(small, forKey: .small); try c.encode(big, forKey: .big); try c.encode(real, forKey: .real)
        try c.encode(flag, forKey: .flag); try c.encode(note, forKey: .note); try c.encode(list, forKey: .list)
        try c.encode(table, forKey: .table); try c.encode(colours, forKey: .colours); try c.encode(pair, forKey: .pair)
        var n = c.nestedContainer(keyedBy: Keys.self, forKey: .nested); try n.encode(inner, forKey: .inner)
        try c.encode(base, forKey: .super); try c.encode(tail, forKey: .tail)
    }
}

/// Random damage to a value tree: one value replaced by another kind, or removed.
enum DamagedValues {
    enum Step: Hashable { case key(String), index(Int) }

    static func paths(in value: Value, at path: [Step] = []) -> [[Step]] {
        switch value {
        case .object(let o): return [path] + o.flatMap { paths(in: $0.value, at: path + [.key($0.key)]) }
        case .array(let a): return [path] + a.indices.flatMap { paths(in: a[$0], at: path + [.index($0)]) }
        default: return [path]
        }
    }

    static let replacements: [Value?] = [
        nil, .null, .bool(true), .int(2), .int(300), .int(-1), .double(2.5), .double(2.0), .double(.nan), .double(1e20),
        .string("x"), .string("2023"), .array([]), .array([.int(1), .null]), .object([:]), .object(["text": .string("t")]),
    ]

    static func damage(_ value: Value, at path: [Step], using rng: inout PropertyTests.SeededRandom) -> Value {
        let replacement = replacements.randomElement(using: &rng)!
        return replaced(value, path[...], with: replacement) ?? .null
    }

    /// `value` with the value at `path` replaced (nil: removed from its object or list).
    private static func replaced(_ value: Value, _ path: ArraySlice<Step>, with new: Value?) -> Value? {
        guard let step = path.first else { return new }
        switch (value, step) {
        case (.object(var o), .key(let k)):
            o[k] = replaced(o[k]!, path.dropFirst(), with: new)
            return .object(o)
        case (.array(var a), .index(let i)):
            if let v = replaced(a[i], path.dropFirst(), with: new) { a[i] = v } else { a.remove(at: i) }
            return .array(a)
        default:
            return value
        }
    }
}
