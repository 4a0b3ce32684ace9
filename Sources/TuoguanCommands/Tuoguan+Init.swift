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

        @Option(name: .long, help: ArgumentHelp(
            zh: "学校的规则文件（rules 文件夹中的 .toml），或内置方案的名称：\(BundledRules.names.joined(separator: "、"))。",
            en: "The school's rules file (rules/*.toml), or a built-in plan's name: \(BundledRules.names.joined(separator: ", ")).",
            valueName: "file"))
        var rules: String

        @OptionGroup var ledger: LedgerOptions
        @OptionGroup var recorder: RecorderOption

        func run() throws {
            let language = ledger.language
            let (text, file) = try BundledRules.load(rules, flag: "--rules")
            let plan = try RulesLoader.parse(text, file: file)
            _ = try Ledger.create(at: ledger.path, rules: plan, rulesText: text, rulesFile: file, by: recorder.name)
            if file != rules {
                Console.say("（使用内置规则文件 \(file)）", "(using the built-in rules file \(file))", language)
            }
            Console.say(
                "已新建账本 \(ledger.path)：\(plan.school) \(plan.termTitle)（\(plan.starts) 至 \(plan.ends)，\(plan.policies.count) 种收费政策）",
                "created ledger \(ledger.path): \(plan.school) \(plan.termTitle) (\(plan.starts) to \(plan.ends), \(plan.policies.count) policies)",
                language)
        }
    }
}
