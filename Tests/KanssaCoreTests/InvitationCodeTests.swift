import KanssaCore
import Testing

@Suite struct InvitationCodeTests {
    @Test func typedCodeIgnoresCaseSpacesAndDashes() {
        #expect(InvitationCode(typed: " abcde-fghjk ")?.value == "ABCDEFGHJK")
        #expect(InvitationCode(typed: "ABCDE FGHJK")?.display == "ABCDE-FGHJK")
    }

    @Test(arguments: ["", "ABCDE", "ABCDEFGHJKM", "ABCDE-FGHJ0", "ABCDE-FGHJO", "ABCDE-FGHJ1", "ABCDE-FGHJI", "ABCDE-FGHJL", "ÄBCDE-FGHJK"])
    func lookAlikesAndWrongLengthsAreRefused(typed: String) {
        #expect(InvitationCode(typed: typed) == nil)
    }

    @Test func randomCodesUseTheWholeAlphabetAndAreValid() {
        var state: UInt64 = 42
        let bytes: (Int) -> [UInt8] = { count in
            (0..<count).map { _ in
                state = state &* 6364136223846793005 &+ 1442695040888963407
                return UInt8(truncatingIfNeeded: state >> 56)
            }
        }
        var seen = Set<Character>()
        for _ in 0..<200 {
            let code = InvitationCode.random(using: bytes)
            #expect(InvitationCode(typed: code.display) == code)
            seen.formUnion(code.value)
        }
        #expect(seen.count == InvitationCode.alphabet.count)
    }
}
