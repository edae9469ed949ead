import ArgumentParser
import DocFill
import Foundation

struct PreviewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "preview",
        abstract: "Draw pages of a document as PNG images, to look at before printing.",
        discussion: """
        FILE is a .pdf, or a .docx/.odt converted to PDF with LibreOffice first. Writes DIR/<name>-<page>.png for each page (pdftoppm from poppler-utils) and prints their paths.
        """)

    @Argument(help: "A .pdf, .docx or .odt file.") var file: String
    @Option(name: .shortAndLong, help: "The folder for the images (created if missing).") var output: String
    @Option(help: "Pages to draw, e.g. 1,3-4 (default: all).") var pages: String?
    @Option(help: "Resolution in dots per inch.") var dpi: Int = 80
    @OptionGroup var printOptions: PrintOptions

    func run() throws {
        do {
            let pageList = try pages.map(PagePreview.parsePages)
            try makeFolder(output)
            let stem = ((file as NSString).lastPathComponent as NSString).deletingPathExtension
            let images: [String]
            // By content, so a PDF saved without its extension is still one.
            if (try? InputKind.of(file)) == .pdf {
                images = try PagePreview.render(pdf: file, to: output, pages: pageList, dpi: dpi, stem: stem)
            } else {
                let converter = try printOptions.converter()
                images = try PDFOutput.withTemporaryFolder { folder in
                    let pdf = (folder as NSString).appendingPathComponent(stem + ".pdf")
                    try converter.convert(file, to: pdf)
                    return try PagePreview.render(pdf: pdf, to: output, pages: pageList, dpi: dpi, stem: stem)
                }
            }
            for image in images { print(image) }
        } catch {
            reportAndExit(error)
        }
    }
}
