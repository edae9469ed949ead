import DocFill
import Foundation

/// Compiles a template on another thread; `result()` waits for it. The CLI overlaps this
/// with loading the data, which on two cores takes the two off each other's critical path.
final class BackgroundCompile: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private var outcome: Result<DocumentTemplate, Error>?

    init(template: String, options: CompileOptions) {
        DispatchQueue.global(qos: .userInitiated).async {
            self.outcome = Result { try DocumentTemplate(contentsOf: template, options: options) }
            self.done.signal()
        }
    }

    func result() throws -> DocumentTemplate {
        done.wait()
        return try outcome!.get()
    }
}
