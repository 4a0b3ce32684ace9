import ArgumentParser
import Foundation
import TuoguanCore
import TuoguanRules
import TuoguanStore

extension Tuoguan {
    /// `tuoguan init`: a new ledger for one term under one plan.
    struct Init: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: Tuoguan.text("新建一个学期账本", "Create a new ledger for a term under a plan."),
            discussion: Tuoguan.text("示例：tuoguan init --rules rules/one-plus-x.toml --db school.sqlite", "Example: tuoguan init --rules rules/one-plus-x.toml --db school.sqlite"))

        @Option(name: .long, help: ArgumentHelp(zh: "学校的规则文件（rules 文件夹中的 .toml）。", en: "The school's rules file (rules/*.toml).", valueName: "file"))
        var rules: String

        @OptionGroup var ledger: LedgerOptions
        @OptionGroup var recorder: RecorderOption

        func run() throws {
            let language = ledger.language
            guard let text = try? String(contentsOfFile: rules, encoding: .utf8) else {
                throw TuoguanError(
                    .fileMissing, zh: "找不到规则文件 \(rules)", en: "rules file \(rules) not found",
                    fix: LocalizedText(zh: "用 --rules 指定 rules/ 下的某个 .toml 文件", en: "pass --rules with one of the .toml files in rules/"),
                    at: SourceLocation(key: "--rules"))
            }
            let plan = try RulesLoader.parse(text, file: rules)
            _ = try Ledger.create(at: ledger.path, rules: plan, rulesText: text, rulesFile: rules, by: recorder.name)
            Console.say(
                "已新建账本 \(ledger.path)：\(plan.school) \(plan.term)（\(plan.starts) 至 \(plan.ends)，\(plan.policies.count) 种收费政策）",
                "created ledger \(ledger.path): \(plan.school) \(plan.term) (\(plan.starts) to \(plan.ends), \(plan.policies.count) policies)",
                language)
        }
    }
}
