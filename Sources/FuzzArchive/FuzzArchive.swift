import DocFill
import FuzzSupport
#if canImport(Glibc)
import Glibc
#endif

/// libFuzzer target for the archive and XML reader: bytes → `DocumentTemplate(bytes:file:)`
/// (libzip and the archive limits, libxml2's SAX parser, tag placement and restructuring; a
/// flat ODT goes straight to the XML parser) → a lenient render written to a temporary file
/// (plan renderer and zip writer), which is then removed. Two of the data's values are rich
/// text (`{md: …}`: marks, a link, paragraphs and a bullet), so wherever the template's tags
/// land the rich-text writer (runs, relationships, automatic styles) is fuzzed too.
///
/// `scripts/fuzz.sh` builds it with `-sanitize=fuzzer -D DOCFILL_FUZZING`. An ordinary build
/// replays the files named on the command line instead: `.build/debug/FuzzArchive crash-…`.
func fuzzOne(_ bytes: UnsafeBufferPointer<UInt8>) {
    guard let template = try? DocumentTemplate(bytes: Array(bytes), file: "fuzz.docx") else { return }
    _ = template.dumpPlan()
    _ = try? template.render(fixedData, to: outputPath, options: RenderOptions(strict: false))
    unlink(outputPath)
}

/// One private folder per process (libFuzzer may run several jobs side by side).
let outputPath: String = {
    var pattern = Array("/tmp/docfill-fuzz-XXXXXX".utf8CString)
    let folder = pattern.withUnsafeMutableBufferPointer { buffer -> String in
        guard let made = mkdtemp(buffer.baseAddress!) else { return "/tmp" }
        return String(cString: made)
    }
    return folder + "/out.docx"
}()

let fixedData: Value = .object([
    "name": .string("Nguyễn <Văn> & \"An\""), "n": .int(3), "yes": .bool(true),
    "title": .object(["md": .string("*Báo* **cáo** __a__ ~~b~~ ^2^ ~x~ [link](https://example.org/a_(b)) \\* <i>c</i>")]),
    "body": .object(["md": .string("First *paragraph*\nline two\n\n- a **bullet**\n- [mail](mailto:a@b.c)\n\nLast & <end>")]),
    "items": .array([.object(["name": .string("a"), "qty": .int(1)]), .object(["name": .string("b"), "qty": .int(2)])]),
    "rows": .array([.object(["a": .string("1"), "b": .string("2")])]),
    "customer": .object(["name": .string("An"), "city": .string("Hà Nội")]),
])

#if DOCFILL_FUZZING
/// SwiftPM links an executable with `main` = `FuzzArchive_main`; under -parse-as-library that
/// symbol is ours, and it hands control to libFuzzer's driver.
@_cdecl("FuzzArchive_main")
func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    FuzzDriver.run(argc, argv, fuzzOne)
}
#else
// An ordinary build (no -parse-as-library): this top-level code is the entry point. (A
// statement would be refused under -parse-as-library even in this inactive branch; a global
// `let` is not, and in an ordinary build it runs in order.)
let replayed: CInt = FuzzReplay.run(CommandLine.arguments, fuzzOne)
#endif
