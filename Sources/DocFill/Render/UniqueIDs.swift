/// Gives every copy of repeated content ids of its own, one render at a time.
///
/// Ids in a section's body are `.uniqueID` nodes of the plan. The renderer opens a copy
/// (`enterCopy`) for each time a section's body is rendered. Within a copy one template id
/// always gives the same id, so a bookmark's start and end, or a comment's range and
/// reference, stay paired. The first copy keeps the template's ids (a section rendered once
/// changes nothing, and references from outside reach it); later copies get new ones, never
/// used in the template or earlier in the render: numbers count up from above the largest
/// (from 1 again past 2^31 − 1), hex ids count up from 1 below 0x80000000, names take `_2`,
/// `_3`…. A new id whose space names an element in another part (a footnote, a comment) is
/// recorded in `copies`: that element is copied under the new id (`NoteCopies`).
final class UniqueIDs {
    let profile: UniqueIDProfile
    /// The template's ids (shared by every render, never changed) and those this render made.
    private let template: [Set<String>]
    private var made: [Set<String>]
    private var emitted: [Set<String>]
    private var scopes: [[Int: [String: String]]] = []
    private var nextNumber: [Int]
    private var nextHex: [Int]
    private var nameCopies: [Int: [String: Int]] = [:]
    /// New ids of spaces with a copied element, in the order they were made.
    private(set) var copies: [(space: Int, id: String, original: String)] = []

    init(profile: UniqueIDProfile, used: UsedIDs) {
        self.profile = profile
        let count = profile.spaces.count
        template = (0..<count).map { $0 < used.values.count ? used.values[$0] : [] }
        made = Array(repeating: [], count: count)
        emitted = Array(repeating: [], count: count)
        nextNumber = (0..<count).map { ($0 < used.largest.count ? used.largest[$0] : 0) + 1 }
        nextHex = Array(repeating: 1, count: count)
    }

    /// Ids of Word's 32-bit fields stay below this.
    static let maxNumber = 0x7FFF_FFFF

    func enterCopy() { scopes.append([:]) }
    func leaveCopy() { scopes.removeLast() }

    /// The id that `original` (a template id of `space`) has in the current copy.
    func id(for original: String, space: Int) -> String {
        for scope in scopes.reversed() {
            if let id = scope[space]?[original] { return id }
        }
        var id = original
        if !emitted[space].insert(original).inserted {
            id = fresh(space, from: original)
            if profile.spaces[space].copied != nil { copies.append((space, id, original)) }
        }
        if !scopes.isEmpty { scopes[scopes.count - 1][space, default: [:]][original] = id }
        return id
    }

    /// An id of `space` used nowhere yet; a name is made from `original`.
    func fresh(_ space: Int, from original: String = "") -> String {
        var candidate: String
        switch profile.spaces[space].kind {
        case .number:
            repeat {
                if nextNumber[space] > Self.maxNumber { nextNumber[space] = 1 }
                candidate = String(nextNumber[space])
                nextNumber[space] += 1
            } while isUsed(candidate, space)
        case .hex:
            repeat {
                candidate = hex(nextHex[space])
                nextHex[space] = nextHex[space] >= Self.maxNumber ? 1 : nextHex[space] + 1
            } while isUsed(candidate, space)
        case .name(let maxLength):
            var n = nameCopies[space]?[original] ?? 1
            repeat {
                n += 1
                let suffix = "_\(n)"
                let base = maxLength.map { String(original.prefix(max(0, $0 - suffix.count))) } ?? original
                candidate = base + suffix
            } while isUsed(candidate, space)
            nameCopies[space, default: [:]][original] = n
        }
        made[space].insert(candidate)
        return candidate
    }

    private func isUsed(_ id: String, _ space: Int) -> Bool {
        template[space].contains(id) || made[space].contains(id)
    }

    private func hex(_ n: Int) -> String {
        let digits = String(n, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 8 - digits.count)) + digits
    }
}
