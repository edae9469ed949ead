import Foundation
import Testing
@testable import DocFill

@Suite struct ValueEncoderTests {
    struct Line: Encodable { var item: String; var quantity: Int; var price: Double }
    struct Customer: Encodable { var name: String; var vip: Bool; var email: String? }
    struct Invoice: Encodable {
        var number: Int
        var customer: Customer
        var lines: [Line]
        var note: String?
    }

    enum Status: String, Encodable { case paid, open }
    enum Priority: Int, Encodable { case low = 1, high = 3 }
    enum Payment: Encodable { case cash, card(last4: String), transfer(String, days: Int) }

    private func encode<T: Encodable>(_ v: T) throws -> Value { try ValueEncoder().encode(v) }

    @Test func nestedStructsAndArraysOfStructs() throws {
        let invoice = Invoice(number: 7, customer: Customer(name: "Ada", vip: true, email: nil),
                              lines: [Line(item: "Pen", quantity: 2, price: 1.5),
                                      Line(item: "Ink", quantity: 1, price: 4)],
                              note: nil)
        #expect(try encode(invoice) == .object([
            "number": .int(7),
            "customer": .object(["name": .string("Ada"), "vip": .bool(true), "email": .null]),
            "lines": .array([
                .object(["item": .string("Pen"), "quantity": .int(2), "price": .double(1.5)]),
                .object(["item": .string("Ink"), "quantity": .int(1), "price": .double(4)]),
            ]),
            "note": .null,
        ]))
    }

    @Test func nilOptionalsAreNullAndPresentOnesKept() throws {
        let v = try encode(Customer(name: "B", vip: false, email: "b@example.org"))
        #expect(v["email"] == .string("b@example.org"))
        // Present as null, so a template sees an empty value rather than a missing name.
        #expect(try encode(Customer(name: "B", vip: false, email: nil))["email"] == .null)
        struct Widths: Encodable { var a: Int8?; var b: UInt64?; var c: Float?; var d: [Int]? }
        #expect(try encode(Widths()) == .object(["a": .null, "b": .null, "c": .null, "d": .null]))
        #expect(try encode([1, nil, 3] as [Int?]) == .array([.int(1), .null, .int(3)]))
    }

    @Test func enumsWithRawValuesAndAssociatedValues() throws {
        #expect(try encode(["s": Status.paid]) == .object(["s": .string("paid")]))
        #expect(try encode([Priority.high, .low]) == .array([.int(3), .int(1)]))
        // Synthesised Codable for associated values uses nested keyed and unkeyed containers.
        #expect(try encode(Payment.card(last4: "4242")) == .object(["card": .object(["last4": .string("4242")])]))
        #expect(try encode(Payment.transfer("IBAN", days: 30))
                == .object(["transfer": .object(["_0": .string("IBAN"), "days": .int(30)])]))
        #expect(try encode(Payment.cash) == .object(["cash": .object([:])]))
    }

    @Test func datesAreISO8601InUTC() throws {
        // 2024-02-29 00:00:00 UTC: a date-only value.
        #expect(try encode(Date(timeIntervalSince1970: 1_709_164_800)) == .string("2024-02-29"))
        #expect(try encode(Date(timeIntervalSince1970: 1_709_164_800 + 13 * 3600 + 5 * 60 + 9.75))
                == .string("2024-02-29T13:05:09Z"))
        #expect(try encode(Date(timeIntervalSince1970: -1)) == .string("1969-12-31T23:59:59Z"))
        #expect(try encode(Date(timeIntervalSince1970: 0)) == .string("1970-01-01"))
        #expect(try encode(Date(timeIntervalSince1970: 951_782_400)) == .string("2000-02-29"))
    }

    @Test func numbersOfEveryWidth() throws {
        struct Widths: Encodable {
            var i8: Int8 = -8, i16: Int16 = 16, i32: Int32 = -32, i64: Int64 = .max
            var u8: UInt8 = 8, u16: UInt16 = 16, u32: UInt32 = 32, u64: UInt64 = 64, u: UInt = 1
            var f: Float = 0.1, d: Double = 2.5
        }
        let v = try encode(Widths())
        #expect(v["i8"] == .int(-8) && v["i16"] == .int(16) && v["i32"] == .int(-32))
        #expect(v["i64"] == .int(Int(Int64.max)) && v["u8"] == .int(8) && v["u64"] == .int(64) && v["u"] == .int(1))
        #expect(v["f"] == .double(0.1))    // not 0.10000000149011612
        #expect(v["d"] == .double(2.5))
        #expect(try encode(Decimal(string: "12.34")!) == .double(12.34))
        #expect(try encode(URL(string: "https://example.org/a?b=1")!) == .string("https://example.org/a?b=1"))
        #expect(try encode(Data([1, 2, 3])) == .string("AQID"))
        if #available(macOS 15, iOS 18, tvOS 18, watchOS 11, visionOS 2, *) {
            #expect(try encode([Int128(-5)]) == .array([.int(-5)]))
            #expect(#expect(throws: DocFillError.self) { try encode(UInt128.max) }?.code == "invalid_data")
        }
    }

    @Test func unrepresentableNumbersAreInvalidData() throws {
        struct Price: Encodable { var amounts: [Double] }
        let e = #expect(throws: DocFillError.self) { try encode(["total": Price(amounts: [1, .nan])]) }
        #expect(e?.code == "invalid_data")
        #expect(e?.description.contains("total.amounts[1]") == true)
        #expect(#expect(throws: DocFillError.self) { try encode(UInt64.max) }?.code == "invalid_data")
        #expect(#expect(throws: DocFillError.self) { try encode(Float.infinity) }?.code == "invalid_data")
    }

    @Test func superEncoderAndManualContainers() throws {
        class Base: Encodable {
            var id = 1
            private enum CodingKeys: String, CodingKey { case id }
            func encode(to encoder: any Encoder) throws {
                var c = encoder.container(keyedBy: CodingKeys.self); try c.encode(id, forKey: .id)
            }
        }
        final class Derived: Base {
            var label = "x"
            private enum CodingKeys: String, CodingKey { case label, extra }
            override func encode(to encoder: any Encoder) throws {
                var c = encoder.container(keyedBy: CodingKeys.self)
                try c.encode(label, forKey: .label)
                try super.encode(to: c.superEncoder())
                var list = c.nestedUnkeyedContainer(forKey: .extra)
                try list.encodeNil()
                var inner = list.nestedContainer(keyedBy: CodingKeys.self)
                try inner.encode(true, forKey: .label)
                try super.encode(to: list.superEncoder())
            }
        }
        #expect(try encode(Derived()) == .object([
            "label": .string("x"),
            "super": .object(["id": .int(1)]),
            "extra": .array([.null, .object(["label": .bool(true)]), .object(["id": .int(1)])]),
        ]))
    }

    @Test func topLevelScalarsDictionariesAndNFC() throws {
        // Swift's == ignores normalisation, so compare the UTF-8 bytes.
        #expect(try encode("e\u{301}").scalarText.map { Array($0.utf8) } == [0xC3, 0xA9])
        guard case .object(let o) = try encode(["cafe\u{301}": "\u{301}x"]) else { Issue.record("not an object"); return }
        #expect(o.keys.map { Array($0.utf8) } == [Array("caf\u{E9}".utf8)])
        #expect(o.values.first?.scalarText.map { Array($0.utf8) } == [0xCC, 0x81, 0x78])    // nothing to compose with
        #expect(try encode(Optional<Int>.none) == .null)
        #expect(try encode(Data([1, 2, 3])) == .string("AQID"))
    }
}
