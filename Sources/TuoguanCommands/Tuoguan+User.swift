import ArgumentParser
import Foundation
import TuoguanCore
import TuoguanStore
import TuoguanWeb

extension AccountRole: ExpressibleByArgument {}

extension Tuoguan {
    /// `tuoguan user add|list|disable`: the accounts of the web page.
    struct User: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: Tuoguan.text("网页账户：添加、列出、停用", "Accounts of the web page: add, list, disable."),
            discussion: Tuoguan.text(
                "示例：tuoguan user add 王会计 --role clerk；tuoguan user add 李老师 --role teacher --class 1年级1班",
                "Example: tuoguan user add Wang --role clerk; tuoguan user add Li --role teacher --class 1年级1班"),
            subcommands: [UserAdd.self, UserList.self, UserDisable.self])
    }

    struct UserAdd: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add",
            abstract: Tuoguan.text("添加账户（密码在提示下输入两次，或从标准输入读两行）", "Add an account (the password twice at a prompt, or two lines on standard input)."))
        @Argument(help: ArgumentHelp(zh: "账户名（登录时输入，如 王会计）。", en: "The account name (typed at login).")) var name: String
        @Option(name: .long, help: ArgumentHelp(zh: "角色：clerk 会计、committee 家委会、principal 校长、teacher 班主任。", en: "clerk, committee, principal or teacher."))
        var role: AccountRole
        @Option(name: .customLong("class"), help: ArgumentHelp(zh: "班主任的班级（如 1年级1班）或课程编号。", en: "A teacher's class (e.g. 1年级1班) or course id.", valueName: "class"))
        var className: String?
        @OptionGroup var ledger: LedgerOptions
        @OptionGroup var recorder: RecorderOption

        func validate() throws {
            if role == .teacher && (className ?? "").isEmpty {
                throw ValidationError(Tuoguan.text("班主任账户需要 --class（班级或课程编号）", "a teacher's account needs --class (a class or a course id)"))
            }
            if role != .teacher && className != nil {
                throw ValidationError(Tuoguan.text("只有班主任账户有 --class", "only a teacher's account takes --class"))
            }
        }

        func run() throws {
            let book = try ledger.open()
            if try book.account(named: name) != nil {
                throw usageError("账户 \(name) 已存在", "the account \(name) exists already", flag: "NAME", fix: LocalizedText(zh: "换一个名字", en: "choose another name"))
            }
            let password = try PasswordPrompt.twice(ledger.language)
            try book.addAccount(
                Account(name: name, role: role, scope: className, passwordHash: WebAccounts.hash(password)), by: recorder.name)
            Console.say(
                "已添加账户 \(name)（\(role.title(.zh))\(className.map { "，\($0)" } ?? "")）",
                "added account \(name) (\(role.title(.en))\(className.map { ", \($0)" } ?? ""))", ledger.language)
        }
    }

    struct UserList: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: Tuoguan.text("列出账户", "List the accounts."))
        @OptionGroup var ledger: LedgerOptions

        func run() throws {
            let accounts = try ledger.open(readOnly: true).accounts()
            let language = ledger.language
            if accounts.isEmpty { return Console.say("还没有账户", "no accounts yet", language) }
            for a in accounts {
                let state = a.disabled ? (language == .zh ? "已停用" : "disabled") : (language == .zh ? "可用" : "active")
                print("\(a.name)\t\(a.role.title(language))\t\(a.scope ?? "")\t\(state)")
            }
        }
    }

    struct UserDisable: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "disable", abstract: Tuoguan.text("停用账户（立即退出登录，记录保留其名字）", "Disable an account (logged out at once; its records keep its name)."))
        @Argument(help: ArgumentHelp(zh: "账户名。", en: "The account name.")) var name: String
        @OptionGroup var ledger: LedgerOptions
        @OptionGroup var recorder: RecorderOption

        func run() throws {
            try ledger.open().disableAccount(name, by: recorder.name)
            Console.say("已停用账户 \(name)", "disabled account \(name)", ledger.language)
        }
    }
}

/// Reads a new password twice: at a prompt without echo on a terminal, else two lines of standard input.
enum PasswordPrompt {
    static func twice(_ language: Language) throws -> String {
        let terminal = isatty(STDIN_FILENO) == 1
        let first = terminal ? secret(language == .zh ? "密码：" : "Password: ") : readLine(strippingNewline: true)
        let second = terminal ? secret(language == .zh ? "再输一次：" : "Again: ") : readLine(strippingNewline: true)
        guard let first, let second else {
            throw TuoguanError(.usage, zh: "没有读到两遍密码", en: "the password was not given twice",
                fix: LocalizedText(zh: "在提示下输入两次，或从标准输入给出两行", en: "type it twice at the prompt, or give two lines on standard input"))
        }
        guard first == second else {
            throw TuoguanError(.usage, zh: "两次输入的密码不一样", en: "the two passwords differ", fix: LocalizedText(zh: "重新运行，两次输入相同的密码", en: "run it again and type the same password twice"))
        }
        if let problem = WebAccounts.passwordProblem(first) { throw TuoguanError(.usage, zh: problem.zh, en: problem.en) }
        return first
    }

    /// A line typed without echo.
    static func secret(_ prompt: String) -> String? {
        FileHandle.standardError.write(Data(prompt.utf8))
        var saved = termios()
        tcgetattr(STDIN_FILENO, &saved)
        var quiet = saved
        quiet.c_lflag &= ~tcflag_t(ECHO)
        tcsetattr(STDIN_FILENO, TCSANOW, &quiet)
        defer {
            tcsetattr(STDIN_FILENO, TCSANOW, &saved)
            FileHandle.standardError.write(Data("\n".utf8))
        }
        return readLine(strippingNewline: true)
    }
}
