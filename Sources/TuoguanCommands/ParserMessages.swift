import Foundation

/// The argument parser's English texts in Chinese: its headings (`USAGE:`, `OPTIONS:` …), its error
/// sentences (`Missing value for '--amount <amount>'`) and its hints. Help texts of the commands are
/// already in the user's language (``ArgumentHelp/init(zh:en:valueName:)``); this turns the frame.
///
/// ```swift
/// ParserMessages.chinese("Error: Missing value for '--amount <amount>'")  // "错误：选项 --amount 缺少值"
/// ```
enum ParserMessages {
    /// Whole-line and in-line replacements, applied in order.
    static let phrases: [(String, String)] = [
        ("OVERVIEW: ", "概述："), ("USAGE: ", "用法："), ("OVERVIEW:", "概述："), ("USAGE:", "用法："), ("ARGUMENTS:", "参数："), ("OPTIONS:", "选项："),
        ("SUBCOMMANDS:", "子命令："), ("Show help information.", "显示帮助。"), ("Show the version.", "显示版本。"),
        ("See 'tuoguan help <subcommand>' for detailed help.", "查看某个子命令的详细说明：tuoguan help <子命令>"),
    ]

    /// Error sentences: pattern → Chinese template (`$1`, `$2` are the captured parts).
    static let sentences: [(NSRegularExpression, String)] = [
        (#"^Missing value for '(--?[^ ']+)[^']*'$"#, "选项 $1 缺少值"),
        (#"^Missing expected argument '(--?[^ ']+)[^']*'$"#, "缺少必需的选项 $1"),
        (#"^Missing expected argument '<([^>]+)>'$"#, "缺少必需的参数 <$1>"),
        (#"^The value '(.*)' is invalid for '(--?[^ ']+)[^']*'\. Please provide one of the following:$"#, "选项 $2 的值“$1”无效，应为以下之一："),
        (#"^The value '(.*)' is invalid for '<([^>]+)>'\. Please provide one of the following:$"#, "参数 <$2> 的值“$1”无效，应为以下之一："),
        (#"^The value '(.*)' is invalid for '(--?[^ ']+)[^']*'.*$"#, "选项 $2 的值“$1”无效"),
        (#"^The value '(.*)' is invalid for '<([^>]+)>'.*$"#, "参数 <$2> 的值“$1”无效"),
        (#"^Unknown option '([^']+)'\. Did you mean '([^']+)'\?$"#, "不认识的选项 $1（是不是想写 $2？）"),
        (#"^Unknown option '([^']+)'$"#, "不认识的选项 $1"),
        (#"^Unexpected argument '(.*)'$"#, "多余的参数“$1”"),
        (#"^Unexpected arguments (.*)$"#, "多余的参数 $1"),
        (#"^Unknown subcommand '(.*)'.*$"#, "没有子命令“$1”"),
    ].map { (try! NSRegularExpression(pattern: $0.0), $0.1) }

    /// `message` (the parser's full text) with its English frame in Chinese.
    static func chinese(_ message: String) -> String {
        var out = message.split(separator: "\n", omittingEmptySubsequences: false).map { line(String($0)) }
            .joined(separator: "\n")
        // `(default: wechat)` and `(values: zh, en)`, which the help formatter may wrap over two lines.
        for (en, zh) in [("default", "默认"), ("values", "可选值")] {
            out = out.replacingOccurrences(of: #"\(\#(en):\s+([^)]*)\)"#, with: "（\(zh)：$1）", options: .regularExpression)
        }
        return out
    }

    static func line(_ text: String) -> String {
        var out = text
        if out.hasPrefix("Error: ") { out = "错误：" + sentence(String(out.dropFirst("Error: ".count))) }
        if out.hasPrefix("Help:  ") { out = "说明：" + out.dropFirst("Help:  ".count) }
        if out.hasPrefix("Usage: ") { out = "用法：" + out.dropFirst("Usage: ".count) }
        out = out.replacingOccurrences(
            of: #"See 'tuoguan help (.+) <subcommand>' for detailed help\."#, with: "查看子命令的详细说明：tuoguan help $1 <子命令>",
            options: .regularExpression)
        if let range = out.range(of: #"See '(.+) --help' for more information\."#, options: .regularExpression) {
            let command = out[range].dropFirst("See '".count).dropLast("' for more information.".count)
            out.replaceSubrange(range, with: "详见 \(command)")
        }
        for (en, zh) in phrases { out = out.replacingOccurrences(of: en, with: zh) }
        return out
    }

    static func sentence(_ text: String) -> String {
        let whole = NSRange(text.startIndex..., in: text)
        for (pattern, template) in sentences {
            if pattern.firstMatch(in: text, range: whole) != nil {
                return pattern.stringByReplacingMatches(in: text, range: whole, withTemplate: template)
            }
        }
        return text
    }
}
