import DocFill
import FuzzSupport
#if canImport(Glibc)
import Glibc
#endif

/// libFuzzer target for the tag language: bytes → text template (lexer, tag syntax, section
/// pairing, standalone lines) → lenient and strict renders. If the input holds a NUL byte,
/// what follows it is data (JSON if it starts with `{` or `[`, else YAML) and goes through the
/// data loader first, so the loaders are fuzzed too; otherwise a fixed data tree is used.
/// The template text is also parsed as rich-text markup (`RichText.parse`), the parser every
/// rich value goes through.
///
/// `scripts/fuzz.sh` builds it with `-sanitize=fuzzer -D DOCFILL_FUZZING`. An ordinary build
/// replays the files named on the command line instead: `.build/debug/FuzzTemplate crash-…`.
func fuzzOne(_ bytes: UnsafeBufferPointer<UInt8>) {
    let split = bytes.firstIndex(of: 0)
    let template = Array(bytes[..<(split ?? bytes.count)])
    var data = fixedData
    if let split {
        let rest = Array(bytes[(split + 1)...])
        let format: DataLoader.Format = rest.first == UInt8(ascii: "{") || rest.first == UInt8(ascii: "[") ? .json : .yaml
        if let loaded = try? DataLoader.load(bytes: rest, format: format, file: "fuzz") { data = loaded }
    }
    // Invalid UTF-8 is repaired here; the CLI refuses it before compiling.
    let source = String(decoding: template, as: UTF8.self)
    _ = RichText.parse(source).plainText
    guard let compiled = try? TextTemplate(source, file: "fuzz") else { return }
    _ = try? compiled.render(data, options: RenderOptions(strict: false))
    _ = try? compiled.render(data, options: RenderOptions(strict: true))
}

let fixedData: Value = .object([
    "name": .string("Nguyễn <Văn> & \"An\""), "n": .int(3), "x": .double(1.5), "yes": .bool(true),
    "no": .bool(false), "nil": .null, "date": .string("2023-12-31"),
    "items": .array([.object(["name": .string("a"), "qty": .int(1)]), .object(["name": .string("b"), "qty": .int(2)])]),
    "list": .array([.string("x"), .int(2)]),
    "o": .object(["p": .object(["q": .string("deep")]), "name": .string("o")]),
])

#if DOCFILL_FUZZING
/// SwiftPM links an executable with `main` = `FuzzTemplate_main`; under -parse-as-library that
/// symbol is ours, and it hands control to libFuzzer's driver.
@_cdecl("FuzzTemplate_main")
func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    FuzzDriver.run(argc, argv, fuzzOne)
}
#else
// An ordinary build (no -parse-as-library): this top-level code is the entry point. (A
// statement would be refused under -parse-as-library even in this inactive branch; a global
// `let` is not, and in an ordinary build it runs in order.)
let replayed: CInt = FuzzReplay.run(CommandLine.arguments, fuzzOne)
#endif
