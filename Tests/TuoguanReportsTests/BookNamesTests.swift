import Testing
import TuoguanCore

@testable import TuoguanReports

/// The chart's names in both languages and formats: hledger takes any name; Beancount wants every part after
/// the root to begin with an upper-case letter or a digit (the roots renamed by options).
@Suite struct BookNamesTests {
    let pools = ["equipment": "托管设备", "running_cost": "托管成本"]

    @Test func theChartInHledger() {
        let zh = BookNames(format: .hledger, language: .zh, poolNames: pools)
        #expect(zh.name(.received(.wechat)) == "资产:收款:微信")
        #expect(zh.name(.family("S000001")) == "负债:家长预收:S000001")
        #expect(zh.name(.fees(course: "X0001", student: "S000001")) == "收入:托管费:应收:X0001:S000001")
        #expect(zh.name(.poolExpense(pool: "equipment", payee: "文具店 (东门)")) == "支出:专项:托管设备:文具店-东门")
        #expect(zh.name(BookAccount.Subtree.pool("running_cost")) == "资产:专项:托管成本")
        #expect(zh.ancestors(.poolAllocated(pool: "equipment")) == ["资产:专项", "资产:专项:托管设备"])
        let en = BookNames(format: .hledger, language: .en, poolNames: pools)
        #expect(en.name(.refunded(.personalLeave)) == "Assets:Refunded:Personal-leave")
        #expect(en.name(.poolAllocated(pool: "running_cost")) == "Assets:Pools:Running-cost:Allocated")
    }

    @Test func theChartInBeancount() {
        let zh = BookNames(format: .beancount, language: .zh, poolNames: pools)
        #expect(zh.name(.received(.wechat)) == "资产:Received-收款:WeChat-微信")
        #expect(zh.name(.family("S000001")) == "负债:Families-家长预收:S000001")
        #expect(zh.name(.poolExpense(pool: "equipment", payee: "文具店")) == "支出:Pools-专项:Equipment-托管设备:P-文具店")
        // An id that begins with a lower-case letter keeps it, after a prefix.
        #expect(zh.name(.family("s1")) == "负债:Families-家长预收:S-s1")
        let en = BookNames(format: .beancount, language: .en, poolNames: pools)
        #expect(en.name(.teacherPay("T001")) == "Equity:Teacher-pay:T001")
        #expect(en.name(.lineExpense(.outside, payee: "acme art")) == "Expenses:Outside:P-acme-art")
    }

    @Test func textKeepsLettersAndDigits() {
        #expect(BookNames.clean("文具店 (东门)") == "文具店-东门")
        #expect(BookNames.clean("a:b;;c") == "a-b-c")
        #expect(BookNames.clean("  ") == "-")
    }
}
