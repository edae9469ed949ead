import DocFill
#if canImport(Glibc)
import Glibc
#endif

/// libFuzzer target for the archive and XML reader: bytes → `DocumentTemplate(bytes:file:)`
/// (libzip and the archive limits, libxml2's SAX parser, tag placement and restructuring; a
/// flat ODT goes straight to the XML parser) → a lenient render written to a temporary file
/// (plan renderer and zip writer), which is then removed.
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
    "name": .string("Nguyễn <Văn> & \"An\""), "title": .string("Báo cáo"), "n": .int(3), "yes": .bool(true),
    "items": .array([.object(["name": .string("a"), "qty": .int(1)]), .object(["name": .string("b"), "qty": .int(2)])]),
    "rows": .array([.object(["a": .string("1"), "b": .string("2")])]),
    "customer": .object(["name": .string("An"), "city": .string("Hà Nội")]),
])

#if DOCFILL_FUZZING
@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(_ argc: UnsafeMutablePointer<CInt>,
                         _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
                         _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt) -> CInt

/// SwiftPM links an executable with `main` = `FuzzArchive_main`; under -parse-as-library that
/// symbol is ours, and it hands control to libFuzzer's driver.
@_cdecl("FuzzArchive_main")
func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var count = argc
    var vector = argv
    return LLVMFuzzerRunDriver(&count, &vector) { data, size in
        fuzzOne(UnsafeBufferPointer(start: data, count: size))
        return 0
    }
}
#else
// An ordinary build (no -parse-as-library): this top-level code is the entry point. (A
// statement would be refused under -parse-as-library even in this inactive branch; a global
// `let` is not, and in an ordinary build it runs in order.)
let replayed: CInt = FuzzReplay.run(CommandLine.arguments, fuzzOne)
#endif

/// Replays inputs without libFuzzer: every file named on the command line goes through
/// `fuzzOne` once. A crash here reproduces a libFuzzer finding in an ordinary build.
enum FuzzReplay {
    /// Exits when done (status 0); the return type only lets a global `let` call it.
    static func run(_ arguments: [String], _ body: (UnsafeBufferPointer<UInt8>) -> Void) -> CInt {
        var replayed = 0
        for path in arguments.dropFirst() {
            guard let file = fopen(path, "rb") else { continue }
            var bytes: [UInt8] = []
            var chunk = [UInt8](repeating: 0, count: 65536)
            while true {
                let n = fread(&chunk, 1, chunk.count, file)
                if n <= 0 { break }
                bytes += chunk[0..<n]
            }
            fclose(file)
            bytes.withUnsafeBufferPointer(body)
            replayed += 1
        }
        print("replayed \(replayed) input(s)")
        exit(0)
    }
}
