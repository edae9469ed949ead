import Foundation
import Testing
@testable import DocFill

@Suite struct DataLoaderTests {
    private func json(_ text: String, limits: DataLimits = .init()) throws -> Value {
        try DataLoader.loadJSON(Array(text.utf8), file: "d.json", limits: limits)
    }
    private func yaml(_ text: String, limits: DataLimits = .init()) throws -> Value {
        try DataLoader.loadYAML(text, file: "d.yaml", limits: limits)
    }
    /// The error a load throws, for checking its code and place.
    private func failure(_ body: () throws -> Value) -> Diagnostic? {
        #expect(throws: DocFillError.self) { _ = try body() }?.diagnostics.first
    }
    private func limits(depth: Int = 512, bytes: Int = 256 << 20) -> DataLimits {
        var l = DataLimits(); l.maxDepth = depth; l.maxBytes = bytes; return l
    }
    /// Every key and string in a tree, as UTF-8 bytes (Swift's == would hide NFD vs NFC).
    private func texts(_ v: Value) -> [[UInt8]] {
        switch v {
        case .string(let s): return [Array(s.utf8)]
        case .array(let a): return a.flatMap(texts)
        case .object(let o): return o.flatMap { [Array($0.key.utf8)] + texts($0.value) }
        default: return []
        }
    }

    // MARK: Typing

