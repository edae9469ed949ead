import Foundation

/// Compiles a template on another thread; `result()` waits for it. A render overlaps this
/// with loading the data, which on two cores takes the two off each other's critical path
/// (see `RenderJob.prepare(declared:warn:)`).
public final class BackgroundCompile: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    // Written once before `done` is signalled, read only after waiting on it.
    private var outcome: Result<DocumentTemplate, Error>?

    /// Starts compiling the template at `template` at once on a background queue.
    public init(template: String, options: CompileOptions) {
        DispatchQueue.global(qos: .userInitiated).async {
            self.outcome = Result { try DocumentTemplate(contentsOf: template, options: options) }
            self.done.signal()
        }
    }

    /// The compiled template, or the compile's error; waits until the compile is done.
    public func result() throws -> DocumentTemplate {
        done.wait()
        return try outcome!.get()
    }
}
