import Foundation
import Testing
@testable import DocFill

/// The YAML bound through libyaml's events (`YAMLEvents`, `YAMLNestingBound`): depth, scalar
/// count and syntax errors are found before Yams composes anything, at the event's place.
@Suite struct YAMLNestingBoundTests {
    private func problem(_ text: String, depth: Int = 512, values: Int = 1_000_000) -> Diagnostic? {
        var limits = DataLimits(); limits.maxDepth = depth; limits.maxValues = values
        var text = text
        return #expect(throws: DocFillError.self) {
            try text.withUTF8 { try YAMLNestingBound.check($0, file: "d.yaml", limits: limits) }
        }?.diagnostics.first
    }
    private func passes(_ text: String, depth: Int = 512) -> Bool {
        var limits = DataLimits(); limits.maxDepth = depth
        var text = text
        return (try? text.withUTF8 { try YAMLNestingBound.check($0, file: "d.yaml", limits: limits) }) != nil
    }

    @Test func deepFlowNestingIsRefusedAtTheCollectionThatGoesTooDeep() {
        let p = problem(String(repeating: "[", count: 100_000))
        #expect(p?.code == "data_too_deep")
        #expect(p?.message == "nesting deeper than 512 levels")
        #expect(p?.location == SourceLocation(file: "d.yaml", line: 1, column: 513))
        let mappings = problem("a: " + String(repeating: "{b: ", count: 10), depth: 4)
        #expect(mappings?.location == SourceLocation(file: "d.yaml", line: 1, column: 16))    // the fifth collection
        #expect(passes(String(repeating: "[", count: 512) + String(repeating: "]", count: 512)))
    }

    @Test func deepBlockNestingIsCountedAsYamsWouldCompose() {
        let p = problem("a:\n  b:\n    c:\n      d: 1", depth: 3)
        #expect(p?.code == "data_too_deep")
        #expect(p?.location == SourceLocation(file: "d.yaml", line: 4, column: 7))
        #expect(passes("a:\n  b:\n    c: 1", depth: 3))
        // `key:` then `- item` at the key's column: the list is a level of its own.
        #expect(problem("a:\n- b:\n  - c: 1", depth: 4)?.location == SourceLocation(file: "d.yaml", line: 3, column: 5))
        #expect(passes("a:\n- b:\n  - c: 1", depth: 5))
        let dashes = problem(String(repeating: "- ", count: 100_000) + "x")
        #expect(dashes?.location == SourceLocation(file: "d.yaml", line: 1, column: 1025))
    }

    @Test func scalarsAndAliasesAreCountedAgainstTwiceTheValueLimit() {
        // a, 1, b, *x, c, *x: the fifth is over 2 × 2.
        let p = problem("a: &x 1\nb: *x\nc: *x\n", values: 2)
        #expect(p?.code == "data_too_large")
        #expect(p?.location == SourceLocation(file: "d.yaml", line: 3, column: 1))
        #expect(problem("[*x, *x, *x, *x, *x]", values: 2)?.location == SourceLocation(file: "d.yaml", line: 1, column: 18))
    }

    @Test func libyamlErrorsAreDataSyntaxWithLibyamlsWording() {
        let p = problem("a: [1, 2\nb: 3\n")
        #expect(p?.code == "data_syntax")
        #expect(p?.message == "invalid YAML: did not find expected ',' or ']' (while parsing a flow sequence, line 1)")
        #expect(p?.location == SourceLocation(file: "d.yaml", line: 2, column: 2))
        // A reader error (a NUL byte) is placed at its byte, counted in scalars.
        let nul = problem("a: \"é\u{0}\"")
        #expect(nul?.code == "data_syntax")
        #expect(nul?.location == SourceLocation(file: "d.yaml", line: 1, column: 6))
    }

    @Test func eventsReportKindsAndPlaces() throws {
        var text = "a: [1, *x]\n"
        let kinds = try text.withUTF8 { bytes -> [(YAMLEvents.Kind, Int, Int)] in
            let events = YAMLEvents(bytes, file: "d.yaml")
            var out: [(YAMLEvents.Kind, Int, Int)] = []
            while true {
                let e = try events.next()
                out.append((e.kind, e.line, e.column))
                if e.kind == .streamEnd { return out }
            }
        }
        #expect(kinds.map { "\($0.0)@\($0.1):\($0.2)" } == [
            "other@1:1", "other@1:1", "collectionStart@1:1", "scalar@1:1", "collectionStart@1:4",
            "scalar@1:5", "alias@1:8", "collectionEnd@1:10", "collectionEnd@2:1", "other@2:1", "streamEnd@2:1",
        ])
        // No bytes at all is an empty stream, not a crash.
        var empty = ""
        #expect(try empty.withUTF8 { try YAMLEvents($0, file: "d.yaml").next().kind } == .other)
    }
}
