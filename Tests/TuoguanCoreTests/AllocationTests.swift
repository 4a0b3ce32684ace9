import PropertyBased
import Testing
import TuoguanCore

@Suite struct AllocationTests {
    static func keyed(_ weights: [Int64]) -> [(key: String, weight: Int64)] {
        weights.enumerated().map { (key: "k\($0.offset < 10 ? "0" : "")\($0.offset)", weight: $0.element) }
    }

    /// A reproducible shuffle (Fisher–Yates driven by SplitMix64 from `seed`).
    static func shuffled<T>(_ items: [T], seed: UInt64) -> [T] {
        var state = seed
        func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        var out = items
        if out.count < 2 { return out }
        for i in stride(from: out.count - 1, to: 0, by: -1) {
            let j = Int(next() % UInt64(i + 1))
            out.swapAt(i, j)
        }
        return out
    }

    static let weights = Gen.int64(in: 0...10_000).array(of: 1...12).map { array -> [Int64] in
        // At least one weight above zero.
        array.allSatisfy { $0 == 0 } ? [1] + array : array
    }

    /// 10,000.01 split 60/20/5/5/10 (001 篇八), by hand:
    /// exact shares 6,000.006 / 2,000.002 / 500.0005 / 500.0005 / 1,000.001; the floors add up to 10,000.00;
    /// the one fen left goes to the largest remainder (0.6 fen, the workload pool).
    @Test func costShareExample() throws {
        let parts = try Allocation.largestRemainder(
            Money(fen: 1_000_001),
            weights: [
                ("teacher_workload", 6000), ("quality_award", 2000), ("running_cost", 500), ("equipment", 500),
                ("district_levy", 1000),
            ])
        #expect(parts["teacher_workload"] == Money(fen: 600_001))
        #expect(parts["quality_award"] == Money(fen: 200_000))
        #expect(parts["running_cost"] == Money(fen: 50_000))
        #expect(parts["equipment"] == Money(fen: 50_000))
        #expect(parts["district_levy"] == Money(fen: 100_000))
    }

    /// 0.10 over three equal weights: 0.04 / 0.03 / 0.03 — the tie of remainders goes to the smallest key.
    @Test func tiesGoToTheSmallestKey() throws {
        let parts = try Allocation.largestRemainder(Money(fen: 10), weights: [("c", 1), ("a", 1), ("b", 1)])
        #expect(parts == ["a": Money(fen: 4), "b": Money(fen: 3), "c": Money(fen: 3)])
    }

    /// −10.00 over three equal weights is −3.34 / −3.33 / −3.33: the magnitude split, then negated.
    @Test func negativeTotal() throws {
        let parts = try Allocation.largestRemainder(Money(fen: -1000), weights: [("a", 1), ("b", 1), ("c", 1)])
        #expect(parts == ["a": Money(fen: -334), "b": Money(fen: -333), "c": Money(fen: -333)])
    }

