import Foundation

/// With DOCFILL_TIMING=1, prints how long each phase of a command took (stderr), to see
/// where a whole-process run spends its time.
final class PhaseClock {
    private let enabled = ProcessInfo.processInfo.environment["DOCFILL_TIMING"] == "1"
    private var last = DispatchTime.now().uptimeNanoseconds

    func mark(_ phase: String) {
        guard enabled else { return }
        let now = DispatchTime.now().uptimeNanoseconds
        FileHandle.standardError.write(Data(String(format: "timing: %-18@ %7.2f ms\n", phase as NSString, Double(now - last) / 1e6).utf8))
        last = now
    }
}
