import DocFill
import FuzzSupport
import OfficialReport
#if canImport(Glibc)
import Glibc
#endif

/// libFuzzer target for the data side: bytes → up to three data files that may extend each
/// other (`a` extends `b` extends `c`, split at NUL bytes, each JSON or YAML by its first
/// byte, as the loader sniffs a file without extension) → the loader with its limits and
/// places, inheritance (`extends`, merge by `id`, index patches), the to-do scan, and the
/// official-report model's decoder and checks.
///
/// The files are written to a private temporary folder because `extends` is resolved on the
/// file system, as it is for users; the names never leave that folder.
///
/// `scripts/fuzz.sh` builds it with `-sanitize=fuzzer -D DOCFILL_FUZZING`. An ordinary build
/// replays the files named on the command line instead: `.build/debug/FuzzData crash-…`.
func fuzzOne(_ bytes: UnsafeBufferPointer<UInt8>) {
    var files: [ArraySlice<UInt8>] = []
    var start = 0
    for (index, byte) in bytes.enumerated() where byte == 0 && files.count < 2 {
        files.append(ArraySlice(bytes[start..<index]))
        start = index + 1
    }
    files.append(ArraySlice(bytes[start...]))
    for (index, content) in files.enumerated() {
        guard let file = fopen(folder + "/" + names[index], "wb") else { return }
        _ = content.withUnsafeBufferPointer { fwrite($0.baseAddress, 1, $0.count, file) }
        fclose(file)
    }
    for name in names[files.count...] { unlink(folder + "/" + name) }
    // Small limits keep each run fast; the limits themselves are part of what is fuzzed.
    var limits = DataLimits()
    limits.maxDepth = 64
    limits.maxValues = 20_000
    limits.maxBytes = 1 << 20
    guard let loaded = try? DataLoader.loadDocument(contentsOf: folder + "/a", limits: limits) else { return }
    _ = TodoMarks.find(in: loaded.value, places: loaded.places, file: "a")
    _ = TodoMarks.draft(loaded.value)
    if let report = try? Report.from(loaded.value, file: "a") {
        _ = report.validate()
    }
}

let names = ["a", "b", "c"]
let folder: String = {
    var template = Array("/tmp/docfill-fuzzdata-XXXXXX".utf8CString)
    guard let made = mkdtemp(&template) else { fatalError("no temporary folder") }
    // Both the replayer and libFuzzer end with exit(): the folder goes with the process.
    atexit {
        for name in names { unlink(folder + "/" + name) }
        rmdir(folder)
    }
    return String(cString: made)
}()

#if DOCFILL_FUZZING
/// SwiftPM links an executable with `main` = `FuzzData_main`; under -parse-as-library that
/// symbol is ours, and it hands control to libFuzzer's driver.
@_cdecl("FuzzData_main")
func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    FuzzDriver.run(argc, argv, fuzzOne)
}
#else
// An ordinary build: this top-level code is the entry point (see FuzzTemplate for why a
// global `let` and not a statement).
let replayed: CInt = FuzzReplay.run(CommandLine.arguments, fuzzOne)
#endif
