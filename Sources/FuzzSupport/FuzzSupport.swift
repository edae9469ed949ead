#if canImport(Glibc)
import Glibc
#endif

// What both libFuzzer targets share: libFuzzer's driver entry and the replayer that runs
// saved inputs through a target in an ordinary build. Each target keeps its own
// `<Target>_main` entry point, which SwiftPM's linking requires per executable.

#if DOCFILL_FUZZING
@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(_ argc: UnsafeMutablePointer<CInt>,
                         _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
                         _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt) -> CInt

/// The target's body while libFuzzer runs: a C callback cannot capture it, so it waits here.
nonisolated(unsafe) private var fuzzBody: ((UnsafeBufferPointer<UInt8>) -> Void)?

/// Hands control to libFuzzer's driver, which calls `body` with each input. A target's own
/// `<Target>_main` entry point (SwiftPM's linking needs one per executable) calls this.
public enum FuzzDriver {
    public static func run(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?,
                           _ body: @escaping (UnsafeBufferPointer<UInt8>) -> Void) -> CInt {
        fuzzBody = body
        var count = argc
        var vector = argv
        return LLVMFuzzerRunDriver(&count, &vector) { data, size in
            fuzzBody?(UnsafeBufferPointer(start: data, count: size))
            return 0
        }
    }
}
#endif

/// Replays inputs without libFuzzer: every file named on the command line goes through
/// `fuzzOne` once. A crash here reproduces a libFuzzer finding in an ordinary build.
public enum FuzzReplay {
    /// Exits when done (status 0); the return type only lets a global `let` call it.
    public static func run(_ arguments: [String], _ body: (UnsafeBufferPointer<UInt8>) -> Void) -> CInt {
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
