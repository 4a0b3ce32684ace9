/// An import with one wrong column reports the same problem on every row: shown whole, thousands of lines
/// bury the first one. Bounded, each kind of problem (same code, same file, same column or key) shows its
/// first few and then how many more there are, and a count of all closes the list.
///
/// ```swift
/// print(error.rendered(.zh, firstOfEachKind: 20))
/// // …以及另外 6,892 行同类错误（[bad-input]，第 3 列）
/// // 共 6,912 个错误；加 --all-errors 显示全部
/// ```
extension TuoguanError {
    /// What makes two problems "of the same kind": code, file, sheet and column (or key).
    var kindKey: String {
        let place = location.map { l in "\(l.file ?? "")|\(l.sheet ?? "")|\(l.column.map(String.init) ?? l.key ?? "")" } ?? ""
        return code.rawValue + "|" + place
    }

    /// This error and the ones in ``more``, in one language, showing at most `limit` of each kind (nil: all),
    /// then for each kind cut short how many were left out, and the total when there is more than one.
    public func rendered(_ language: Language, firstOfEachKind limit: Int?, allErrorsFlag: String = "--all-errors") -> String {
        var head = self
        head.more = []
        let all = [head] + more.map { e -> TuoguanError in
            var copy = e
            copy.more = []
            return copy
        }
        var shown: [String] = []
        var counts: [String: Int] = [:]
        var order: [(key: String, first: TuoguanError)] = []
        for error in all {
            let key = error.kindKey
            let seen = counts[key, default: 0]
            if seen == 0 { order.append((key, error)) }
            counts[key] = seen + 1
            if limit.map({ seen < $0 }) ?? true { shown.append(error.rendered(language)) }
        }
        var cut = false
        if let limit {
            for (key, first) in order where counts[key]! > limit {
                cut = true
                let left = Self.grouped(counts[key]! - limit)
                var whereZh = ""
                var whereEn = ""
                if let column = first.location?.column {
                    let name = first.location?.sheet != nil ? SourceLocation.columnLetters(column) : String(column)
                    whereZh = "，第 \(name) 列"
                    whereEn = " in column \(name)"
                } else if let key = first.location?.key {
                    whereZh = "，\(key)"
                    whereEn = " at \(key)"
                }
                shown.append(
                    language == .zh
                        ? "…以及另外 \(left) 行同类错误（[\(first.code.rawValue)]\(whereZh)）"
                        : "… and \(left) more of the same kind ([\(first.code.rawValue)]\(whereEn))")
            }
        }
        if all.count > 1 {
            let total = Self.grouped(all.count)
            if language == .zh {
                shown.append("共 \(total) 个错误" + (cut ? "；加 \(allErrorsFlag) 显示全部" : ""))
            } else {
                shown.append("\(total) errors in all" + (cut ? "; add \(allErrorsFlag) to show every one" : ""))
            }
        }
        return shown.joined(separator: "\n")
    }

    /// `6892` → `6,892`.
    static func grouped(_ n: Int) -> String {
        let digits = Array(String(n.magnitude))
        var out = ""
        for (i, d) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(d)
        }
        return (n < 0 ? "-" : "") + out
    }
}
