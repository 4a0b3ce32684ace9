/// Splits an amount over integer weights by the largest-remainder method (Hamilton's method).
///
/// The one allocation of tuoguan: the cost-share split into pools, the workload pool by points, the award
/// pool by quality scores. Guarantees:
/// - the parts always sum to the whole, to the fen;
/// - each part is within one fen of its exact share `total × weight ÷ Σweights`;
/// - a zero weight gets zero;
/// - the result does not depend on the order of the weights: the fen left over after the floor go to the
///   largest remainders, ties broken by the key (ascending), never by position;
/// - a negative total is split as its magnitude and negated, so parts never have mixed signs.
///
/// ```swift
/// // 10,000.01 split 60/20/5/5/10:
/// let parts = try Allocation.largestRemainder(
///     Money(fen: 1_000_001),
///     weights: [("teacher_workload", 60), ("quality_award", 20), ("running_cost", 5),
///               ("equipment", 5), ("district_levy", 10)])
/// // teacher_workload 6,000.01, quality_award 2,000.00, running_cost 500.00, equipment 500.00,
/// // district_levy 1,000.00
/// ```
public enum Allocation {
    public static func largestRemainder<Key: Hashable & Comparable>(
        _ total: Money, weights: [(key: Key, weight: Int64)]
    ) throws -> [Key: Money] {
        var seen = Set<Key>()
        var sumWeights: Int128 = 0
        for (key, weight) in weights {
            if !seen.insert(key).inserted {
                throw TuoguanError(
                    .allocationWeights, zh: "分配对象“\(key)”重复", en: "allocation key \(key) appears twice")
            }
            if weight < 0 {
                throw TuoguanError(
                    .allocationWeights, zh: "“\(key)”的权重为负数（\(weight)）", en: "weight of \(key) is negative (\(weight))",
                    fix: LocalizedText(zh: "权重（点数、分数、百分比）不能为负", en: "weights (points, scores, percentages) cannot be negative"))
            }
            sumWeights += Int128(weight)
        }
        if sumWeights == 0 {
            if total.isZero { return Dictionary(uniqueKeysWithValues: weights.map { ($0.key, Money.zero) }) }
            throw TuoguanError(
                .allocationWeights, zh: "无法分配 \(total.formatted())：所有权重都是零", en: "cannot allocate \(total.formatted()): all weights are zero",
                fix: LocalizedText(zh: "至少要有一个对象的点数或分数大于零", en: "at least one share needs points or a score above zero"))
        }
        let negative = total.fen < 0
        let amount = Int128(total.fen.magnitude)
        var result: [Key: Int128] = [:]
        var remainders: [(key: Key, remainder: Int128)] = []
        var allocated: Int128 = 0
        for (key, weight) in weights {
            let exact = amount * Int128(weight)
            let floor = exact / sumWeights
            result[key] = floor
            allocated += floor
            remainders.append((key, exact % sumWeights))
        }
        var leftover = amount - allocated  // < number of keys
        remainders.sort { a, b in a.remainder != b.remainder ? a.remainder > b.remainder : a.key < b.key }
        var index = 0
        while leftover > 0 {
            result[remainders[index].key]! += 1
            leftover -= 1
            index += 1
        }
        var out: [Key: Money] = [:]
        for (key, value) in result {
            // Each part is at most |total|, so with its sign back it fits (even all of Int64.min).
            out[key] = Money(fen: Int64(negative ? -value : value))
        }
        return out
    }
}
