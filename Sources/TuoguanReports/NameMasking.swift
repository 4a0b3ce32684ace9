/// Names as they may appear in the disclosure for all parents.
public enum NameMasking {
    /// `张小明` → `张*明`, `欧阳小明` → `欧**明`, `张三` → `张*`, `明` → `*`. Characters are user-perceived
    /// characters (graphemes), not bytes.
    ///
    /// ```swift
    /// NameMasking.mask("张小明")   // "张*明"
    /// ```
    public static func mask(_ name: String) -> String {
        let chars = Array(name.trimmingCharacters())
        switch chars.count {
        case 0: return ""
        case 1: return "*"
        case 2: return String(chars[0]) + "*"
        default:
            return String(chars[0]) + String(repeating: "*", count: chars.count - 2) + String(chars[chars.count - 1])
        }
    }
}

extension String {
    func trimmingCharacters() -> Substring {
        var s = Substring(self)
        while let f = s.first, f.isWhitespace { s.removeFirst() }
        while let l = s.last, l.isWhitespace { s.removeLast() }
        return s
    }
}
