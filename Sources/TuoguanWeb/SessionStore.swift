import Foundation
import TuoguanStore

/// A logged-in person: the account (read again at every request, so a disabled account ends at once), the
/// token of their forms (CSRF), and when they were last seen.
struct WebSession: Sendable {
    let token: String
    let accountName: String
    let csrf: String
    var lastSeen: Date
    /// Filled from the ledger at each request.
    var role: AccountRole = .teacher
    var scope: String?
}

/// The sessions, in memory: a restart logs everyone out. A session ends after `idleSeconds` without a request.
///
/// ```swift
/// let session = await store.create(account: "王会计")
/// await store.find(session.token)?.accountName   // "王会计"
/// ```
actor SessionStore {
    private var sessions: [String: WebSession] = [:]
    let idleSeconds: Double

    init(idleSeconds: Double) { self.idleSeconds = idleSeconds }

    func create(account: String) -> WebSession {
        let session = WebSession(token: WebToken.make(), accountName: account, csrf: WebToken.make(), lastSeen: Date())
        sessions[session.token] = session
        return session
    }

    /// The session of `token` if it is live (and marks it seen now).
    func find(_ token: String) -> WebSession? {
        guard var session = sessions[token] else { return nil }
        let now = Date()
        if now.timeIntervalSince(session.lastSeen) > idleSeconds {
            sessions[token] = nil
            return nil
        }
        session.lastSeen = now
        sessions[token] = session
        return session
    }

    func remove(_ token: String) { sessions[token] = nil }
}

/// Failed logins by account name and by client address: after `maxFailures` within the lockout time, every
/// login for that name or from that address is refused until the lockout time has passed.
actor LoginLimiter {
    private var failures: [String: [Date]] = [:]
    let maxFailures: Int
    let lockoutSeconds: Double

    init(maxFailures: Int, lockoutSeconds: Double) {
        self.maxFailures = maxFailures
        self.lockoutSeconds = lockoutSeconds
    }

    private func recent(_ key: String, now: Date) -> [Date] {
        (failures[key] ?? []).filter { now.timeIntervalSince($0) < lockoutSeconds }
    }

    /// Whether a login for `name` from `remote` may be tried now.
    func allowed(name: String, remote: String) -> Bool {
        let now = Date()
        return recent("n:" + name, now: now).count < maxFailures && recent("a:" + remote, now: now).count < maxFailures * 4
    }

    func failed(name: String, remote: String) {
        let now = Date()
        for key in ["n:" + name, "a:" + remote] { failures[key] = recent(key, now: now) + [now] }
    }

    func succeeded(name: String) { failures["n:" + name] = nil }
}

/// An import checked by a dry run, kept until its "apply" click (or for 30 minutes): the file's bytes, so the
/// applied import is the file that was checked.
struct PendingImport: Sendable {
    let kind: String
    let fileName: String
    let bytes: [UInt8]
    let course: String?
    let account: String
    let created: Date
}

actor PendingImports {
    private var items: [String: PendingImport] = [:]

    func put(_ item: PendingImport) -> String {
        let now = Date()
        items = items.filter { now.timeIntervalSince($0.value.created) < 1800 }
        let token = WebToken.make()
        items[token] = item
        return token
    }

    /// Takes the pending import out (an import is applied once).
    func take(_ token: String, account: String) -> PendingImport? {
        guard let item = items[token], item.account == account else { return nil }
        items[token] = nil
        return item
    }
}
