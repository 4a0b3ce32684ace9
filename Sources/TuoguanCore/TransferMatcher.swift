/// Matches incoming transfers to families, in this order, and says why for each:
///
/// 1. a 学号 in the memo (备注, 附言, 商品): matched;
/// 2. the child's name in the memo: with the class as well, matched; alone, suggested if the name is the only
///    one in the school;
/// 3. a payer the clerk confirmed for a family before (``IncomingTransfer/payerKey``): matched when one family,
///    suggested when the amount picks one of several (brothers and sisters);
/// 4. otherwise the one family whose amount due equals the transfer and whose class or name is hinted (in the
///    memo, or the payer shares the child's surname): suggested.
///
/// Anything else is unmatched (待认领). A transfer whose id is a payment already, or on the suspense list, is
/// said so and never matched again. Pure: the families' amounts due are the statement's, given by the caller.
///
/// ```swift
/// let matcher = TransferMatcher(families: dues, payers: ["wechat:小明妈妈": ["S000001"]])
/// matcher.match(transfer)   // .matched(studentId: "S000001", reason: .studentId("S000001"))
/// ```
public struct TransferMatcher: Sendable {
    let families: [FamilyDue]
    let byId: [String: FamilyDue]
    let byName: [String: [FamilyDue]]
    let payers: [String: [String]]
    let recorded: [String: String]
    let held: Set<String>
    /// The longest name, in characters: the memo's substrings looked up are no longer.
    let longestName: Int

    /// `payers`: payer key → the students confirmed for it; `recorded`: transfer id → the student of the payment
    /// recorded under it; `held`: the transfer ids on the suspense list.
    public init(
        families: [FamilyDue], payers: [String: [String]] = [:], recorded: [String: String] = [:],
        held: Set<String> = []
    ) {
        self.families = families
        byId = Dictionary(families.map { ($0.student.id, $0) }, uniquingKeysWith: { a, _ in a })
        byName = Dictionary(grouping: families.filter { $0.student.name.count >= 2 }, by: { $0.student.name })
        longestName = byName.keys.map(\.count).max() ?? 0
        self.payers = payers
        self.recorded = recorded
        self.held = held
    }

    /// Every transfer with its verdict, in the file's order.
    public func match(_ transfers: [IncomingTransfer]) -> [TransferMatch] {
        transfers.map { TransferMatch(transfer: $0, verdict: match($0)) }
    }

    /// The verdict for one transfer.
    public func match(_ t: IncomingTransfer) -> TransferVerdict {
        if let student = recorded[t.id] { return .alreadyRecorded(studentId: student) }
        if held.contains(t.id) { return .alreadyHeld }
        let memo = Self.folded(t.memo)
        var why: [LocalizedText] = []
        let ids = studentIds(in: Self.folded(t.memo, keepingSpaces: true))
        if ids.count == 1 { return .matched(studentId: ids[0], reason: .studentId(ids[0])) }
        if ids.count > 1 {
            let list = ids.joined(separator: "、")
            return .unmatched(why: LocalizedText(zh: "备注中有多个学号：\(list)", en: "the memo names several students: \(list)"))
        }
        switch byName(memo) {
        case .decided(let verdict): return verdict
        case .note(let text): why.append(text)
        case .nothing: break
        }
        switch byPayer(t) {
        case .decided(let verdict): return verdict
        case .note(let text): why.append(text)
        case .nothing: break
        }
        if let verdict = byAmountDue(t, memo: memo) { return verdict }
        let none = LocalizedText(zh: "备注中没有学号或姓名，也没有唯一欠缴此金额的家庭", en: "no student id or name in the memo, and no one family owes this amount")
        return .unmatched(why: why.first ?? none)
    }

    /// What one rule found: a verdict, a note for the unmatched line, or nothing.
    enum Finding {
        case decided(TransferVerdict)
        case note(LocalizedText)
        case nothing
    }

    /// The distinct student ids among the memo's runs of letters and digits.
    func studentIds(in memo: String) -> [String] {
        var found: [String] = []
        var run = ""
        for ch in memo + " " {
            if ch.isASCII && (ch.isLetter || ch.isNumber) {
                run.append(ch)
                continue
            }
            for candidate in [run, run.uppercased()] where byId[candidate] != nil && !found.contains(candidate) {
                found.append(candidate)
                break
            }
            run = ""
        }
        return found
    }

