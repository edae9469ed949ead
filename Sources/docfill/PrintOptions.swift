import ArgumentParser
import DocFill
import Foundation

/// Options of the commands that hand documents to LibreOffice.
struct PrintOptions: ParsableArguments {
    @Option(help: "The LibreOffice soffice executable (default: soffice on PATH).") var soffice: String?
    // Unconditional: `--pdf-timeout -5` reaches `check()` (a one-line error) instead of
    // being taken for an option.
    @Option(parsing: .unconditional, help: "Seconds one LibreOffice run may take before it is stopped (default: 60 + 15 per document).")
    var pdfTimeout: Double?

    /// Refuses a time limit that is not a positive number of seconds.
    func check() throws {
        if let pdfTimeout, !(pdfTimeout.isFinite && pdfTimeout > 0) {
            throw DocFillError("invalid_option", "--pdf-timeout must be a number of seconds above 0")
        }
    }

    /// Finds soffice now, so that a missing LibreOffice fails before any rendering.
    func converter() throws -> PDFConverter {
        try check()
        return try PDFConverter(sofficePath: soffice, timeout: pdfTimeout)
    }
}

/// The options `render` and `batch` share, in the order their help lists them.
struct RenderingOptions: ParsableArguments {
    @Option(name: .customLong("image-root"), help: "A folder picture files may also be read from (repeatable); by default only the data file's folder.")
    var imageRoot: [String] = []
    @Option(help: "Pages printed one-sided (plain margins) or two-sided (mirrored margins), over the data's docfill.pages (default: as the data, else the template, says).")
    var pages: PageSides?
    @OptionGroup var template: TemplateOptions
    @OptionGroup var data: DataOptions
    @OptionGroup var output: OutputOptions
    @OptionGroup var print: PrintOptions

    /// How data read from `dataPath` renders: strictly unless `lenient`, its pictures found
    /// beside it (or under an --image-root), within `outputLimits` (checked by the caller,
    /// in its own order of checks).
    func renderOptions(lenient: Bool, dataPath: String, outputLimits: OutputLimits) -> RenderOptions {
        var options = RenderOptions(strict: !lenient, baseDirectory: RenderOptions.baseDirectory(forData: dataPath),
                                    imageRoots: imageRoot, outputLimits: outputLimits)
        options.pageSides = pages
        return options
    }
}

extension PageSides: ExpressibleByArgument {}
