import Testing

@testable import TuoguanCore

/// Each matching rule, in its order, on a small school: 王小明 (S000001, 三(2)班, owes 240.00), 王小明
/// (S000002, 三(3)班, owes 240.00: the same name in another class), 李华 (S000003, 一(1)班, owes 160.00),
/// 张思远 (S000004, 二(1)班, owes 160.00), 赵一 (S000005, 二(1)班, owes nothing).
@Suite struct TransferMatcherTests {
    static let families = [
        FamilyDue(student: Student(id: "S000001", name: "王小明", grade: 3, className: "三(2)班"), due: Money(fen: 24000)),
        FamilyDue(student: Student(id: "S000002", name: "王小明", grade: 3, className: "三(3)班"), due: Money(fen: 24000)),
        FamilyDue(student: Student(id: "S000003", name: "李华", grade: 1, className: "一(1)班"), due: Money(fen: 16000)),
        FamilyDue(student: Student(id: "S000004", name: "张思远", grade: 2, className: "二(1)班"), due: Money(fen: 16000)),
        FamilyDue(student: Student(id: "S000005", name: "赵一", grade: 2, className: "二(1)班"), due: .zero),
    ]

    static func transfer(_ memo: String, payer: String = "微信用户", fen: Int64 = 24000, id: String = "T1") -> IncomingTransfer {
        IncomingTransfer(id: id, method: .wechat, date: CivilDate(parsing: "2024-09-02")!, payer: payer, memo: memo, amount: Money(fen: fen))
    }

    let matcher = TransferMatcher(families: TransferMatcherTests.families)

    @Test("rule 1: a 学号 in the memo is certain, full-width digits and lower case too; two 学号 are not")
    func studentId() {
        #expect(matcher.match(Self.transfer("S000003 托管费")) == .matched(studentId: "S000003", reason: .studentId("S000003")))
        #expect(matcher.match(Self.transfer("学号ｓ０００００４")) == .matched(studentId: "S000004", reason: .studentId("S000004")))
        // The 学号 wins over a name of another child in the same memo.
        #expect(matcher.match(Self.transfer("李华 S000004")).studentId == "S000004")
        guard case .unmatched(let why) = matcher.match(Self.transfer("S000003 S000004")) else { Issue.record("two ids matched"); return }
        #expect(why.zh == "备注中有多个学号：S000003、S000004")
    }

    @Test("rule 2: the name with its class is certain (either bracket width); the name alone is only suggested; a shared name needs the class")
    func name() {
        #expect(matcher.match(Self.transfer("王小明 三（3）班 学费"))
            == .matched(studentId: "S000002", reason: .nameAndClass(name: "王小明", className: "三(3)班")))
        #expect(matcher.match(Self.transfer("李华托管费", fen: 100)) == .suggested(studentId: "S000003", reason: .name("李华")))
        guard case .unmatched(let why) = matcher.match(Self.transfer("王小明 托管费", fen: 100)) else { Issue.record("a shared name matched"); return }
        #expect(why.zh == "备注中的姓名 王小明 对应 2 个学生，请在备注中写学号或指定学生")
    }

    @Test("rule 3: a payer confirmed before is certain for one family; for two, the amount picks one, as a suggestion")
    func rememberedPayer() {
        let one = TransferMatcher(families: Self.families, payers: ["wechat:思远妈妈": ["S000004"]])
        #expect(one.match(Self.transfer("学费", payer: "思远妈妈", fen: 1)) == .matched(studentId: "S000004", reason: .rememberedPayer("思远妈妈")))
        let siblings = TransferMatcher(families: Self.families, payers: ["wechat:王爸爸": ["S000003", "S000005"]])
        // 李华 owes 160.00, 赵一 nothing: a transfer of 160.00 is 李华's.
        #expect(siblings.match(Self.transfer("", payer: "王爸爸", fen: 16000)) == .suggested(studentId: "S000003", reason: .rememberedPayer("王爸爸")))
        guard case .unmatched(let why) = siblings.match(Self.transfer("", payer: "王爸爸", fen: 5000)) else { Issue.record("matched"); return }
        #expect(why.en == "payer \"王爸爸\" paid for S000003、S000005 before; name the student")
    }

    @Test("rule 4: the one family owing exactly the amount, hinted by class or surname, is suggested; two such, or no hint, unmatched")
    func amountDue() {
        // 160.00 is owed by 李华 (一(1)班) and 张思远 (二(1)班); the memo names 二(1)班: 张思远 (赵一 owes nothing).
        #expect(matcher.match(Self.transfer("二(1)班托管", fen: 16000)).studentId == "S000004")
        // The payer 李建国 shares 李华's surname.
        guard case .suggested(let s, .amountDue(let due, let hint)) = matcher.match(Self.transfer("学费", payer: "李建国", fen: 16000)) else {
            Issue.record("not suggested"); return
        }
        #expect(s == "S000003" && due.fen == 16000)
        #expect(hint.zh == "付款人“李建国”与学生同姓")
        // 240.00 by a 王: both 王小明 owe 240.00, so nothing is suggested.
        #expect(matcher.match(Self.transfer("学费", payer: "王建国", fen: 24000)) == .unmatched(why: LocalizedText(
            zh: "备注中没有学号或姓名，也没有唯一欠缴此金额的家庭", en: "no student id or name in the memo, and no one family owes this amount")))
        // No hint at all: unmatched even though 160.00 is owed.
        guard case .unmatched = matcher.match(Self.transfer("学费", payer: "微信用户", fen: 16000)) else { Issue.record("matched"); return }
    }

    @Test("a transfer recorded already or held is never matched again")
    func alreadyKnown() {
        let m = TransferMatcher(families: Self.families, recorded: ["T1": "S000001"], held: ["T2"])
        #expect(m.match(Self.transfer("S000003", id: "T1")) == .alreadyRecorded(studentId: "S000001"))
        #expect(m.match(Self.transfer("S000003", id: "T2")) == .alreadyHeld)
        #expect(m.match(Self.transfer("S000003", id: "T3")).studentId == "S000003")
    }
}
