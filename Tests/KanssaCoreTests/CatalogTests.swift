import Foundation
@testable import KanssaCore
import Testing

@Suite struct CatalogTests {
    let catalogs: Catalogs

    init() throws {
        catalogs = try Catalogs.bundled()
    }

    @Test(arguments: ["en", "fi"])
    func shippedLanguagesAreComplete(language: String) {
        #expect(catalogs.supports(language))
        #expect(catalogs.missingKeys(in: language).isEmpty, "\(catalogs.missingKeys(in: language))")
    }

    @Test func everyTranslationKeepsThePlaceholdersOfTheEnglish() {
        let english = catalogs.localizer(for: "en", timeZone: .gmt)
        let finnish = catalogs.localizer(for: "fi", timeZone: .gmt)
        let placeholder = /\{[a-zA-Z]+\}/
        for key in MessageKey.allCases {
            let a = Set(english(key).matches(of: placeholder).map { String($0.output) })
            let b = Set(finnish(key).matches(of: placeholder).map { String($0.output) })
            #expect(a == b, "\(key)")
        }
    }

    @Test func placeholdersAreFilledAndUnknownLanguagesFallBackToEnglish() {
        #expect(catalogs.localizer(for: "fi", timeZone: .gmt)(.homeTitle, ["name": "Aino"]) == "Hei, Aino")
        #expect(catalogs.localizer(for: "xx", timeZone: .gmt).language == "en")
        #expect(catalogs.bestLanguage(for: ["sv-SE", "fi-FI", "en"]) == "fi")
        #expect(catalogs.bestLanguage(for: ["de"]) == "en")
    }

    @Test func datesAndNumbersFollowTheLanguage() {
        let date = Date(timeIntervalSince1970: 1_780_000_000) // 2026-05-28 20:26:40 UTC
        let helsinki = TimeZone(identifier: "Europe/Helsinki")!
        #expect(catalogs.localizer(for: "fi", timeZone: helsinki).date(date) == "28. toukokuuta 2026")
        #expect(catalogs.localizer(for: "en", timeZone: helsinki).date(date) == "May 28, 2026")
        #expect(catalogs.localizer(for: "fi", timeZone: helsinki).number(12345) == "12\u{a0}345")
        #expect(catalogs.localizer(for: "en", timeZone: helsinki).number(12345) == "12,345")
    }
}

@Suite struct MessageFillingTests {
    @Test func placeholdersAreFilledOnceAndTypedBracesStayAsTyped() {
        #expect(Localizer.fill("Hello {name}, {count} new", with: ["name": "Ana", "count": "3"]) == "Hello Ana, 3 new")
        // A value that looks like a placeholder is not filled in again.
        #expect(Localizer.fill("{name} wrote {count}", with: ["name": "{count}", "count": "3"]) == "{count} wrote 3")
        #expect(Localizer.fill("{unknown} and {name}", with: ["name": "Ana"]) == "{unknown} and Ana")
        #expect(Localizer.fill("open { brace {name} and {", with: ["name": "Ana"]) == "open { brace Ana and {")
        #expect(Localizer.fill("ü{name}🙂", with: ["name": "é"]) == "üé🙂")
    }
}