    /// Rule 2: names in the memo, narrowed by the class.
    func byName(_ memo: String) -> Finding {
        let names = namesIn(memo)
        if names.isEmpty { return .nothing }
        let candidates = names.flatMap { byName[$0] ?? [] }
        let inClass = candidates.filter { memo.contains(Self.folded($0.student.className)) }
        if inClass.count == 1 {
            let s = inClass[0].student
            return .decided(.matched(studentId: s.id, reason: .nameAndClass(name: s.name, className: s.className)))
        }
        if inClass.isEmpty && candidates.count == 1 {
            let s = candidates[0].student
            return .decided(.suggested(studentId: s.id, reason: .name(s.name)))
        }
        let list = names.joined(separator: "、")
        let count = (inClass.isEmpty ? candidates : inClass).count
        return .note(LocalizedText(
            zh: "备注中的姓名 \(list) 对应 \(count) 个学生，请在备注中写学号或指定学生",
            en: "the name \(list) in the memo fits \(count) students; give the student id"))
    }

    /// The students' names found in the memo; a name inside a longer one found (小明 in 王小明) is left out.
    func namesIn(_ memo: String) -> [String] {
        let chars = Array(memo)
        var found: Set<String> = []
        if longestName >= 2 && chars.count >= 2 {
            for start in 0..<(chars.count - 1) {
                for length in 2...min(longestName, chars.count - start) {
                    let text = String(chars[start..<(start + length)])
                    if byName[text] != nil { found.insert(text) }
                }
            }
        }
        return found.filter { name in !found.contains { $0 != name && $0.contains(name) } }.sorted()
    }

    /// Rule 3: a payer confirmed before.
    func byPayer(_ t: IncomingTransfer) -> Finding {
        let known = (payers[t.payerKey] ?? []).filter { byId[$0] != nil }
        if known.count == 1 { return .decided(.matched(studentId: known[0], reason: .rememberedPayer(t.payer))) }
        if known.count > 1 {
            let owing = known.filter { byId[$0]?.due == t.amount }
            if owing.count == 1 { return .decided(.suggested(studentId: owing[0], reason: .rememberedPayer(t.payer))) }
            let list = known.joined(separator: "、")
            return .note(LocalizedText(zh: "付款人“\(t.payer)”以前为 \(list) 付过款，请指定学生", en: "payer \"\(t.payer)\" paid for \(list) before; name the student"))
        }
        return .nothing
    }

    /// Rule 4: the one family that owes exactly the amount and is hinted by class or name.
    func byAmountDue(_ t: IncomingTransfer, memo: String) -> TransferVerdict? {
        let payer = Self.folded(t.payer)
        var hinted: [(FamilyDue, LocalizedText)] = []
        for family in families where family.due == t.amount && family.due.fen > 0 {
            if let hint = Self.hint(family.student, memo: memo, payer: payer) { hinted.append((family, hint)) }
        }
        guard hinted.count == 1 else { return nil }
        let (family, hint) = hinted[0]
        return .suggested(studentId: family.student.id, reason: .amountDue(due: family.due, hint: hint))
    }

    /// What hints at `student`: the class in the memo, the given name in the memo or the payer's name, or the
    /// payer sharing the surname.
    static func hint(_ student: Student, memo: String, payer: String) -> LocalizedText? {
        let className = folded(student.className)
        if !className.isEmpty && memo.contains(className) {
            return LocalizedText(zh: "备注中有班级 \(student.className)", en: "the memo names the class \(student.className)")
        }
        let given = String(student.name.dropFirst())
        if given.count >= 2 && (memo.contains(given) || payer.contains(given)) {
            return LocalizedText(zh: "备注或付款人中有“\(given)”", en: "the memo or the payer has \"\(given)\"")
        }
        if let surname = student.name.first, payer.count >= 2, payer.first == surname {
            return LocalizedText(zh: "付款人“\(payer)”与学生同姓", en: "the payer \"\(payer)\" shares the child's surname")
        }
        return nil
    }

    /// Full-width letters, digits and brackets to half-width, spaces and brackets removed: `三（2）班` and
    /// `三(2)班` are the same class, `Ｓ０００００１` is `S000001`.
    /// `keepingSpaces`: spaces stay (they part two 学号 written side by side).
    public static func folded(_ text: String, keepingSpaces: Bool = false) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            var s = scalar
            if s.value >= 0xFF01 && s.value <= 0xFF5E, let half = Unicode.Scalar(s.value - 0xFEE0) { s = half }
            if keepingSpaces && (s == " " || s == "\u{3000}" || s == "\t") {
                out.unicodeScalars.append(" ")
                continue
            }
            if s == " " || s == "\u{3000}" || s == "\t" || s == "(" || s == ")" { continue }
            out.unicodeScalars.append(s)
        }
        return out
    }
}
