/// The `Decoder` and containers of `ValueDecoder`. Each decodes through `DecodingRun.unwrap`,
/// and throws the errors JSONDecoder throws in the same place (same case, type and path).
struct ValueDecoderImpl: Decoder, SingleValueDecodingContainer {
    let run: DecodingRun
    let value: Value
    let path: CodingPathNode?

    var codingPath: [any CodingKey] { path.codingPath }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        switch value {
        case .object(let object): return KeyedDecodingContainer(KeyedValues<Key>(run: run, object: object, path: path))
        case .null:
            throw DecodingError.valueNotFound([String: Any].self, .init(
                codingPath: codingPath, debugDescription: "Cannot get keyed decoding container -- found null value instead"))
        default: throw run.mismatch([String: Any].self, value, path)
        }
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        switch value {
        case .array(let items): return UnkeyedValues(run: run, items: items, path: path)
        case .null:
            throw DecodingError.valueNotFound([Any].self, .init(
                codingPath: codingPath, debugDescription: "Cannot get unkeyed decoding container -- found null value instead"))
        default: throw run.mismatch([Any].self, value, path)
        }
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer { self }

    func decodeNil() -> Bool { value == .null }

    // One generic method witnesses every per-type requirement; `unwrap` sorts the types out.
    func decode<T: Decodable>(_ type: T.Type) throws -> T { try run.unwrap(value, as: type, at: path) }
}

private struct KeyedValues<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let run: DecodingRun
    let object: [String: Value]
    let path: CodingPathNode?

    var codingPath: [any CodingKey] { path.codingPath }
    var allKeys: [Key] { object.keys.compactMap { Key(stringValue: $0) } }

    func contains(_ key: Key) -> Bool { object[key.stringValue] != nil }

    private func value(_ key: some CodingKey) throws -> Value {
        guard let value = object[key.stringValue] else {
            throw DecodingError.keyNotFound(key, .init(
                codingPath: codingPath, debugDescription: "No value associated with key \(key) (\"\(key.stringValue)\")."))
        }
        return value.asJSON
    }

    func decodeNil(forKey key: Key) throws -> Bool { try value(key) == .null }

    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
        try run.unwrap(try value(key), as: type, at: path.appending(key))
    }

    func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? {
        guard let value = object[key.stringValue]?.asJSON, value != .null else { return nil }
        return try run.unwrap(value, as: type, at: path.appending(key))
    }

    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
        try ValueDecoderImpl(run: run, value: try value(key), path: path.appending(key)).container(keyedBy: type)
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        try ValueDecoderImpl(run: run, value: try value(key), path: path.appending(key)).unkeyedContainer()
    }

    // A missing key gives a decoder of null, as in JSONDecoder.
    func superDecoder() throws -> any Decoder { decoder(ValueCodingKey.super) }
    func superDecoder(forKey key: Key) throws -> any Decoder { decoder(key) }

    private func decoder(_ key: some CodingKey) -> ValueDecoderImpl {
        ValueDecoderImpl(run: run, value: (try? value(key)) ?? .null, path: path.appending(key))
    }
}

private struct UnkeyedValues: UnkeyedDecodingContainer {
    let run: DecodingRun
    let items: [Value]
    let path: CodingPathNode?
    var currentIndex = 0

    var codingPath: [any CodingKey] { path.codingPath }
    var count: Int? { items.count }
    var isAtEnd: Bool { currentIndex >= items.count }

    private var itemPath: CodingPathNode { path.appending(ValueCodingKey(intValue: currentIndex)) }

    /// The next item; past the end, JSONDecoder's "not found" for the type asked for.
    private func next(_ type: Any.Type) throws -> Value {
        guard !isAtEnd else {
            throw DecodingError.valueNotFound(type, .init(codingPath: (itemPath as CodingPathNode?).codingPath, debugDescription: "Unkeyed container is at end."))
        }
        return items[currentIndex].asJSON
    }

    mutating func decodeNil() throws -> Bool {
        guard try next(Never.self) == .null else { return false }
        currentIndex += 1
        return true
    }

    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
        let result = try run.unwrap(try next(type), as: type, at: itemPath)
        currentIndex += 1
        return result
    }

    mutating func decodeIfPresent<T: Decodable>(_ type: T.Type) throws -> T? {
        // Past the end too, the index moves on (JSONDecoder's order); not after an error.
        guard !isAtEnd, case let value = items[currentIndex].asJSON, value != .null else {
            currentIndex += 1
            return nil
        }
        let result = try run.unwrap(value, as: type, at: itemPath)
        currentIndex += 1
        return result
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> {
        let value = try next(KeyedDecodingContainer<NestedKey>.self)
        let container = try ValueDecoderImpl(run: run, value: value, path: itemPath).container(keyedBy: type)
        currentIndex += 1
        return container
    }

    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
        let value = try next((any UnkeyedDecodingContainer).self)
        let container = try ValueDecoderImpl(run: run, value: value, path: itemPath).unkeyedContainer()
        currentIndex += 1
        return container
    }

    mutating func superDecoder() throws -> any Decoder {
        let decoder = ValueDecoderImpl(run: run, value: try next((any Decoder).self), path: itemPath)
        currentIndex += 1
        return decoder
    }
}
