import DocFill
import Foundation

/// Starts compiling the template of a `render` command before the arguments are parsed.
/// Parsing them (ArgumentParser reflects over every command's options) takes a few
/// milliseconds that the second core can spend compiling instead. The guess is the first
/// argument naming an office document (not the value of `-o`/`--output`), compiled with the
/// default options; `RenderCommand` uses it only if the parsed template path and compile
/// options are exactly those, and otherwise compiles as usual. A wrong guess costs time on
/// the second core, never a wrong result.
enum SpeculativeCompile {
    nonisolated(unsafe) private static var started: (path: String, compile: BackgroundCompile)?

    static func start(arguments: [String]) {
        guard arguments.count > 2, arguments[1] == "render" else { return }
        var previous = ""
        for argument in arguments.dropFirst(2) {
            defer { previous = argument }
            if argument.hasPrefix("-") || previous == "-o" || previous == "--output" { continue }
            let lower = argument.lowercased()
            guard lower.hasSuffix(".docx") || lower.hasSuffix(".odt") || lower.hasSuffix(".fodt") else { continue }
            guard FileManager.default.isReadableFile(atPath: argument) else { return }
            started = (argument, BackgroundCompile(template: argument, options: CompileOptions()))
            return
        }
    }

    /// The compile started for `path` with `options`, if that is the one started.
    static func take(path: String, options: CompileOptions) -> BackgroundCompile? {
        guard let started, started.path == path, options.delimiters == CompileOptions().delimiters,
              options.limits == CompileOptions().limits else { return nil }
        self.started = nil
        return started.compile
    }
}
