import ArgumentParser
import Foundation
import TuoguanCore

/// One language on the screen: the argument parser's own messages and help (English, from the library)
/// put into Chinese when the user's language is Chinese, and the school's texts chosen by language.
///
/// ```swift
/// @Option(help: ArgumentHelp(zh: "收据号", en: "Receipt number.")) var receipt: String
/// // With LANG=zh_CN.UTF-8: 错误：选项 --method 的值“微信x”无效
/// ```
extension Tuoguan {
    /// The language of this run: `--lang` among the process's arguments, else the locale.
    static let language: Language = Console.language(explicit: languageFlag(in: Array(CommandLine.arguments.dropFirst())))

    /// The text of `zh` or `en`, by the language of this run (for help texts, fixed when the parser builds them).
    static func text(_ zh: String, _ en: String) -> String { language == .zh ? zh : en }

    /// The arguments as the parser should see them: a negative number given to an option
    /// (`--amount -60`) is joined to it (`--amount=-60`), so the command says what is wrong with the
    /// amount instead of the parser saying the value is missing.
    static func prepared(_ arguments: [String]) -> [String] {
        var out: [String] = []
        var i = 0
        while i < arguments.count {
            let argument = arguments[i]
            if argument.hasPrefix("--"), !argument.contains("="), i + 1 < arguments.count,
                isNegativeNumber(arguments[i + 1])
            {
                out.append(argument + "=" + arguments[i + 1])
                i += 2
            } else {
                out.append(argument)
                i += 1
            }
        }
        return out
    }

    static func isNegativeNumber(_ text: String) -> Bool {
        guard text.hasPrefix("-"), text.count > 1 else { return false }
        return text.dropFirst().allSatisfy { $0.isASCII && ($0.isNumber || $0 == "." || $0 == ",") }
    }

    /// Writes the parser's message for `error` (help, or a usage error) in `language` and exits with the
    /// parser's code: help on stdout (0), errors on stderr (64).
    static func exitWithParserMessage(_ error: Error, _ language: Language) -> Never {
        let code = exitCode(for: error)
        var message = fullMessage(for: error)
        if language == .zh { message = ParserMessages.chinese(message) }
        if code == .success {
            if !message.isEmpty { print(message) }
            Foundation.exit(0)
        }
        FileHandle.standardError.write(Data((message + "\n").utf8))
        Foundation.exit(code.rawValue)
    }
}

extension ArgumentHelp {
    /// Help in the language of this run.
    init(zh: String, en: String, valueName: String? = nil) {
        self.init(Tuoguan.text(zh, en), valueName: valueName)
    }
}

extension Stopwatch {
    /// `1.25s`, or `1.25 秒` in Chinese.
    func seconds(_ language: Language) -> String {
        language == .zh ? String(seconds.dropLast()) + " 秒" : seconds
    }
}
