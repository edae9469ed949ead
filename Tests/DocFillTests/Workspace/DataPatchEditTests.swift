import Foundation
import Testing
@testable import DocFill

/// Many edits of the yearly sample, each saved as a patch over the 2023 file, written as YAML
/// and loaded back through the loader: the edited value comes back (a removed key as null),
/// or the edit is one the loader cannot express and `unpatchable_change` says so.
struct DataPatchEditTests {
    /// Every path to a value, as steps.
    static func paths(_ value: Value, _ prefix: [FieldKey.Step] = [], into out: inout [[FieldKey.Step]]) {
        out.append(prefix)
        switch value {
        case .object(let o): for (k, v) in o { paths(v, prefix + [.key(k)], into: &out) }
        case .array(let a): for (i, v) in a.enumerated() { paths(v, prefix + [.index(i)], into: &out) }
        default: break
        }
    }

    /// `value` with the value at `path` changed by `change` (nil removes it).
    static func edit(_ value: Value, at path: ArraySlice<FieldKey.Step>, _ change: (Value) -> Value?) -> Value? {
        guard let step = path.first else { return change(value) }
        switch (value, step) {
        case (.object(var o), .key(let k)):
            o[k] = o[k].flatMap { edit($0, at: path.dropFirst(), change) }
            return .object(o)
        case (.array(var a), .index(let i)) where i < a.count:    // earlier edits may have shortened it
            if let new = edit(a[i], at: path.dropFirst(), change) { a[i] = new } else { a.remove(at: i) }
            return .array(a)
        default: return value
        }
    }

    @Test func randomEditsOfTheSampleRoundTrip() throws {
        let samples = TestPaths.repo.appendingPathComponent("Samples")
        let base = try DataLoader.load(contentsOf: samples.appendingPathComponent("pho-hoa-2023.yaml").path)
        let start = try DataLoader.load(contentsOf: samples.appendingPathComponent("pho-hoa-2024.yaml").path)
        let dir = TestPaths.scratch()
        try FileManager.default.copyItem(at: samples.appendingPathComponent("pho-hoa-2023.yaml"), to: dir.appendingPathComponent("base.yaml"))
        let file = dir.appendingPathComponent("new.yaml")
        var random = PropertyTests.SeededRandom(seed: 2024)
        var all: [[FieldKey.Step]] = []
        Self.paths(start, into: &all)
        var edited = start
        var written = 0
        for round in 0..<40 {
            for _ in 0..<Int.random(in: 1...4, using: &random) {
                let path = all[Int.random(in: 1..<all.count, using: &random)]
                let kind = Int.random(in: 0..<5, using: &random)
                edited = Self.edit(edited, at: path[...]) { old in
                    switch kind {
                    case 0: return .string("sửa \(round) — Đảng ủy")
                    case 1: return nil
                    case 2: if case .array(let a) = old, let first = a.first { return .array(a + [first]) }; return .int(round)
                    case 3: if case .array(let a) = old, a.count > 1 { return .array(Array(a.dropLast())) }; return .null
                    default: if case .object(var o) = old { o["them_\(round)"] = .bool(true); return .object(o) }; return old
                    }
                } ?? edited
            }
            do {
                guard case .object(var patch) = try DataInheritance.patch(from: base, to: edited) else {
                    Issue.record("round \(round): the patch is not an object"); return
                }
                patch["extends"] = .string("base.yaml")
                try Data(YAMLWriter(keyOrder: ["extends"]).write(.object(patch)).utf8).write(to: file)
                let loaded = try DataLoader.load(contentsOf: file.path)
                #expect(DataInheritance.withoutNulls(loaded) == DataInheritance.withoutNulls(edited), "round \(round)")
                written += 1
            } catch let error as DocFillError {
                #expect(error.code == "unpatchable_change", "round \(round): \(error)")
            }
        }
        // The sample has no list merged by id: every edit can be written.
        #expect(written == 40)
    }
}
