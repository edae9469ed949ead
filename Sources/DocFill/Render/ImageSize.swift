/// The size of a picture from data, checked before it reaches the drawing's lengths: NaN,
/// infinity or 1e300 would trap converting to an integer EMU (DOCX), and a negative or
/// absurd length is written as one no reader accepts (`nanin`, `-0.2in`, 300 digits).
enum ImageSize {
    /// The longest side a picture may have, in mm: 10 m, far beyond any page and far below
    /// the largest length DOCX (`ST_PositiveCoordinate`) and ODF can hold.
    static let maxMM = 10_000.0
    static let emuPerMM = 36_000.0
    /// The shortest side a picture may have: 0.01 mm (360 EMU), which every unit a document
    /// writes its lengths in (EMU, or 4 decimals of in, cm, mm, pt, pc) still shows as above 0.
    static let minMM = 0.01
    static let minEMU = minMM * emuPerMM

    /// A `width_mm`/`height_mm` member: nil when absent or null, else a length above 0 and at
    /// most `maxMM` (a number, or a string holding one), or why it is not.
    static func member(_ key: String, of object: [String: Value]) -> Result<Double?, Problem> {
        guard let value = object[key], value != .null else { return .success(nil) }
        guard let mm = value.doubleValue, mm.isFinite else {
            return .failure(Problem("\(key) must be a number of millimetres; got \(describe(value))"))
        }
        guard mm > 0, mm <= maxMM else {
            return .failure(Problem("\(key) must be above 0 and at most \(Int(maxMM)); got \(describe(value))"))
        }
        return .success(mm)
    }

    /// Nil when both sides (in EMU) are lengths a document can hold; else why not. A side
    /// that follows the picture's aspect ratio, or the picture's own size at 96 dpi, can be
    /// out of range even when the data's sizes are not.
    static func problem(width: Double, height: Double) -> Problem? {
        let limit = maxMM * emuPerMM
        if width.isFinite && height.isFinite && width >= minEMU && height >= minEMU && width <= limit && height <= limit { return nil }
        if width.isFinite && height.isFinite && width <= limit && height <= limit {
            // A side that rounds to nothing (a tiny `width_mm`, or a picture 10⁹ pixels
            // wide fitted in a box) gives a picture no reader shows.
            return Problem("a side of the picture would be under \(minMM) mm; give width_mm and height_mm of at least \(minMM) (a very long or tall picture needs both)")
        }
        return Problem("the picture would be \(millimetres(width)) × \(millimetres(height)) mm, over \(Int(maxMM)) mm a side; give both width_mm and height_mm")
    }

    struct Problem: Error, Equatable {
        let message: String
        init(_ message: String) { self.message = message }
    }

    private static func millimetres(_ emu: Double) -> String {
        let mm = emu / emuPerMM
        return mm.isFinite && abs(mm) < 1e15 ? String(Int(mm.rounded())) : "\(mm)"
    }

    /// The value as the data wrote it, shortened: messages must stay one readable line.
    private static func describe(_ value: Value) -> String {
        switch value {
        case .string(let s):
            let shown = s.unicodeScalars.count > 20 ? String(String.UnicodeScalarView(s.unicodeScalars.prefix(20))) + "…" : s
            return "'\(shown.unicodeScalars.map { $0.value < 0x20 || $0.value == 0x7F ? "?" : String($0) }.joined())'"
        case .int(let i): return String(i)
        case .double(let d): return "\(d)"
        default: return "a \(value.kindName)"
        }
    }
}
