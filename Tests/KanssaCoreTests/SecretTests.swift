import Foundation
import KanssaCore
import Testing

@Suite struct SecretTests {
    @Test func base64ForURLsUsesTheSafeAlphabetAndNoPadding() {
        // Standard Base64: "+//+" and "/w==".
        #expect(Data([0xfb, 0xff, 0xfe]).base64URLEncoded == "-__-")
        #expect(Data([0xff]).base64URLEncoded == "_w")
        #expect(Data("Kanssa".utf8).base64URLEncoded == "S2Fuc3Nh")
        #expect(Data().base64URLEncoded == "")
    }
}
