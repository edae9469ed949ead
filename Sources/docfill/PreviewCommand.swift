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
            let images = try PagePreview.render(document: file, to: output, pages: pageList, dpi: dpi,
                                                converter: printOptions.converter)
            for image in images { print(image) }
        } catch {
            reportAndExit(error)
        }
    }
}
