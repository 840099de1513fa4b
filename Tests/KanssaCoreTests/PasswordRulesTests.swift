import KanssaCore
import Testing

@Suite struct PasswordRulesTests {
    let rules: PasswordRules

    init() throws {
        rules = try PasswordRules.bundled()
    }

    @Test func lengthIsTheOnlyShapeRule() {
        #expect(rules.problem(with: "short") == .tooShort)
        #expect(rules.problem(with: String(repeating: "a", count: 129)) == .tooLong)
        #expect(rules.problem(with: "all lower case words") == nil)
        #expect(rules.problem(with: "ääkköset ovat ok") == nil)
    }

    @Test(arguments: ["password", "Password1", "12345678", "salasana", "QWERTYUIOP", "wachtwoord"])
    func commonPasswordsAreRefusedWhateverTheirCase(password: String) {
        #expect(rules.problem(with: password) == .tooCommon)
    }
}
