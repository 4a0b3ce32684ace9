import Testing
import TuoguanCore

@Suite struct MoneyParsingTests {
    @Test(arguments: [
        ("20", 2000 as Int64),
        ("20.5", 2050),  // one decimal is 角
        ("20.50", 2050),
        ("¥20.00", 2000),
        ("￥20", 2000),  // the full-width yuan sign
        ("20元", 2000),
        ("RMB 20", 2000),
        ("1,234.50", 123450),
        ("１，２３４.５０", 123450),  // full-width digits and comma
        ("２０", 2000),
        ("-3.00", -300),
        ("(3.00)", -300),  // accountants' negative
        ("  7.05  ", 705),
        ("20.500", 2050),  // trailing zeros beyond the fen are still exact
        (".5", 50),
        ("0", 0),
    ])
    func accepted(text: String, fen: Int64) throws {
        #expect(try Money(parsing: text).fen == fen)
    }

    /// Every class of bad amount, with its exact message in both languages.
    @Test(arguments: [
        ("20.005", "金额“20.005”多于两位小数（最小单位是分）",
         "amount \"20.005\" has more than two decimals (the fen is the smallest unit)"),
        ("", "金额“”为空", "amount \"\" is empty"),
        ("   ", "金额“   ”为空", "amount \"   \" is empty"),
        ("二十元", "金额“二十元”不是金额", "amount \"二十元\" is not an amount"),
        ("20x", "金额“20x”不是金额", "amount \"20x\" is not an amount"),
        ("1,23.00", "金额“1,23.00”的千位分隔符位置不对", "amount \"1,23.00\" has a misplaced thousands separator"),
        ("1234,567", "金额“1234,567”的千位分隔符位置不对", "amount \"1234,567\" has a misplaced thousands separator"),
        (",100", "金额“,100”的千位分隔符位置不对", "amount \",100\" has a misplaced thousands separator"),
        ("1.000,5", "金额“1.000,5”的千位分隔符位置不对", "amount \"1.000,5\" has a misplaced thousands separator"),
        ("1.2.3", "金额“1.2.3”有多个小数点", "amount \"1.2.3\" has more than one decimal point"),
        ("¥", "金额“¥”没有数字", "amount \"¥\" has no digits"),
        ("99999999999999999999", "金额“99999999999999999999”太大", "amount \"99999999999999999999\" is too large"),
    ])
    func rejected(text: String, zh: String, en: String) {
        let error = #expect(throws: TuoguanError.self) { try Money(parsing: text) }
        #expect(error?.code == .badAmount)
        #expect(error?.message.zh == zh)
        #expect(error?.message.en == en)
        #expect(error?.fix?.zh == "写成如 20、20.5、¥1,234.50 的形式，最多两位小数")
    }

    @Test(arguments: [
        (0 as Int64, "0.00", "0.00"),
        (5, "0.05", "0.05"),
        (-300, "-3.00", "-3.00"),
        (123450, "1,234.50", "1234.50"),
        (100000001, "1,000,000.01", "1000000.01"),
        (Int64.max, "92,233,720,368,547,758.07", "92233720368547758.07"),
        (Int64.min, "-92,233,720,368,547,758.08", "-92233720368547758.08"),
    ])
    func formatting(fen: Int64, grouped: String, plain: String) {
        #expect(Money(fen: fen).formatted() == grouped)
        #expect(Money(fen: fen).formatted(grouping: false) == plain)
        #expect(Money(fen: fen).description == grouped)
    }

    /// Formatting and parsing are inverse on every amount.
    @Test(arguments: [0 as Int64, 1, -1, 99, 100_000, -123_456_789, Int64.max, Int64.min + 1])
    func roundTrip(fen: Int64) throws {
        #expect(try Money(parsing: Money(fen: fen).formatted()).fen == fen)
        #expect(try Money(parsing: Money(fen: fen).formatted(grouping: false)).fen == fen)
    }
}

@Suite struct MoneyArithmeticTests {
    @Test func exactArithmetic() throws {
        // 20.00 × 12 lessons = 240.00; 240.00 − 20.00 = 220.00; 220.00 + 0.01 = 220.01
        let price = Money(fen: 2000)
        #expect(try price * 12 == Money(fen: 24000))
        #expect(try (price * 12) - price == Money(fen: 22000))
        #expect(try Money(fen: 22000) + Money(fen: 1) == Money(fen: 22001))
        #expect(try Money.sum([Money(fen: 1), Money(fen: 2), Money(fen: -3)]) == .zero)
        #expect(try Money(yuan: 160).fen == 16000)
    }

    @Test func scaledRoundsOnceByTheRule() throws {
        // 2.00 × 1,000 student-minutes ÷ 60 = 3,333.33… fen
        let rate = Money(fen: 200)
        #expect(try rate.scaled(by: 1000, over: 60, rounding: .halfUp).fen == 3333)
        #expect(try rate.scaled(by: 1000, over: 60, rounding: .up).fen == 3334)
        // 0.05 ÷ 2 = 2.5 fen: half up → 3, half even → 2, down → 2
        #expect(try Money(fen: 5).scaled(by: 1, over: 2, rounding: .halfUp).fen == 3)
        #expect(try Money(fen: 5).scaled(by: 1, over: 2, rounding: .halfEven).fen == 2)
        #expect(try Money(fen: 7).scaled(by: 1, over: 2, rounding: .halfEven).fen == 4)
        #expect(try Money(fen: 5).scaled(by: 1, over: 2, rounding: .down).fen == 2)
        // Negative halves go away from zero under half up.
        #expect(try Money(fen: -5).scaled(by: 1, over: 2, rounding: .halfUp).fen == -3)
        // The product is kept in 128 bits: Int64.max × 3 ÷ 3 is exact.
        #expect(try Money(fen: .max).scaled(by: 3, over: 3, rounding: .down).fen == .max)
    }

    @Test func overflowThrowsInsteadOfWrapping() {
        let big = Money(fen: .max)
        let small = Money(fen: .min)
        for (name, operation) in [
            ("+", { _ = try big + Money(fen: 1) }),
            ("−", { _ = try small - Money(fen: 1) }),
            ("×", { _ = try big * 2 }),
            ("× Int", { _ = try big * Int(-2) }),
            ("scaled", { _ = try big.scaled(by: 3, over: 2, rounding: .halfUp) }),
            ("negate", { _ = try -small }),
            ("yuan", { _ = try Money(yuan: .max / 10) }),
            ("sum", { _ = try Money.sum([big, big]) }),
        ] as [(String, () throws -> Void)] {
            let error = #expect(throws: TuoguanError.self, "\(name)") { try operation() }
            #expect(error?.code == .overflow, "\(name)")
        }
        let error = #expect(throws: TuoguanError.self) { try big + Money(fen: 1) }
        #expect(error?.message.en == "amount overflow in 92,233,720,368,547,758.07 + 0.01")
        #expect(error?.message.zh == "金额计算溢出：92,233,720,368,547,758.07 + 0.01")
    }
}
