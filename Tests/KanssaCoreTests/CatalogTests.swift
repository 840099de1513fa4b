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
        // "{name}" and the "{count, plural, …}" of a choice of forms alike.
        let placeholder = /\{([a-zA-Z]+)(?:\}|, ?plural,)/
        for key in MessageKey.allCases {
            // A form's own opening brace ("one {…") is not a placeholder.
            func names(_ text: String) -> Set<String> {
                Set(text.replacing(/\b(zero|one|two|few|many|other) \{/, with: "(").matches(of: placeholder).map { String($0.output.1) })
            }
            let a = names(english(key))
            let b = names(finnish(key))
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

    @Test func aTextNotTakenSaysWhatToDoAboutIt() {
        let t = catalogs.localizer(for: "en", timeZone: .gmt)
        // Empty: what to write, and nothing about a limit.
        #expect(t.textError(.errorActionText, typed: " \n ", maxLength: 300) == "Write what will be done.")
        #expect(t.textError(.errorActionText, typed: nil, maxLength: 300) == "Write what will be done.")
        // Too long: the limit to keep to.
        #expect(t.textError(.errorActionText, typed: String(repeating: "a", count: 1234), maxLength: 300)
            == "Write what will be done. It is too long: shorten it to 300 characters or fewer.")
        #expect(t.textError(.errorActionText, typed: "bell\u{7}", maxLength: 300).contains("cannot be shown"))
        #expect(t.textError(.errorActionText, typed: "line\nbreak", maxLength: 300, multiline: false).contains("cannot be shown"))
        // Taken as text but refused for a reason of its own.
        #expect(t.textError(.errorPracticeToolName, typed: "Walk and talk", maxLength: 100, otherwise: .errorPracticeToolNameTaken)
            == "The catalogue already has a tool of that name: give another name.")
        let fi = catalogs.localizer(for: "fi", timeZone: .gmt)
        #expect(fi.textError(.errorActionText, typed: String(repeating: "ä", count: 301), maxLength: 300)
            == "Kirjoita, mitä tehdään. Teksti on liian pitkä: lyhennä se enintään 300 merkkiin.")
    }

    @Test func aDayAMonthAndATimeAreWrittenOneWayPerLanguage() {
        let helsinki = TimeZone(identifier: "Europe/Helsinki")!
        let (fi, en) = (catalogs.localizer(for: "fi", timeZone: helsinki), catalogs.localizer(for: "en", timeZone: helsinki))
        let date = Date(timeIntervalSince1970: 1_780_000_000) // 2026-05-28 23:26:40 in Helsinki
        // A day kept as text reads like a date; the long form with a time as without one.
        #expect(fi.day("2026-05-29") == fi.date(date.addingTimeInterval(3600)))
        #expect(en.day("2026-12-03") == "December 3, 2026")
        #expect(en.day("no day") == "no day")
        #expect(fi.dateTime(date).hasPrefix("28. toukokuuta 2026"))
        #expect(en.dateTime(date).hasPrefix("May 28, 2026"))
        #expect(en.month("2026-11") == "November 2026")
        #expect(fi.month("2026-11").lowercased() == "marraskuu 2026")
        #expect(en.month("2026-13") == "2026-13")
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

    @Test func aChoiceOfFormsFollowsTheLanguagesPluralRules() {
        let members = "{team}: {count, plural, one {# member} other {# members, {team}}}"
        #expect(Localizer.fill(members, with: ["team": "A", "count": "1"], counts: ["count": 1]) == "A: 1 member")
        #expect(Localizer.fill(members, with: ["team": "A", "count": "0"], counts: ["count": 0]) == "A: 0 members, A")
        let polish = "{n, plural, one {# plan} few {# plany} many {# planów} other {# planu}}"
        let forms = [1, 2, 4, 5, 12, 22, 25, 112, 1_000].map {
            Localizer.fill(polish, with: [:], counts: ["n": $0], language: "pl")
        }
        #expect(forms == ["1 plan", "2 plany", "4 plany", "5 planów", "12 planów", "22 plany", "25 planów", "112 planów", "1000 planów"])
        // Without a count the choice stays as written, and a malformed one is plain text.
        #expect(Localizer.fill("{n, plural, one {x} other {y}}", with: [:]) == "{n, plural, one {x} other {y}}")
        #expect(Localizer.fill("{n, plural, one {x} other {y}", with: [:], counts: ["n": 2]).hasPrefix("{n, plural"))
        // A typed value holding "#" or braces is not read again.
        #expect(Localizer.fill("{n, plural, other {# by {name}}}", with: ["name": "#{n}"], counts: ["n": 3]) == "3 by #{n}")
    }
}

@Suite struct PluralChoiceCatalogTests {
    /// Every choice in every catalog has an `other` form and a form for each category its
    /// language uses for the numbers 0 to 1,000.
    @Test(arguments: ["en", "fi"])
    func everyChoiceHasEveryFormItsLanguageNeeds(language: String) throws {
        let catalogs = try Catalogs.bundled()
        let t = catalogs.localizer(for: language, timeZone: .gmt)
        let needed = Set((0...1_000).map { PluralCategory.of($0, in: language).rawValue })
        for key in MessageKey.allCases {
            let text = t(key)
            var rest = text[...]
            while let open = rest.firstIndex(of: "{") {
                let after = rest.index(after: open)
                if let choice = PluralChoice(parsing: rest[after...]) {
                    #expect(choice.forms["other"] != nil, "\(language) \(key)")
                    #expect(needed.isSubset(of: Set(choice.forms.keys)), "\(language) \(key): \(choice.forms.keys.sorted())")
                    rest = rest[choice.end...]
                } else {
                    rest = rest[after...]
                }
            }
        }
    }
}