    @Test func jsonScalarsKeepTheirTypes() throws {
        let v = try json(#"{"i": 1, "d": 1.5, "e": 1e2, "t": true, "f": false, "s": "05", "n": null, "neg": -0, "big": 12345678901234567890, "l": [1, "x"]}"#)
        #expect(v == .object([
            "i": .int(1), "d": .double(1.5), "e": .double(100), "t": .bool(true), "f": .bool(false),
            "s": .string("05"), "n": .null, "neg": .int(0), "big": .string("12345678901234567890"),
            "l": .array([.int(1), .string("x")]),
        ]))
        #expect(try json(" \"top\" ") == .string("top"))
        #expect(try DataLoader.loadJSON([0xEF, 0xBB, 0xBF] + Array("[]".utf8), file: "bom.json") == .array([]))
    }

    @Test func jsonEscapes() throws {
        #expect(try json(#"["a\"b\\c\/d\n\t", "\u00e9", "\ud83d\ude00", "\u0001"]"#)
                == .array([.string("a\"b\\c/d\n\t"), .string("é"), .string("😀"), .string("\u{1}")]))
    }

    @Test func yamlScalarsFollowTheCoreSchema() throws {
        let v = try yaml("""
            i: 1
            d: 1.5
            t: true
            q: "05"
            z: 05
            n: null
            tilde: ~
            empty:
            yes_word: yes
            country: NO
            date: 2024-01-02
            hex: 0x1F
            sci: 1e3
            tagged: !!str 12
            1: number key
            true: bool key
            list: [1, two, 3.0]
            """)
        #expect(v == .object([
            "i": .int(1), "d": .double(1.5), "t": .bool(true), "q": .string("05"), "z": .int(5),
            "n": .null, "tilde": .null, "empty": .null, "yes_word": .string("yes"), "country": .string("NO"),
            "date": .string("2024-01-02"), "hex": .int(31), "sci": .double(1000), "tagged": .string("12"),
            "1": .string("number key"), "true": .string("bool key"),
            "list": .array([.int(1), .string("two"), .double(3)]),
        ]))
        #expect(try yaml("") == .null)
        #expect(failure { try yaml("x: .inf") }?.code == "invalid_data")
    }

    @Test func yamlLineEndingsTabsAndDocumentMarkers() throws {
        #expect(try yaml("a: 1\r\nb:\r\n  - x\r\n  - \"y\"\r\n") == .object(["a": .int(1), "b": .array([.string("x"), .string("y")])]))
        #expect(try yaml("---\nk:\tv # note\n...\n") == .object(["k": .string("v")]))
        #expect(failure { try yaml("a: 1\n---\nb: 2\n") }?.code == "data_syntax")    // one document only
    }

    @Test func yamlMergeKeys() throws {
        let v = try yaml("""
            base: &base {currency: EUR, rate: 1, vat: 20}
            extra: &extra {vat: 5, note: x}
            one:
              <<: *base
              rate: 2
            two:
              <<: [*extra, *base]
            """)
        #expect(v["one"] == .object(["currency": .string("EUR"), "rate": .int(2), "vat": .int(20)]))
        #expect(v["two"] == .object(["currency": .string("EUR"), "rate": .int(1), "vat": .int(5), "note": .string("x")]))
        #expect(failure { try yaml("a:\n  <<: 3\n") }?.code == "data_syntax")
    }

    // MARK: Syntax errors and positions

    @Test func jsonSyntaxErrorHasLineAndColumn() {
        let d = failure { try json("{\n  \"a\": 1,\n  \"b\" 2\n}") }
        #expect(d?.code == "data_syntax")
        #expect(d?.location == SourceLocation(file: "d.json", line: 3, column: 7))
        // Columns count characters, not bytes.
        #expect(failure { try json("[\"é\", x]") }?.location.column == 7)
        #expect(failure { try json("") }?.code == "data_syntax")
        #expect(failure { try json("[1,]") }?.location.column == 4)
        #expect(failure { try json("{\"a\" :\n \"open}") }?.location == SourceLocation(file: "d.json", line: 2, column: 2))
        #expect(failure { try json("[01]") }?.code == "data_syntax")
        #expect(failure { try json("[\"\\ud800\"]") }?.code == "data_syntax")
        #expect(failure { try json("[\"a\tb\"]") }?.code == "data_syntax")
        #expect(failure { try json("[1] [2]") }?.location.column == 5)
        #expect(failure { try json("[1e999]") }?.code == "invalid_data")
    }

    @Test func yamlSyntaxErrorHasLineAndColumn() {
        let d = failure { try yaml("a: 1\nb: [1, 2\nc: 3\n") }
        #expect(d?.code == "data_syntax")
        #expect(d?.location == SourceLocation(file: "d.yaml", line: 3, column: 2))
        #expect(failure { try yaml("a: 1\n b: 2\n") }?.location == SourceLocation(file: "d.yaml", line: 2, column: 3))
        #expect(failure { try yaml("x: 'open\n") }?.code == "data_syntax")
    }

    // MARK: Depth

    @Test(.timeLimit(.minutes(1))) func depthBombsAreRefusedQuickly() {
        let bomb = String(repeating: "[", count: 100_000)
        let clock = ContinuousClock()
        let elapsed = clock.measure {
            let j = failure { try json(bomb) }
            #expect(j?.code == "data_too_deep")
            #expect(j?.location == SourceLocation(file: "d.json", line: 1, column: 513))
            #expect(failure { try yaml(bomb) }?.code == "data_too_deep")
            #expect(failure { try yaml("a: " + String(repeating: "{b: ", count: 100_000)) }?.code == "data_too_deep")
            #expect(failure { try yaml(String(repeating: "- ", count: 100_000) + "x") }?.code == "data_too_deep")
            #expect(failure { try yaml(String(repeating: "[a: ", count: 300) + "x") }?.code == "data_too_deep")
            let indented = (0..<2_000).map { String(repeating: " ", count: $0) + "k:" }.joined(separator: "\n")
            #expect(failure { try yaml(indented) }?.code == "data_too_deep")
        }
        #expect(elapsed < .seconds(5))
    }

    @Test func depthLimitIsExact() throws {
        let ok = String(repeating: "[", count: 512) + String(repeating: "]", count: 512)
        let over = "[" + ok + "]"
        #expect(throws: Never.self) { try json(ok) }
        #expect(throws: Never.self) { try yaml(ok) }
        #expect(failure { try json(over) }?.code == "data_too_deep")
        #expect(failure { try yaml(over) }?.code == "data_too_deep")
        // Block style: three nested mappings pass a limit of 3, a fourth does not.
        #expect(try yaml("a:\n  b:\n    c: 1", limits: limits(depth: 3)) == .object(["a": .object(["b": .object(["c": .int(1)])])]))
        #expect(failure { try yaml("a:\n  b:\n    c:\n      d: 1", limits: limits(depth: 3)) }?.code == "data_too_deep")
        // `key:` then `- item` at the same column is still one level deeper.
        #expect(failure { try yaml("a:\n- b:\n  - c: 1", limits: limits(depth: 4)) }?.code == "data_too_deep")
        #expect(throws: Never.self) { try yaml("a:\n- b:\n  - c: 1", limits: limits(depth: 5)) }
    }

    @Test func yamlScanIsNotFooledByScalarsOrComments() throws {
        let deep = String(repeating: "[", count: 600)
        // Brackets inside quoted, block, plain scalars and comments are not nesting.
        let v = try yaml("""
            q: "\(deep)"
            s: '\(deep) '' \(deep)'
            p: a\(deep)
            c: 1 # \(deep)
            lit: |
              \(deep)
                \(deep)
            multi: "line one
              \(deep)"
            """)
        #expect(v["lit"] == .string("\(deep)\n  \(deep)\n"))
        #expect(v["multi"] == .string("line one \(deep)"))
        // A quote inside a plain scalar's continuation line does not open a string.
        #expect(failure { try yaml("key: abc\n  \"def\nx: " + String(repeating: "[", count: 100_000)) }?.code == "data_too_deep")
        // A tag does not hide what follows. After a flow scalar, libyaml's parser refuses the
        // next '[' before it nests (the bound reads libyaml's own events).
        #expect(failure { try yaml("[a'" + String(repeating: "[", count: 1_000)) }?.code == "data_syntax")
        #expect(failure { try yaml("- !t " + String(repeating: "[", count: 1_000)) }?.code == "data_too_deep")
    }

    @Test func aliasesAreCheckedForDepthAndExpansion() {
        // Each anchor nests the previous one: the text is shallow, the data is not.
        var chain = "a0: &a0 [x]\n"
        for k in 1...600 { chain += "a\(k): &a\(k) [*a\(k - 1)]\n" }
        #expect(failure { try yaml(chain) }?.code == "data_too_deep")
        // A "billion laughs" document is refused instead of expanded.
        var laughs = "l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
        for k in 1...9 { laughs += "l\(k): &l\(k) [" + Array(repeating: "*l\(k - 1)", count: 10).joined(separator: ", ") + "]\n" }
        #expect(failure { try yaml(laughs) }?.code == "data_too_large")
    }

    // MARK: Text

    @Test func invalidUTF8IsReportedWhereItIs() {
        let bad: [UInt8] = Array("{\n \"a\": \"x".utf8) + [0xFF] + Array("\"}".utf8)
        let d = failure { try DataLoader.loadJSON(bad, file: "d.json") }
        #expect(d?.code == "invalid_utf8")
        #expect(d?.location == SourceLocation(file: "d.json", line: 2, column: 9))
        #expect(failure { try DataLoader.load(bytes: Array("a: ".utf8) + [0xC3, 0x28], format: .yaml, file: "d.yaml") }?.code == "invalid_utf8")
        // Overlong encodings and UTF-16 surrogates are not UTF-8 either.
        #expect(failure { try DataLoader.loadJSON([0x22, 0xC0, 0xAF, 0x22], file: "d.json") }?.code == "invalid_utf8")
        #expect(failure { try DataLoader.loadJSON([0x22, 0xED, 0xA0, 0x80, 0x22], file: "d.json") }?.code == "invalid_utf8")
        #expect(failure { try DataLoader.loadJSON([0x22, 0xE2, 0x82], file: "d.json") }?.code == "invalid_utf8")
    }

    @Test func textIsNormalisedToNFC() throws {
        let nfd = "Cafe\u{301}"    // e + combining acute
        let nfc = Array("Caf\u{E9}".utf8)
        let j = try json("{\"\(nfd)\": \"\(nfd)\", \"esc\": \"e\\u0301\"}")
        #expect(texts(j).filter { $0 == nfc }.count == 2)
        #expect(texts(j).contains([0xC3, 0xA9]))
        #expect(!texts(j).contains { $0.contains(0xCC) })    // no combining mark left
        let y = try yaml("\(nfd): \(nfd)\nq: \"e\\u0301\"\n")
        #expect(texts(y).filter { $0 == nfc }.count == 2)
        #expect(!texts(y).contains { $0.contains(0xCC) })
        // Control characters pass through; the renderer decides what to do with them.
        #expect(try yaml("c: \"a\\x01b\"") == .object(["c": .string("a\u{1}b")]))
    }

    @Test func placeTreesCountWhatTheyFlattenTo() throws {
        let (_, tree) = try DataLoader.parseYAML("a: 1\nb: [x, {c: y}]\nd: {}\n", file: "d.yaml", limits: .init(), places: .all)
        var flat: [String: DocFill.SourceLocation] = [:]
        tree.flatten(into: &flat)
        #expect(tree.count == flat.count)
        #expect(flat.keys.sorted() == ["", "a", "b", "b[0]", "b[1]", "b[1].c", "d"])
    }

    /// The normaliser is skipped exactly for the scalars listed in `isSurelyNFC`, read from
    /// bytes; each of them is indeed left alone by NFC.
    @Test func theNFCShortcutCoversExactlyTheStableRanges() {
        for v in UInt32(0)...0x10FFFF {
            guard let scalar = Unicode.Scalar(v) else { continue }
            let listed = v < 0x300 || (0x1E00...0x1EFF).contains(v) || (0x2010...0x2027).contains(v) || (0x2030...0x205E).contains(v)
            let text = "a" + String(scalar) + "z"
            guard DataLoader.isSurelyNFC(text) == listed else {
                Issue.record("U+\(String(v, radix: 16)): \(listed ? "listed but not skipped" : "skipped but not listed")")
                return
            }
            if listed, !text.precomposedStringWithCanonicalMapping.utf8.elementsEqual(text.utf8) { Issue.record("U+\(String(v, radix: 16)) is not stable") }
        }
    }

    // MARK: Files and limits

    @Test func loadsFilesByExtensionOrSniffing() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("docfill-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        func write(_ name: String, _ text: String) throws -> String {
            let url = dir.appendingPathComponent(name); try Data(text.utf8).write(to: url); return url.path
        }
        #expect(try DataLoader.load(contentsOf: write("a.json", "{\"a\": 1}")) == .object(["a": .int(1)]))
        #expect(try DataLoader.load(contentsOf: write("a.YML", "a: 1")) == .object(["a": .int(1)]))
        #expect(try DataLoader.load(contentsOf: write("a.yaml", "a: [1]")) == .object(["a": .array([.int(1)])]))
        #expect(try DataLoader.load(contentsOf: write("a.txt", "  [1]")) == .array([.int(1)]))
        #expect(try DataLoader.load(contentsOf: write("b.txt", "a: x")) == .object(["a": .string("x")]))
        // A YAML flow mapping in a .json file is a JSON error.
        let d = failure { try DataLoader.load(contentsOf: write("c.json", "{a: 1}")) }
        #expect(d?.code == "data_syntax")
        #expect(d?.location.file?.hasSuffix("c.json") == true)
        #expect(failure { try DataLoader.load(contentsOf: dir.appendingPathComponent("missing.json").path) }?.code == "io_error")
        #expect(DataLoader.sniff(Array(" \n{".utf8)) == .json)
        #expect(DataLoader.sniff(Array("- 1".utf8)) == .yaml)
    }

    @Test func sizeLimitIsEnforced() throws {
        let small = limits(bytes: 8)
        #expect(failure { try json("[1, 2, 3, 4]", limits: small) }?.code == "data_too_large")
        #expect(failure { try yaml("a: 123456789", limits: small) }?.code == "data_too_large")
        #expect(try json("[1, 2]", limits: small) == .array([.int(1), .int(2)]))
    }
}
