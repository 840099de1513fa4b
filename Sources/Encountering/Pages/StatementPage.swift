import Fluent
import Foundation
import KanssaCore
@preconcurrency import Plot

/// A co-trainer's own statement of the sessions they delivered in a year, to print: each
/// session, the hours counted and any fee or voucher, and the year's totals.
public enum StatementPage {
    public struct Line: Sendable, Equatable {
        public let sessionID: UUID
        public let startsAt: Date
        public let moduleTitle: String
        public let organisation: String
        /// Nil until the host records it.
        public let recognition: EncounterSessions.Recognition?
    }

    public struct Model: Sendable, Equatable {
        public let name: String
        public let year: Int
        /// Years with sessions delivered, newest first, for moving between statements.
        public let years: [Int]
        public let lines: [Line]
        public let issuedAt: Date

        public var recordedMinutes: Int { lines.compactMap { $0.recognition?.minutes }.reduce(0, +) }

        /// Fees per currency, in the currency's smallest unit.
        public var fees: [(currency: String, cents: Int)] {
            lines.compactMap(\.recognition).reduce(into: [String: Int]()) { totals, recognition in
                if let currency = recognition.currency, let cents = recognition.feeCents { totals[currency, default: 0] += cents }
            }.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
        }

        public static func == (lhs: Model, rhs: Model) -> Bool {
            lhs.name == rhs.name && lhs.year == rhs.year && lhs.years == rhs.years && lhs.lines == rhs.lines && lhs.issuedAt == rhs.issuedAt
        }
    }

    /// The sessions the person delivered that have started, in the calendar year given (the
    /// current one if none). Four queries.
    public static func load(for person: Principal, year: Int?, timeZone: TimeZone, now: Date, on database: any Database) async throws -> Model {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let rows = try await SessionCoTrainer.query(on: database).filter(\.$accountID == person.accountID).all()
        let sessions = try await EncounterSession.query(on: database).filter(\.$id ~~ rows.map(\.sessionID)).filter(\.$startsAt <= now)
            .filter(\.$cancelledAt == nil)
            .sort(\.$startsAt).all()
        let years = Array(Set(sessions.map { calendar.component(.year, from: $0.startsAt) })).sorted(by: >)
        let chosen = year ?? calendar.component(.year, from: now)
        let inYear = sessions.filter { calendar.component(.year, from: $0.startsAt) == chosen }
        let modules = try await TrainingModule.query(on: database).filter(\.$id ~~ Set(inYear.map(\.moduleID))).all()
            .reduce(into: [UUID: String]()) { $0[$1.id!] = $1.title }
        let organisations = try await Organisation.query(on: database).filter(\.$id ~~ Set(inYear.map(\.organisationID))).all()
            .reduce(into: [UUID: String]()) { $0[$1.id!] = $1.name }
        let lines = inYear.compactMap { session -> Line? in
            guard let id = session.id, let row = rows.first(where: { $0.sessionID == id }) else { return nil }
            return Line(sessionID: id, startsAt: session.startsAt, moduleTitle: modules[session.moduleID] ?? "",
                        organisation: organisations[session.organisationID] ?? "",
                        recognition: row.minutes.map {
                            EncounterSessions.Recognition(minutes: $0, feeCents: row.feeCents, currency: row.currency, voucher: row.voucher)
                        })
        }
        return Model(name: person.displayName, year: chosen, years: years, lines: lines, issuedAt: now)
    }

    public struct View {
        let model: Model
        let chrome: Chrome

        public init(model: Model, chrome: Chrome) {
            self.model = model
            self.chrome = chrome
        }

        public func render() -> HTML {
            let t = chrome.t
            let fees = model.fees.map { "\(t.amount(cents: $0.cents)) \($0.currency)" }
            return Layout.page(
                title: t(.statementTitle, ["year": String(model.year)]), chrome: chrome,
                content: .div(
                    .p(.txt(t(.statementFor, ["name": model.name, "date": t.date(model.issuedAt)]))),
                    .if(model.years.count > 1 || (model.years.first.map { $0 != model.year } ?? false), .nav(
                        .attribute(named: "aria-label", value: t(.statementYears)),
                        .ul(.class("inline-list"), .forEach(model.years) { year in
                            .li(year == model.year
                                ? .strong(.attribute(named: "aria-current", value: "page"), .txt(String(year)))
                                : .a(.link(SafeURL(EncounteringRoute.statement.path + "?year=\(year)")!), .txt(String(year))))
                        })
                    )),
                    .if(model.lines.isEmpty, .p(.txt(t(.statementNone)))),
                    .if(!model.lines.isEmpty, .div(
                        .class("table-scroll"),
                        // A box that scrolls sideways must take keyboard focus to be scrolled without a mouse.
                        .attribute(named: "role", value: "region"),
                        .safe("aria-label", t(.statementCaption, ["year": String(model.year)])),
                        .attribute(named: "tabindex", value: "0"),
                        .table(
                            .caption(.txt(t(.statementCaption, ["year": String(model.year)]))),
                            .thead(.tr(.th(.txt(t(.statementDate))), .th(.txt(t(.statementModule))), .th(.txt(t(.statementOrganisation))),
                                       .th(.txt(t(.statementRecognised))))),
                            .tbody(.forEach(model.lines) { line in
                                .tr(.td(.txt(t.date(line.startsAt))), .td(.txt(line.moduleTitle)), .td(.txt(line.organisation)),
                                    .td(.txt(line.recognition.map { EncounterSessionPage.describe($0, t) } ?? t(.statementNotRecorded))))
                            })
                        )
                    )),
                    .p(.strong(.txt(t(.statementTotals, ["sessions": t.number(model.lines.count),
                                                         "hours": t.hours(minutes: model.recordedMinutes)])))),
                    .if(!fees.isEmpty, .p(.txt(t(.statementFees, ["fees": fees.joined(separator: ", ")])))),
                    .p(.class("hint"), .txt(t(.certificatePrint)))
                )
            )
        }
    }
}
