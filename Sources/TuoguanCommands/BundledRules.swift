import Foundation
import TuoguanCore

/// The rules files of `rules/`, built into the executable (`BundledRules+Files.swift`, written by
/// `scripts/bundle-rules`), so that `demo` runs from any folder and `init` can name them.
///
/// A `--rules` value is read as a file first; when there is no such file, a bundled rules file of that
/// name is used (`rules/one-plus-x.toml`, `one-plus-x.toml` or `one-plus-x`), and the folder `rules/`
/// beside the executable is looked in too.
///
/// ```swift
/// let (text, file) = try BundledRules.load("rules/one-plus-x.toml", flag: "--rules")
/// BundledRules.names   // ["city-5plus2", …, "xiwei-monthly"]
/// ```
enum BundledRules {
    /// The bundled files' names without `.toml`.
    static var names: [String] { files.map { String($0.name.dropLast(".toml".count)) } }

    /// The bundled text for `value` (a path or a name), if it names a bundled file.
    static func text(named value: String) -> String? {
        var name = (value as NSString).lastPathComponent
        if !name.hasSuffix(".toml") { name += ".toml" }
        return files.first { $0.name == name }.map { $0.text + "\n" }
    }

    /// The text of the rules file `value`: the file itself, else `rules/NAME` beside the executable, else the
    /// bundled copy. The error names the flag and the bundled files.
    static func load(_ value: String, flag: String) throws -> (text: String, file: String) {
        if let text = try? String(contentsOfFile: value, encoding: .utf8) { return (text, value) }
        let executable = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        for folder in [executable, executable.deletingLastPathComponent(), executable.deletingLastPathComponent().deletingLastPathComponent()] {
            let path = folder.appendingPathComponent("rules").appendingPathComponent((value as NSString).lastPathComponent).path
            if value.hasSuffix(".toml"), let text = try? String(contentsOfFile: path, encoding: .utf8) { return (text, path) }
        }
        if let text = text(named: value) {
            let name = (value as NSString).lastPathComponent
            return (text, "rules/" + (name.hasSuffix(".toml") ? name : name + ".toml"))
        }
        throw TuoguanError(
            .fileMissing, zh: "找不到规则文件 \(value)", en: "rules file \(value) not found",
            fix: LocalizedText(
                zh: "用 \(flag) 指定规则文件的路径，或内置方案之一：\(names.joined(separator: "、"))（如 \(flag) one-plus-x）",
                en: "pass \(flag) with the path of a rules file, or one of the built-in plans: \(names.joined(separator: ", ")) (e.g. \(flag) one-plus-x)"),
            at: SourceLocation(key: flag))
    }
}
