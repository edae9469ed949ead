import Foundation

/// The inverse of `DataInheritance.merge`: what a file extending `base` must hold so that,
/// loaded, it gives `edited`. Written by a program saving a whole edited value into a file
/// that extends another (the server's forms), so the file keeps naming only what differs.
///
/// Each rule of the loader, read backwards:
/// - objects: a key whose value differs is written (its difference, recursively); a key of
///   the base missing from the edited value is written as `null`, the loader's only way to
///   take a value away (a model reads null as absent); keys that are equal are left out;
/// - lists: equal lists are left out; when both lists are merged by `id` (every item an
///   object with a scalar `id`) and the edited list is the base's items in order followed by
///   new ones, only the changed items (with their `id`) and the new ones are written; else
///   when both have as many items, an index patch (`"[2]": …`) of the changed items; else
///   the whole list;
/// - any other value: the edited value.
///
/// A change no file can express (an item removed from a list merged by `id`: the loader
/// would bring it back) is `unpatchable_change`, checked by merging the result over the base.
extension DataInheritance {
    /// The patch taking `base` to `edited` (an empty object when they are equal), without
    /// `extends`. `place` names the file in messages.
    public static func patch(from base: Value, to edited: Value, place: SourceLocation = .init()) throws -> Value {
        var lost: String?
        let patch = difference(base, edited, path: "", lost: &lost) ?? .object([:])
        var merged = (base, PlaceTree())
        do {
            try merge(&merged, patch, PlaceTree(), file: place.file ?? "")
        } catch {
            throw unpatchable(lost, place: place)
        }
        guard withoutNulls(merged.0) == withoutNulls(edited) else { throw unpatchable(lost, place: place) }
        return patch
    }

    /// What laying a patch over `base` removes: the keys the edited value lacks come back as
    /// null (not absent) once loaded; equal otherwise.
    static func withoutNulls(_ value: Value) -> Value {
        switch value {
        case .object(let o): return .object(o.filter { $0.value != .null }.mapValues(withoutNulls))
        case .array(let a): return .array(a.map(withoutNulls))
        default: return value
        }
    }

    /// nil when equal. `lost`: the path of the first list merged by `id` that the patch
    /// cannot give (for the message).
    static func difference(_ base: Value, _ edited: Value, path: String, lost: inout String?) -> Value? {
        guard base != edited else { return nil }
        switch (base, edited) {
        case (.object(let b), .object(let e)):
            var out: [String: Value] = [:]
            for (key, value) in e {
                if let old = b[key] {
                    if let changed = difference(old, value, path: DataPath.key(path, key), lost: &lost) { out[key] = changed }
                } else {
                    out[key] = value
                }
            }
            for key in b.keys where e[key] == nil && b[key] != .null { out[key] = .null }
            return .object(out)
        case (.array(let b), .array(let e)):
            if keyed(b), keyed(e), let byID = idPatch(b, e, path: path, lost: &lost) { return .array(byID) }
            if b.count == e.count {
                var out: [String: Value] = [:]
                for i in b.indices {
                    if let changed = difference(b[i], e[i], path: DataPath.index(path, i), lost: &lost) { out["[\(i)]"] = changed }
                }
                return .object(out)
            }
            if keyed(b), keyed(e), lost == nil { lost = path }
            return edited
        default:
            return edited
        }
    }

    /// The items of a list merged by `id` that give `e` over `b`, or nil when the merge
    /// cannot give it (an item removed, ids reordered or repeated).
    private static func idPatch(_ b: [Value], _ e: [Value], path: String, lost: inout String?) -> [Value]? {
        let baseIDs = b.map(id), editedIDs = e.map(id)
        guard e.count >= b.count, Set(baseIDs).count == b.count, Set(editedIDs).count == e.count,
              Array(editedIDs.prefix(b.count)) == baseIDs else { return nil }
        var out: [Value] = []
        for i in b.indices {
            guard case .object(var changed)? = difference(b[i], e[i], path: DataPath.index(path, i), lost: &lost) else { continue }
            changed[mergeKey] = e[i][mergeKey]
            out.append(.object(changed))
        }
        return out + e[b.count...]
    }

    private static func unpatchable(_ path: String?, place: SourceLocation) -> DocFillError {
        DocFillError("unpatchable_change",
                     (path.map { "\($0): " } ?? "") + "the change cannot be written over the base file: an item removed from (or moved in) a list merged by 'id' would come back; "
                         + "make the change in the base file, or save this file without 'extends'",
                     at: place)
    }
}
