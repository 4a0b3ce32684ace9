import ArgumentParser
import Foundation
import TuoguanCore
import TuoguanStore

extension Tuoguan {
    /// `tuoguan find TEXT`: students, teachers, courses, receipts and refunds whose id or name contains TEXT.
    struct Find: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "按编号或姓名（可只写一部分）查找学生、教师、课程、收据和退费 / Find students, teachers, courses, receipts and refunds by id or (part of a) name.",
            discussion: "Example: tuoguan find 张   (then: tuoguan show student S000001)")
        @Argument(help: "An id, a name, or part of one.") var text: String
        static let limit = 50
        @OptionGroup var ledger: LedgerOptions

        func run() throws {
            let language = ledger.language
            let words = ClerkText(language: language)
            guard !text.trimmingCharacters(in: .whitespaces).isEmpty else {
                throw TuoguanError(
                    .usage, zh: "查找的内容为空", en: "nothing to look for",
                    fix: LocalizedText(zh: "写出编号或姓名的一部分，如 tuoguan find 张", en: "give an id or part of a name, like tuoguan find Zhang"))
            }
            let book = try ledger.open(readOnly: true)
            let items = try book.find(text, limit: Self.limit)
            if items.isEmpty {
                Console.say("没有找到含“\(text)”的学生、教师、课程、收据或退费", "nothing found for \"\(text)\" among students, teachers, courses, receipts and refunds", language)
                return
            }
            for item in items {
                switch item.kind {
                case .student:
                    print(words.t("学生  \(item.id)  \(item.name)  \(item.detail)", "student  \(item.id)  \(item.name)  \(item.detail)"))
                case .teacher:
                    let kind = TeacherKind(rawValue: item.detail).map(words.teacherKind) ?? item.detail
                    print(words.t("教师  \(item.id)  \(item.name)  \(kind)", "teacher  \(item.id)  \(item.name)  \(kind)"))
                case .course:
                    print(words.t("课程  \(item.id)  \(item.name)  任课 \(item.detail)", "course  \(item.id)  \(item.name)  taught by \(item.detail)"))
                case .receipt:
                    print(words.t("收据  \(item.id)  \(item.name)  \(item.detail)", "receipt  \(item.id)  \(item.name)  \(item.detail)"))
                case .refund:
                    print(words.t("退费  \(item.id)  \(item.name)  \(item.detail)", "refund  \(item.id)  \(item.name)  \(item.detail)"))
                }
            }
            Console.say(
                "共 \(items.count) 条；详情：tuoguan show student|receipt|refund 编号",
                "\(items.count) found; details: tuoguan show student|receipt|refund ID", language)
            let full = Dictionary(grouping: items, by: \.kind).filter { $0.value.count >= Self.limit }
            if !full.isEmpty {
                Console.say(
                    "（每类最多列出 \(Self.limit) 条，可能还有更多：请写得更具体，如完整学号或全名）",
                    "(at most \(Self.limit) of each kind are listed and there may be more: be more specific, like a whole id or name)",
                    language)
            }
        }
    }
}
