/// A decision's typed refusal: one case per reason the core says no; `error` is the user's message.
public protocol DecisionRefusal: Error {
    var error: TuoguanError { get }
}
