/// One step of how a charge was reached: what happened, with its numbers (the text is made from them in one
/// place, ``ChargeStep/text``). ``ChargeCalculator/explain(course:policy:usage:student:rules:)`` gives them, in
/// order, by the same calculation as ``ChargeCalculator/charge(course:policy:usage:student:rules:)``.
///
/// ```swift
/// // 美术 at 20.00 a lesson, 12 lessons held, 留守儿童 waived 50 %:
/// // [.scheduled(course: "美术", policy: "拓展课程", held: 12, …, product: 12 × 20.00 = 240.00),
/// //  .waiver(category: "留守儿童", percent: 50, amount: 120.00), .charged(120.00)]
/// ```
public enum ChargeStep: Sendable, Equatable, Hashable {
    /// `free`: nothing charged.
    case free(course: String, policy: String)
    /// `settle = "actual_use"`: lessons attended (present or unrecorded), and with `use = "present_or_absent"`
    /// the lessons absent without leave, priced by `product`.
    case byUse(course: String, policy: String, attended: Int, absent: Int?, product: Metered)
    /// Not settled by use: the lessons held, plus those after a withdrawal that is not refunded and cancelled
    /// ones that are not (nil when not added); `leaveCharged`: lessons on leave charged as the policy says.
    case scheduled(
        course: String, policy: String, held: Int, afterWithdrawal: Int?, cancelled: Int?, leaveCharged: Int?,
        product: Metered)
    /// Lessons on leave given back (`refund.personal_leave`): `amount` off the gross.
    case leaveCredited(lessons: Int, amount: Money)
    /// `percent:P` withdrawal of a lesson-priced course: of the `lessons` after it, (100 − P)% is still charged.
    case keptAfterWithdrawal(lessons: Int, percent: Int, amount: Money)
    /// `refund.withdrawal = "full"` of a lesson-priced course: `amount` (the whole gross) given back.
    case withdrawalRefundedInFull(amount: Money)
    /// `monthly`: price × months = amount.
    case monthly(course: String, policy: String, price: Money, months: Int, amount: Money)
    /// `per_term`: the term's fee.
    case perTerm(course: String, policy: String, amount: Money)
    /// A late start (`late_start`): `share` of the term's fee is charged, `amount`.
    case lateStart(from: CivilDate, share: ChargeCalculator.Share, amount: Money)
    /// A withdrawal from a `monthly` or `per_term` course: what the rule keeps of the enrolment's fee.
    case withdrawal(on: CivilDate, rule: WithdrawalOutcome, kept: Money)
    /// Cancelled sessions' pro-rata share of a `monthly` or `per_term` fee, given back.
    case cancelledProRata(cancelled: Int, of: Int, amount: Money)
    /// The student's category waives `percent`% of the gross: `amount` off.
    case waiver(category: String, percent: Int, amount: Money)
    /// What the family owes for this course.
    case charged(Money)
    /// A course prepaid for the term with `lessons` lessons still to come: the family owes `due` (the charge
    /// as if they were held) from the day it enrols.
    case prepaymentDue(lessons: Int, due: Money)

    /// Units × price (= amount), by the lesson or by the student-hour (`units` minutes × price ÷ 60).
    public struct Metered: Sendable, Equatable, Hashable {
        public var units: Int64
        public var price: Money
        public var perStudentHour: Bool
        public var amount: Money

        public init(units: Int64, price: Money, perStudentHour: Bool, amount: Money) {
            self.units = units
            self.price = price
            self.perStudentHour = perStudentHour
            self.amount = amount
        }
    }

    /// How a withdrawal's rule counted (see `refund.withdrawal`).
    public enum WithdrawalOutcome: Sendable, Equatable, Hashable {
        case notRefunded
        case refundedInFull
        /// `percent:P`: P% of the rest given back.
        case percent(Int)
        /// `kept` of `total` units charged.
        case share(ChargeCalculator.Share)
    }
}

/// One step of how a family's statement was reached: each course's charge steps, each payment and refund,
/// the balance and what it means. ``TermComputation/explain(_:usages:courses:rules:)`` gives them.
///
/// ```swift
/// // charged 220.00, paid 240.00: […, .payment(R001 …), .balance(charged: 220.00, paid: 240.00,
/// //  refunded: 0.00, balance: −20.00), .owedToFamily(20.00)]
/// ```
public enum StatementStep: Sendable, Equatable, Hashable {
    case charge(ChargeStep)
    case payment(PaymentFact)
    case refund(RefundFact)
    /// due − (paid − refunded) = balance (the first figure is the statement's `due`, 应缴).
    case balance(charged: Money, paid: Money, refunded: Money, balance: Money)
    /// charged + opening − (paid − refunded) = balance, for a family with a balance carried in.
    case balanceWithOpening(charged: Money, opening: Money, paid: Money, refunded: Money, balance: Money)
    /// 应退: the fund owes the family `amount` (> 0).
    case owedToFamily(Money)
    /// 已结清.
    case settled
    /// 应补: the family owes the fund `amount` (> 0).
    case owedByFamily(Money)
}

/// Where a calculation writes its steps: nowhere (figures only) or a list, so that the figures and the steps
/// come from one code path.
///
/// ```swift
/// var log = StepLog<ChargeStep>(recording: true)
/// log.record(.charged(Money(fen: 100)))   // log.steps == [.charged(1.00)]
/// ```
struct StepLog<Step> {
    let recording: Bool
    private(set) var steps: [Step] = []

    init(recording: Bool) { self.recording = recording }

    /// Keeps `step` when recording; otherwise does not even make it.
    mutating func record(_ step: @autoclosure () -> Step) {
        if recording { steps.append(step()) }
    }
}
