extension Ledger {
    /// Migration v6-arrivals. Every table is append-only (triggers refuse UPDATE and DELETE):
    ///
    /// - `transfers`: each transfer confirmed by the clerk, as its export showed it (the payer, the memo): the
    ///   payment recorded under its id, or the suspense list's entry;
    /// - `transfer_payers`: a payer (``IncomingTransfer/payerKey``) confirmed for a family, with the transfer
    ///   that taught it;
    /// - `suspense` / `suspense_resolutions`: money received and not yet assigned to a family (待认领), and how
    ///   each left the list (assigned to a student under the transfer's id, or returned to the payer);
    /// - `receipt_prints`: each time a payment's 收据 was printed (the second and later are 补打).
    static let transfersSchema = """
        CREATE TABLE transfers (
            transfer_id TEXT PRIMARY KEY NOT NULL,
            method TEXT NOT NULL, date TEXT NOT NULL, payer TEXT NOT NULL, account TEXT NOT NULL,
            memo TEXT NOT NULL, amount INTEGER NOT NULL CHECK (amount > 0), file TEXT NOT NULL,
            recorded_by TEXT NOT NULL, recorded_at TEXT NOT NULL) STRICT;
        CREATE TABLE transfer_payers (
            payer_key TEXT NOT NULL, student_id TEXT NOT NULL REFERENCES students(id),
            payer TEXT NOT NULL, transfer_id TEXT NOT NULL REFERENCES transfers(transfer_id),
            recorded_by TEXT NOT NULL, recorded_at TEXT NOT NULL,
            PRIMARY KEY (payer_key, student_id)) STRICT;
        CREATE TABLE suspense (
            transfer_id TEXT PRIMARY KEY NOT NULL REFERENCES transfers(transfer_id),
            recorded_by TEXT NOT NULL, recorded_at TEXT NOT NULL) STRICT;
        CREATE TABLE suspense_resolutions (
            transfer_id TEXT PRIMARY KEY NOT NULL REFERENCES suspense(transfer_id),
            outcome TEXT NOT NULL CHECK (outcome = 'assigned' OR outcome = 'returned'),
            student_id TEXT REFERENCES students(id), note TEXT NOT NULL,
            recorded_by TEXT NOT NULL, recorded_at TEXT NOT NULL) STRICT;
        CREATE TABLE receipt_prints (
            seq INTEGER PRIMARY KEY, entry_id TEXT NOT NULL REFERENCES journal(entry_id),
            printed_on TEXT NOT NULL, recorded_by TEXT NOT NULL, recorded_at TEXT NOT NULL) STRICT;
        CREATE INDEX receipt_prints_entry ON receipt_prints(entry_id);
        """ + ["transfers", "transfer_payers", "suspense", "suspense_resolutions", "receipt_prints"].map { table in
            """

            CREATE TRIGGER \(table)_no_update BEFORE UPDATE ON \(table)
                BEGIN SELECT RAISE(ABORT, 'transfers and receipts are append-only'); END;
            CREATE TRIGGER \(table)_no_delete BEFORE DELETE ON \(table)
                BEGIN SELECT RAISE(ABORT, 'transfers and receipts are append-only'); END;
            """
        }.joined()
}
