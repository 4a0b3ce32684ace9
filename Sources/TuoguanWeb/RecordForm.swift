import Foundation
import TuoguanCore
import TuoguanStore

/// One field of a recording form.
struct FormField {
    var name: String
    var label: LocalizedText
    var kind: Kind = .text
    var required = true
    var hint: LocalizedText? = nil

    enum Kind {
        case text, date, amount, number, note
        case choice([(value: String, label: LocalizedText)])
    }
}

/// A recording form (payment, refund, withdrawal, cancellation, undo, expense, correction): its fields, the
/// library call it makes, and which field a library error belongs beside.
struct RecordForm {
    var name: String
    var title: LocalizedText
    var fields: [FormField]
    /// The field an error of a code without a flag of its own belongs beside (`unknown-reference` → `student`).
    var fieldOfCode: [TuoguanError.Code: String] = [:]
    /// Records the form's entry with the logged-in user as `by`; returns what to tell the clerk.
    var record: (_ values: FormValues, _ by: String, _ language: Language) throws -> String
}

/// A form's values as the clerk typed them, read into the library's types; a value that cannot be read is an
/// error naming its field (`--amount` style keys are the command's flags, so the messages are the command's).
struct FormValues {
    let form: WebForm

    func text(_ name: String) throws -> String {
        let value = form.text(name)
        if value.isEmpty {
            throw TuoguanError(.usage, zh: "此项必填", en: "this is required", at: SourceLocation(key: "--" + name))
        }
        return value
    }

    func optional(_ name: String) -> String? {
        let value = form.text(name)
        return value.isEmpty ? nil : value
    }

    func amount(_ name: String) throws -> Money {
        do {
            return try Money(parsing: try text(name))
        } catch var error as TuoguanError {
            error.location = SourceLocation(key: "--" + name)
            throw error
        }
    }

    func date(_ name: String) throws -> CivilDate {
        let value = try text(name)
        guard let date = CivilDate(parsing: value) else {
            throw TuoguanError(
                .usage, zh: "日期“\(value)”无法识别", en: "\"\(value)\" is not a date",
                fix: LocalizedText(zh: "写成 2024-09-02、2024/9/2 或 2024年9月2日", en: "write it as 2024-09-02, 2024/9/2 or 2024年9月2日"),
                at: SourceLocation(key: "--" + name))
        }
        return date
    }

    func number(_ name: String) throws -> Int? {
        guard let value = optional(name) else { return nil }
        guard let n = Int(value), n > 0 else {
            throw TuoguanError(
                .usage, zh: "“\(value)”不是正整数", en: "\"\(value)\" is not a whole number above zero",
                at: SourceLocation(key: "--" + name))
        }
        return n
    }

    /// A word of the school's vocabulary (`微信`, `wechat`), refused with the words accepted.
    func word<T>(_ name: String, _ lookUp: (String) -> T?, accepted: LocalizedText) throws -> T {
        let value = try text(name)
        if let found = lookUp(value) { return found }
        throw TuoguanError(
            .usage, zh: "值“\(value)”无法识别", en: "\"\(value)\" is not a value this field accepts",
            fix: LocalizedText(zh: "应为：" + accepted.zh, en: "expected one of " + accepted.en), at: SourceLocation(key: "--" + name))
    }
}
