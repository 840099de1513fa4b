import Fluent
import Foundation
import KanssaCore
import Plot

/// The team's printable report of a consultation: what "You said, we did" tells the public —
/// what was asked and why, who took part, what was heard, believed and decided — with the
/// team's figures beside it. Counts from 1 to 4 are held back here too: a report is passed on.
public enum ConsultationReport {
    public struct Model: Sendable, Equatable {
        public let consultationID: UUID
        public let report: PublicReport.Model
        public let figures: ConsultationFigures.Model
    }

    /// Nil for a draft: nothing has been asked yet.
    public static func load(_ consultationID: UUID, on database: any Database) async throws -> Model? {
        guard let consultation = try await Consultation.find(consultationID, on: database) else { throw ListeningError.notFound }
        guard let code = consultation.publicCode.flatMap(ConsultationCode.init(typed:)),
              let report = try await PublicReport.load(code, on: database)
        else { return nil }
        return Model(consultationID: consultationID, report: report, figures: try await ConsultationFigures.load(consultationID, on: database))
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
            let report = model.report
            return Layout.page(title: t(.reportTitle, ["title": report.title]), chrome: chrome, content: .div(
                .p(.class("screen-only"), .a(.link(ListeningRoute.consultation(model.consultationID).url), .txt(t(.answersBackToConsultation)))),
                .p(.class("screen-only"), .txt(t(.reportPrintHint))),
                .p(.txt(t(.publicReportDays, ["organisation": report.organisationName, "opens": t.day(report.opensOn), "closes": t.day(report.closesOn)])),
                   .text(" "), .span(.class("tag"), .txt(ListeningWords.state(report.state, t)))),
                PublicReportPages.ReportView(model: report, chrome: chrome).sections,
                .section(
                    .h2(.txt(t(.reportFiguresHeading))),
                    FiguresPage(model: model.figures, chrome: chrome).figures)
            ))
        }
    }
}
