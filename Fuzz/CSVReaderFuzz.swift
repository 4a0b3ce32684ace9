// libFuzzer target for the import's text layer: the encoding detection (TextDecoding: UTF-8 with or without a
// BOM, GB18030, or a rejection with a message), the CSV reader (CSVReader: quotes, CRLF, line and column of
// every field), the header mapping (every kind's columns and spellings, as ImportSession.readHeader matches
// them) and the value parsers the import uses on each field (Money, CivilDate).
//
// Built by scripts/fuzz from the TuoguanCore sources and TuoguanStore's CSVReader.swift, TextDecoding.swift,
// ImportColumns.swift and StoreTypes.swift — the parts of the import that do not need the database (GRDB is
// not linked, so rows are not written into a ledger here; the store's tests cover that path).
//
// Checked for every input: no crash and no hang; a rejection is a TuoguanError; fields sit at line ≥ 1 and
// column ≥ 1 with lines that never go back; and writing the rows out again as CSV (every field quoted)
// and reading them back gives the same rows.

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

    // The header against every kind's columns; the value parsers on every field.
    if let header = rows.first {
        for kind in ImportKind.allCases {
            var seen: Set<String> = []
            for field in header {
                let lower = field.text.lowercased()
                if let column = kind.columns.first(where: { $0.spellings.contains { $0.lowercased() == lower } }) {
                    seen.insert(column.name)
                }
            }
            _ = kind.columns.filter { $0.required && !seen.contains($0.name) }
            _ = kind.label
        }
    }
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
    return 0
}

func readAll(_ bytes: [UInt8], separator: UInt8) throws -> [[TableField]] {
    var reader = CSVReader(bytes: bytes, separator: separator, fileName: "fuzz.csv")
    var rows: [[TableField]] = []
    while let row = try reader.next() { rows.append(row) }
    return rows
}
