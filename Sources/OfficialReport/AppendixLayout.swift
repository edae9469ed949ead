/// Which of the templates' appendix tables fits an appendix. A static DOCX/ODT table cannot
/// take its merged header cells from data, so the templates carry one table per header shape
/// (spans row by row) and keep the one whose flag is true; `generic` lists the figures column
/// by column for any other shape.
enum AppendixLayout {
    typealias Shape = [[(colspan: Int, rowspan: Int)]]

    static func ones(_ n: Int) -> [(colspan: Int, rowspan: Int)] { Array(repeating: (1, 1), count: n) }
    static func twoRows(_ n: Int) -> [(colspan: Int, rowspan: Int)] { Array(repeating: (1, 2), count: n) }

    /// The named shapes of the official-report templates (the sample's appendices 2–6).
    static let named: [(name: String, shape: Shape)] = [
        ("hdnd_ubnd", [
            [(1, 4), (10, 1), (18, 1)],
            [(1, 3), (3, 1), (2, 1), (4, 1), (2, 2), (1, 3), (6, 1), (6, 1), (3, 2)],
            twoRows(5) + [(2, 1), (2, 1), (1, 2), (3, 1), (2, 1), (1, 2), (2, 1), (2, 1), (1, 2)],
            ones(18),
        ]),
        ("luc_luong_vu_trang", [[(1, 3), (10, 1)], [(2, 1), (3, 1), (2, 1), (3, 1)], ones(10)]),
        ("mttq_doan_the", [
            [(1, 4), (2, 2), (4, 2), (4, 1), (6, 1)],
            [(1, 3), (1, 3), (2, 2), (3, 2), (3, 2)],
            twoRows(6),
            ones(8),
        ]),
        ("dan_toc_ton_giao", [[(1, 3), (7, 1), (7, 1)], twoRows(7) + [(2, 1)] + twoRows(5), ones(2)]),
        ("dan_van_kheo", [[(1, 3), (10, 1)], [(2, 1), (4, 1), (2, 1), (2, 1)], ones(10)]),
    ]

    static let flatRange = 3...8
    static var allNames: [String] { flatRange.map { "flat_\($0)" } + named.map(\.name) + ["generic"] }

    /// One flag per layout name, exactly one of them true (strict rendering needs every key).
    static func flags(for header: [[AppendixHeaderCell]]) -> [String: Bool] {
        var flags = Dictionary(uniqueKeysWithValues: allNames.map { ($0, false) })
        flags[match(header)] = true
        return flags
    }

    static func match(_ header: [[AppendixHeaderCell]]) -> String {
        if header.count == 1, header[0].allSatisfy({ $0.colspan == 1 && $0.rowspan == 1 }),
           flatRange.contains(header[0].count) {
            return "flat_\(header[0].count)"
        }
        for (name, shape) in named where shape.count == header.count {
            let fits = zip(shape, header).allSatisfy { expected, row in
                expected.count == row.count && zip(expected, row).allSatisfy { $0.colspan == $1.colspan && $0.rowspan == $1.rowspan }
            }
            if fits { return name }
        }
        return "generic"
    }
}

/// A column of the appendix for the generic layout: its title and its figures as lines.
public struct AppendixColumnView: Encodable, Sendable, Equatable {
    /// The column's header path ("Group / Leaf").
    public let title: String
    /// The column's figures, one "row label: figure" line per row, total row last.
    public let values: String
}
