import TuoguanCore

/// The school's words for the command line: the same tables the files use (``ImportWords``), so
/// `--method 微信` and a payments file's `微信` mean the same.
///
/// ```swift
/// SchoolWords.method("微信支付")    // .wechat
/// SchoolWords.reason("请假")        // .personalLeave
/// SchoolWords.importKind("学生")    // .students
/// ```
public enum SchoolWords {
    /// A word as looked up: spaces at either end dropped, Latin letters in lower case, full-width
    /// brackets as half-width.
    public static func normalized(_ text: String) -> String {
        var out = text.trimmedSpaces.lowercased()
        if out.contains(where: { "（）【】".contains($0) }) {
            out = String(out.map { c -> Character in
                switch c {
                case "（", "【": return "("
                case "）", "】": return ")"
                default: return c
                }
            })
        }
        return out
    }

    static func lookUp<T>(_ text: String, _ words: [String: T]) -> T? {
        words[text] ?? words[normalized(text)]
    }

    public static func method(_ text: String) -> PaymentMethod? { lookUp(text, ImportWords.methods) }
    public static func reason(_ text: String) -> RefundReason? { lookUp(text, ImportWords.reasons) }
    public static func importKind(_ text: String) -> ImportKind? { lookUp(text, ImportWords.kinds) }

    /// The words of a table for a message, grouped by meaning: in English `cash (现金), wechat (微信, 微信支付 …)`,
    /// in Chinese `现金（cash）；微信、微信支付（wechat）…`.
    static func listed<T>(_ words: [String: T]) -> (english: String, chinese: String) {
        var groups: [String: (english: [String], chinese: [String])] = [:]
        for (word, value) in words {
            // The canonical word (`cancelled`, `personal_leave`) names its group and comes first.
            let key = (value as? String) ?? ((value as? any RawRepresentable)?.rawValue as? String) ?? String(describing: value)
            if word.allSatisfy(\.isASCII) { groups[key, default: ([], [])].english.append(word) } else {
                groups[key, default: ([], [])].chinese.append(word)
            }
        }
        let ordered = groups.map { key, group in
            ([key] + group.english.filter { $0 != key }.sorted(), group.chinese.sorted())
        }.sorted { $0.0[0] < $1.0[0] }
        let english = ordered.map { group in
            group.0[0] + (group.1.isEmpty ? "" : " (" + group.1.joined(separator: ", ") + ")")
        }.joined(separator: ", ")
        let chinese = ordered.map { group in
            group.1.joined(separator: "、") + (group.0.first.map { "（\($0)）" } ?? "")
        }.joined(separator: "；")
        return (english, chinese)
    }

    /// What `--method` accepts, in both languages: `现金、微信 …（或 cash, wechat …）`.
    public static var methodsAccepted: LocalizedText { accepted(ImportWords.methods) }
    /// What `--reason` of a refund accepts.
    public static var reasonsAccepted: LocalizedText { accepted(ImportWords.reasons) }
    /// What the KIND of `import` accepts.
    public static var kindsAccepted: LocalizedText {
        LocalizedText(
            zh: ImportKind.allCases.map { "\($0.chineseName)（\($0.rawValue)）" }.joined(separator: "、"),
            en: ImportKind.allCases.map { "\($0.rawValue) (\($0.chineseName))" }.joined(separator: ", "))
    }

    static func accepted<T>(_ words: [String: T]) -> LocalizedText {
        let (english, chinese) = listed(words)
        return LocalizedText(zh: chinese, en: english)
    }
}