    @Test func allZeroWeightsAreAnError() {
        let error = #expect(throws: TuoguanError.self) {
            try Allocation.largestRemainder(Money(fen: 1000), weights: [("a", 0), ("b", 0)])
        }
        #expect(error?.code == .allocationWeights)
        #expect(error?.message.zh == "无法分配 10.00：所有权重都是零")
        #expect(error?.message.en == "cannot allocate 10.00: all weights are zero")
        #expect(error?.fix?.en == "at least one share needs points or a score above zero")
    }

    @Test func zeroTotalOverZeroWeightsIsZero() throws {
        #expect(try Allocation.largestRemainder(Money.zero, weights: [("a", 0)]) == ["a": .zero])
    }

    @Test func negativeWeightIsAnError() {
        let error = #expect(throws: TuoguanError.self) {
            try Allocation.largestRemainder(Money(fen: 1000), weights: [("a", 3), ("b", -1)])
        }
        #expect(error?.message.en == "weight of b is negative (-1)")
        #expect(error?.message.zh == "“b”的权重为负数（-1）")
    }

    @Test func duplicateKeyIsAnError() {
        let error = #expect(throws: TuoguanError.self) {
            try Allocation.largestRemainder(Money(fen: 1000), weights: [("a", 3), ("a", 1)])
        }
        #expect(error?.message.en == "allocation key a appears twice")
    }

    /// All of Int64.min to one key: the magnitude 2^63 does not fit Int64, the negated part does.
    @Test func wholeOfTheSmallestAmount() throws {
        let parts = try Allocation.largestRemainder(Money(fen: .min), weights: [("a", 1)])
        #expect(parts["a"] == Money(fen: .min))
        let two = try Allocation.largestRemainder(Money(fen: .min), weights: [("a", 1), ("b", 1)])
        #expect(two["a"] == Money(fen: .min / 2))
        #expect(two["b"] == Money(fen: .min / 2))
    }

    // MARK: - Properties

    @Test func partsSumExactlyToTheWhole() async {
        await propertyCheck(input: Gen.int64(in: -1_000_000_000_000...1_000_000_000_000), Self.weights) { total, weights in
            let parts = try Allocation.largestRemainder(Money(fen: total), weights: Self.keyed(weights))
            #expect(try Money.sum(parts.values) == Money(fen: total))
            #expect(parts.count == weights.count)
        }
    }

    @Test func eachPartIsWithinOneFenOfItsExactShare() async {
        await propertyCheck(input: Gen.int64(in: -1_000_000_000_000...1_000_000_000_000), Self.weights) { total, weights in
            let keyed = Self.keyed(weights)
            let parts = try Allocation.largestRemainder(Money(fen: total), weights: keyed)
            let sum = Int128(weights.reduce(0, +))
            for (key, weight) in keyed {
                // |part − total × w ÷ Σw| < 1 fen  ⇔  |part × Σw − total × w| < Σw
                let part = Int128(try #require(parts[key]).fen)
                let gap = part * sum - Int128(total) * Int128(weight)
                #expect(gap > -sum && gap < sum, "key \(key) part \(part) weight \(weight) of \(sum)")
            }
        }
    }

    @Test func orderOfTheWeightsDoesNotMatter() async {
        await propertyCheck(input: Gen.int64(in: -1_000_000_000...1_000_000_000), Self.weights, Gen.uint64()) {
            total, weights, seed in
            let keyed = Self.keyed(weights)
            let a = try Allocation.largestRemainder(Money(fen: total), weights: keyed)
            let b = try Allocation.largestRemainder(Money(fen: total), weights: Self.shuffled(keyed, seed: seed))
            #expect(a == b)
        }
    }

    @Test func zeroWeightGetsZero() async {
        await propertyCheck(input: Gen.int64(in: -1_000_000_000...1_000_000_000), Self.weights) { total, weights in
            let keyed = Self.keyed(weights + [0])
            let parts = try Allocation.largestRemainder(Money(fen: total), weights: keyed)
            for (key, weight) in keyed where weight == 0 {
                #expect(parts[key] == .zero)
            }
        }
    }

    /// Amounts near Int64.max (and min) with large weights: no overflow, still exact.
    @Test func hugeAmountsDoNotOverflow() async {
        let huge = Gen.int64(in: (Int64.max - 1_000_000)...Int64.max)
        let bigWeights = Gen.int64(in: 1...(1 << 40)).array(of: 1...12)
        await propertyCheck(input: huge, bigWeights, Gen.bool()) { magnitude, weights, negative in
            let total = negative ? -magnitude : magnitude
            let parts = try Allocation.largestRemainder(Money(fen: total), weights: Self.keyed(weights))
            #expect(try Money.sum(parts.values) == Money(fen: total))
            let sum = Int128(weights.reduce(0, +))
            for (key, weight) in Self.keyed(weights) {
                let part = Int128(try #require(parts[key]).fen)
                let gap = part * sum - Int128(total) * Int128(weight)
                #expect(gap > -sum && gap < sum)
            }
        }
    }

    /// Splitting −T gives exactly the negated parts of T.
    @Test func negativeTotalMirrorsPositive() async {
        await propertyCheck(input: Gen.int64(in: 0...1_000_000_000_000), Self.weights) { total, weights in
            let keyed = Self.keyed(weights)
            let plus = try Allocation.largestRemainder(Money(fen: total), weights: keyed)
            let minus = try Allocation.largestRemainder(Money(fen: -total), weights: keyed)
            for (key, _) in keyed {
                #expect(minus[key]?.fen == plus[key].map { -$0.fen })
            }
        }
    }
}
