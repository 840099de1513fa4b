import Fluent
import KanssaCore
import Learning
import Vapor

/// A coordinator imports instruments the organisation holds a licence for; a bad file is refused
/// with each problem named by its line.
struct InstrumentsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let rule = AccessRule.policy { .importInstruments(try $0.uuid("organisation")) }
        routes.on(.GET, "organisations", ":organisation", "instruments", access: rule, use: list)
        routes.on(.POST, "organisations", ":organisation", "instruments", access: rule, use: importFile)
    }

    @Sendable func list(request: Request) async throws -> Response {
        var model = try await load(request)
        if request.query[String.self, at: "notice"] == "imported" { model.notice = Notice(.success, request.localizer(.instrumentImportedNotice)) }
        return InstrumentList.View(model: model, chrome: request.chrome()).render().response()
    }

    @Sendable func importFile(request: Request) async throws -> Response {
        guard let principal = request.principal else { throw KanssaError.notSignedIn }
        let organisationID = try request.uuid("organisation")
        let source = (try? request.content.get(String.self, at: "source")) ?? ""
        let licence = (try? request.content.get(String.self, at: "licence")) ?? ""
        let t = request.localizer
        var model = try await load(request)
        guard source.utf8.count <= InstrumentLibrary.sourceLength else {
            model.errors = [FieldError(field: "source", message: t(.errorInstrumentTooLong))]
            return InstrumentList.View(model: model, chrome: request.chrome()).render().response(status: .unprocessableEntity)
        }
        switch try await InstrumentLibrary.check(source: source, licence: licence, organisationID: organisationID,
                                                 bundled: request.platform.instruments, on: request.db) {
        case .failure(let list):
            model.draft = ["source": source, "licence": String(licence.prefix(InstrumentLibrary.licenceLength + 100))]
            for problem in list.problems {
                switch problem {
                case .file(let found):
                    model.fileProblems = found.map { InstrumentProblemText.describe($0, t) }
                    model.errors.append(FieldError(field: "source", message: t(.errorInstrumentFile, counts: ["count": found.count])))
                case .takenByKanssa(let id):
                    model.errors.append(FieldError(field: "source", message: t(.errorInstrumentTaken, ["id": id])))
                case .versionExists(let id, let version):
                    model.errors.append(FieldError(field: "source", message: t(.errorInstrumentVersion, ["id": id, "version": t.number(version)])))
                case .licence:
                    model.errors.append(FieldError(field: "licence", message: t.textError(
                        .errorInstrumentLicence, typed: licence, maxLength: InstrumentLibrary.licenceLength, multiline: true)))
                }
            }
            return InstrumentList.View(model: model, chrome: request.chrome()).render().response(status: .unprocessableEntity)
        case .success(let instrument):
            let record = ImportedInstrument(
                organisationID: organisationID, instrumentID: instrument.id, version: instrument.version, source: source,
                licence: TypedText.clean(licence, maxLength: InstrumentLibrary.licenceLength, multiline: true) ?? "",
                importedByID: principal.accountID, at: request.now)
            try await record.create(on: request.db)
            try await request.audit(.instrumentImported, organisation: organisationID,
                                    target: "instrument:\(instrument.id):\(instrument.version)", purpose: .learning)
            return request.redirect(to: LearningRoute.instruments(organisation: organisationID).path + "?notice=imported", redirectType: .normal)
        }
    }

    private func load(_ request: Request) async throws -> InstrumentList.Model {
        try await InstrumentList.load(organisation: try await request.organisation(), bundled: request.platform.instruments,
                                      language: request.localizer.language, on: request.db)
    }
}
