import Foundation
import Testing
@testable import DocFill

/// TODO marks: refused by render and check with their places, shown by --draft.
struct TodoMarkTests {
    @Test func theSyntax() {
        #expect(TodoMarks.note("TODO") == "")
        #expect(TodoMarks.note("  TODO: số liệu 2024 ") == "số liệu 2024")
        #expect(TodoMarks.note("TODOS") == nil)
        #expect(TodoMarks.note("todo") == nil)
        #expect(TodoMarks.note("Làm TODO") == nil)
        #expect(TodoMarks.draft(.array([.string("TODO"), .string("TODO: x"), .int(1)]))
                    == .array([.string("[TODO]"), .string("[TODO: x]"), .int(1)]))
    }

    /// The byte scan that lets most strings skip the syntax check, on every string of up to
    /// seven letters from T, O, D and x (overlapping starts such as `TTODO` and `TOTODO`).
    @Test func theQuickScanFindsEveryTODO() {
        var texts = [""], level = [""]
        for _ in 0..<7 {
            level = level.flatMap { t in ["T", "O", "D", "x"].map { t + $0 } }
            texts += level
        }
        #expect(texts.filter(TodoMarks.holdsTODO) == texts.filter { $0.contains("TODO") })
        #expect(TodoMarks.holdsTODO("Số liệu: TODO") && !TodoMarks.holdsTODO("TOD"))
    }

    static func files() throws -> (dir: URL, data: String) {
        let dir = try DataInheritanceTests.folder([
            "base.json": #"{"items": [{"name": "Apple", "qty": 3, "price": "1.50"}, {"name": "Pear", "qty": 2, "price": "0.80"}], "total_qty": 5}"#,
            "new.yaml": """
                extends: base.json
                items:
                  "[1]":
                    qty: "TODO: count the pears"
                total_qty: TODO

                """,
        ])
        return (dir, dir.appendingPathComponent("new.yaml").path)
    }

    @Test func renderRefusesOpenMarksWithTheirPlaces() throws {
        let (dir, data) = try Self.files()
        let out = dir.appendingPathComponent("out.docx").path
        let r = try CLITests.docfill(["render", TestPaths.fixture("row-loop.docx"), data, "-o", out])
        #expect(r.status == 1)
        #expect(r.stderr == """
            \(data):4:5: error[open_todo]: items[1].qty: still to do (count the pears); enter the value, or render a draft with --draft
            \(data):5:1: error[open_todo]: total_qty: still to do; enter the value, or render a draft with --draft

            """)
        #expect(!FileManager.default.fileExists(atPath: out))
    }

    @Test func checkListsThemToo() throws {
        let (_, data) = try Self.files()
        let r = try CLITests.docfill(["check", TestPaths.fixture("row-loop.docx"), data])
        #expect(r.status == 1)
        #expect(r.stdout.components(separatedBy: "error[open_todo]").count == 3)
        let draft = try CLITests.docfill(["check", TestPaths.fixture("row-loop.docx"), data, "--draft"])
        #expect(draft.status == 0, "\(draft.stdout)")
        #expect(draft.stdout.contains("\(data):5:1: warning[open_todo]: total_qty: still to do; shown as [TODO] in the draft"))
    }

    @Test func aDraftShowsThemAndWarns() throws {
        let (dir, data) = try Self.files()
        let out = dir.appendingPathComponent("draft.docx").path
        let r = try CLITests.docfill(["render", TestPaths.fixture("row-loop.docx"), data, "-o", out, "--draft"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.contains("warning[open_todo]: items[1].qty"))
        let text = try DocumentText.extract(out)
        #expect(text.contains("2 | Pear | [TODO: count the pears] | 0.80"))
        #expect(text.contains("Total |  | [TODO] | "))
    }

    @Test func batchRecordsWithMarksFailUnlessDrafted() throws {
        let dir = try DataInheritanceTests.folder(["records.json": #"[{"items": [], "total_qty": "TODO"}]"#])
        let records = dir.appendingPathComponent("records.json").path
        let refused = try CLITests.docfill(["batch", TestPaths.fixture("row-loop.docx"), records, "-o", dir.appendingPathComponent("out").path])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("error[open_todo]: total_qty: still to do"))
        let drafted = try CLITests.docfill(["batch", TestPaths.fixture("row-loop.docx"), records, "-o", dir.appendingPathComponent("out").path, "--draft"])
        #expect(drafted.status == 0, "\(drafted.stderr)")
    }
}
