/// A value of a `--json` document, as ``JSONOutput`` writes it. Amounts are integer fen (`.integer`); there are
/// no floating-point numbers and no nulls in the documents.
///
/// ```swift
/// let line: JSONValue = .object(["charged_fen": .integer(22000), "course_id": .string("ART/1")])
/// JSONOutput.text(line)   // {"charged_fen":22000,"course_id":"ART/1"}
/// ```
enum JSONValue {
    case string(String)
    case integer(Int64)
    case bool(Bool)
    case array([JSONValue])
    /// An object. Its keys are given sorted (``JSONOutput`` writes them in the order given and asserts it), so
    /// a document reads in the order it is printed.
    case object(KeyValuePairs<String, JSONValue>)
    /// An array made an element at a time while it is written (a district's students): only the element being
    /// written is in memory, and the output is flushed between elements.
    case stream(AnySequence<JSONValue>)
    /// A value already written as JSON (by ``JSONOutput``), its bytes handed over a chunk at a time: the
    /// statement's students, written to a spill file as they are computed (``JSONDocuments/printStatement(_:)``).
    case written(AnySequence<[UInt8]>)

    static func integer(_ n: Int) -> JSONValue { .integer(Int64(n)) }
}
