import TOMLKit
import TuoguanCore

extension RulesDecoder {
    /// The banks' statement layouts (`[banks.NAME]`), each named once and used by `reconcile --bank NAME`.
    /// Problems: an unknown key, a missing required one, a value that is not a column name (or a list of them
    /// for `memo` and `incoming`).
    ///
    /// ```toml
    /// [banks.gongshang]
    /// date = "交易日期"
    /// amount = "收入金额"
    /// payer = "对方户名"
    /// account = "对方账号"
    /// memo = ["摘要", "附言"]
    /// id = "交易流水号"
    /// ```
    func banks(_ root: TOMLTable) -> [String: BankLayout] {
        guard let t = table(root, "", "banks") else { return [:] }
        var out: [String: BankLayout] = [:]
        for name in t.keys.sorted() {
            let path = "banks.\(name)"
            guard let bank = table(t, "banks", name) else { continue }
            checkKeys(bank, path, known: BankLayout.keys)
            var values: [String: [String]] = [:]
            for key in BankLayout.keys where has(bank, key) {
                if let text = bank[key]?.string, !text.trimmedSpaces().isEmpty {
                    values[key] = [text]
                } else if let list = bank[key]?.array?.compactMap({ $0.string }), !list.isEmpty {
                    values[key] = list
                } else {
                    report(
                        at: "\(path).\(key)", zh: "`\(key)` 应为列名（或列名的数组）", en: "`\(key)` must be a column name (or an array of them)",
                        fix: LocalizedText(zh: "写成 \(key) = \"附言\"", en: "write \(key) = \"附言\""))
                }
            }
            do {
                out[name] = try BankLayout(values: values, at: SourceLocation(key: path))
            } catch let error as TuoguanError {
                report(.rulesInvalid, at: path, onValue: false, zh: error.message.zh, en: error.message.en, fix: error.fix)
            } catch {}
        }
        return out
    }
}
