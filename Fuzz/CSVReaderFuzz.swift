// libFuzzer target for the import's text layer: the encoding detection (TextDecoding: UTF-8 with or without a
// BOM, GB18030, or a rejection with a message), the CSV reader (CSVReader: quotes, CRLF, line and column of
// every field), the row parser of every kind (RowParser: the header's columns and spellings, each row into
// its typed row, with the value parsers the import uses on each field: Money, CivilDate, times, words).
//
// Built by scripts/fuzz against the TuoguanInput and TuoguanCore modules (the import's parsing, without the
// database: rows are not written into a ledger here, the store's tests cover that path). The ledger's ids
// are stood in for by a check that knows every id of an even length.
//
// Checked for every input: no crash and no hang; a rejection is a TuoguanError; fields sit at line ≥ 1 and
// column ≥ 1 with lines that never go back; writing the rows out again as CSV (every field quoted) and
// reading them back gives the same rows; and every problem the parser reports is placed in the file. The
// same bytes are also read as an export of transfers (``checkTransfers(_:)``).

import TuoguanCore

@testable import TuoguanInput

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCSVReader(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let input = Array(UnsafeBufferPointer(start: data, count: size))
    let bytes: [UInt8]
    do {
        bytes = try TextDecoding.utf8Bytes(of: input, fileName: "fuzz.csv")
    } catch is TuoguanError {
        return 0
    } catch {
        fatalError("unexpected error type from TextDecoding: \(error)")
    }
    let separator = CSVReader.sniffSeparator(bytes)
    let rows: [[TableField]]
    do {
        rows = try readAll(bytes, separator: separator)
    } catch is TuoguanError {
        return 0
    } catch {
        fatalError("unexpected error type from CSVReader: \(error)")
    }
    var lastLine = 0
    for row in rows {
        if row.isEmpty { fatalError("an empty row") }
        for field in row {
            if field.line < 1 || field.column < 1 { fatalError("field at \(field.line):\(field.column)") }
            if field.line < lastLine { fatalError("line went back from \(lastLine) to \(field.line)") }
            lastLine = field.line
        }
    }
    if rows.count > bytes.count + 1 { fatalError("\(rows.count) rows from \(bytes.count) bytes") }

    // Round trip: quote every field, read again.
    var out: [UInt8] = []
    for row in rows {
        for (i, field) in row.enumerated() {
            if i > 0 { out.append(separator) }
            out.append(34)
            for b in field.text.utf8 {
                if b == 34 { out.append(34) }
                out.append(b)
            }
            out.append(34)
        }
        out.append(10)
    }
    do {
        let again = try readAll(out, separator: separator)
        if again.map({ $0.map(\.text) }) != rows.map({ $0.map(\.text) }) {
            fatalError("round trip changed the rows: \(rows.map { $0.map(\.text) }) → \(again.map { $0.map(\.text) })")
        }
    } catch {
        fatalError("the quoted rows do not read back: \(error)")
    }

    // The header against every kind's columns, then the rows into that kind's typed rows.
    if let header = rows.first {
        for kind in ImportKind.allCases { parseRows(kind, header: header, rows: rows.dropFirst().prefix(50)) }
    }
    // The value parsers on every field.
    for row in rows.prefix(50) {
        for field in row.prefix(20) {
            do {
                let money = try Money(parsing: field.text)
                if try Money(parsing: money.formatted()) != money { fatalError("money round trip: \(field.text)") }
            } catch is TuoguanError {
            } catch {
                fatalError("unexpected error type from Money(parsing:): \(error)")
            }
            if let day = CivilDate(parsing: field.text), CivilDate(parsing: day.description) != day {
                fatalError("date round trip: \(field.text) → \(day)")
            }
            _ = ImportWords.methods[field.text.lowercased()]
        }
    }
    checkTransfers(input)
    return 0
}

/// The same bytes as an export of transfers (WeChat, Alipay, or a bank by a mapping): refused only with a
/// `TuoguanError`; when read, each transfer's id is unique and not empty, its amount above zero, and every row
/// is counted once (read, repeated or skipped).
func checkTransfers(_ input: [UInt8]) {
    let bank = try? BankLayout(mapping: "date=交易日期,amount=收入金额,payer=对方户名,memo=摘要+附言,id=交易流水号")
    for layout in [nil, bank] {
        do {
            let export = try TransferReader.read(csv: input, fileName: "fuzz.csv", bank: layout)
            if Set(export.transfers.map(\.id)).count != export.transfers.count { fatalError("a transfer id twice") }
            for t in export.transfers where t.id.isEmpty || t.amount.fen <= 0 { fatalError("transfer \(t)") }
            if export.rowsRead < export.transfers.count { fatalError("rows read \(export.rowsRead) < \(export.transfers.count)") }
        } catch is TuoguanError {
        } catch {
            fatalError("unexpected error type from TransferReader: \(error)")
        }
    }
}

func readAll(_ bytes: [UInt8], separator: UInt8) throws -> [[TableField]] {
    var reader = CSVReader(bytes: bytes, separator: separator, fileName: "fuzz.csv")
    var rows: [[TableField]] = []
    while let row = try reader.next() { rows.append(row) }
    return rows
}

/// Rules for the row parser: a term, one policy-free plan.
let rules = PlanRules(
    school: "fuzz", term: "fuzz", starts: CivilDate(parsing: "2024-09-01")!, ends: CivilDate(parsing: "2025-01-31")!,
    policies: [:], split: CostShare(pools: []))

/// The ledger's ids stood in for: every id of an even length is known.
struct EvenIds: ReferenceCheck {
    func isKnown(_ id: String, _ table: ReferenceTable) throws -> Bool { id.count % 2 == 0 }
}

func parseRows(_ kind: ImportKind, header: [TableField], rows: ArraySlice<[TableField]>) {
    let parser = RowParser(kind: kind, fileName: "fuzz.csv", rules: rules)
    do { try parser.readHeader(header) } catch is TuoguanError { return } catch { fatalError("readHeader: \(error)") }
    let ids = EvenIds()
    for row in rows where parser.isRecord(row) {
        do {
            switch kind {
            case .students: _ = parser.student(row)
            case .teachers: _ = parser.teacher(row)
            case .courses: _ = try parser.course(row, references: ids)
            case .enrollments: _ = try parser.enrollment(row, references: ids)
            case .sessions: _ = try parser.session(row, references: ids)
            case .attendance: _ = try parser.attendance(row, references: ids)
            case .duties: _ = try parser.duty(row, references: ids)
            case .payments: _ = try parser.payment(row, references: ids)
            case .refunds: _ = try parser.refund(row, references: ids)
            case .scores: _ = try parser.score(row, references: ids)
            case .expenses: _ = parser.expense(row)
            }
        } catch {
            fatalError("the row parser threw: \(error)")
        }
    }
    for error in parser.errors + parser.warnings where error.location?.file != "fuzz.csv" {
        fatalError("a problem without its place: \(error)")
    }
}
