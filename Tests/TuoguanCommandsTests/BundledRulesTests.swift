import Foundation
import Testing

@testable import TuoguanCommands

/// The rules files built into the executable are the files of `rules/`, byte for byte (run
/// `scripts/bundle-rules` after changing one).
@Suite struct BundledRulesTests {
    static let rulesFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("rules")

    @Test func everyRulesFileIsBuiltInUnchanged() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: Self.rulesFolder.path).filter { $0.hasSuffix(".toml") }.sorted()
        #expect(BundledRules.files.map(\.name) == names)
        for name in names {
            let file = try String(contentsOf: Self.rulesFolder.appendingPathComponent(name), encoding: .utf8)
            #expect(BundledRules.text(named: name) == file, "\(name): run scripts/bundle-rules")
        }
        #expect(BundledRules.text(named: "rules/one-plus-x.toml") == BundledRules.text(named: "one-plus-x"))
        #expect(BundledRules.text(named: "nope") == nil)
    }
}
