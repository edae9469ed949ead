import Foundation
import Testing
@testable import DocFill

/// `docfill diff` and the line diff under it.
struct DiffTests {
    @Test func unifiedHunksWithContext() {
        let old = ["a", "b", "c", "d", "e", "f", "g", "h", "i", "j"]
        var new = old
        new[1] = "B"; new.remove(at: 8); new.append("k")
        #expect(TextDiff.unified(old: old, new: new, oldName: "old", newName: "new", context: 1) == [
            "--- old", "+++ new",
            "@@ -1,3 +1,3 @@", " a", "-b", "+B", " c",
            "@@ -8,3 +8,3 @@", " h", "-i", " j", "+k",
        ])
        #expect(TextDiff.unified(old: old, new: old, oldName: "o", newName: "n").isEmpty)
        #expect(TextDiff.hunks(old: [], new: ["x"]).map(\.header) == ["@@ -0,0 +1 @@"])
    }

    @Test func twoRendersDOCXAgainstODT() throws {
        let dir = try DataInheritanceTests.folder([
            "new.yaml": """
                extends: \(TestPaths.fixture("row-loop.json"))
                items:
                  "[0]": {qty: 4}
                  "[2]": {name: Fig, qty: 1, price: "3.00"}
                total_qty: 7

                """,
        ])
        let old = dir.appendingPathComponent("old.docx").path, new = dir.appendingPathComponent("new.odt").path
        #expect(try CLITests.docfill(["render", TestPaths.fixture("row-loop.docx"), TestPaths.fixture("row-loop.json"), "-o", old]).status == 0)
        let r = try CLITests.docfill(["render", TestPaths.fixture("row-loop.odt"), dir.appendingPathComponent("new.yaml").path, "-o", new])
        #expect(r.status == 0, "\(r.stderr)")
        let diff = try CLITests.docfill(["diff", old, new, "-U", "1"])
        #expect(diff.status == 1)
        #expect(diff.stdout == """
            --- \(old)
            +++ \(new)
            @@ -3,6 +3,6 @@
             Name | Qty | EUR
            -1 | Apple | 3 | 1.50
            +1 | Apple | 4 | 1.50
             2 | Pear | 2 | 0.80
            -3 | Plum | 10 | 2.25
            -Total |  | 15 | 
            +3 | Fig | 1 | 3.00
            +Total |  | 7 | 
             Thank you.

            """)
        let same = try CLITests.docfill(["diff", old, old])
        #expect(same.status == 0 && same.stdout.isEmpty)
        let missing = try CLITests.docfill(["diff", old, dir.appendingPathComponent("nothing.docx").path])
        #expect(missing.status == 2)
    }
}
