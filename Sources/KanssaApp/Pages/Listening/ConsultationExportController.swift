import Fluent
import KanssaCore
import Listening
import Vapor

/// A consultation's answers and codings taken out for a spreadsheet or a qualitative-analysis
/// tool: by its team, each export written to the audit log.
struct ConsultationExportController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let work = ListeningController.consultation { .workOnConsultation($0) }
        let export = routes.grouped("listening", "consultations", ":consultation", "export")
        export.on(.GET, "answers.csv", access: work, use: answers)
        export.on(.GET, "codes.csv", access: work, use: codes)
        export.on(.GET, "project.qdpx", access: work, use: project)
    }

    static let csv = HTTPMediaType(type: "text", subType: "csv", parameters: ["charset": "utf-8"])

    private func download(_ request: Request, file: String, type: HTTPMediaType, bytes: [UInt8]) async throws -> Response {
        let consultationID = try request.uuid("consultation")
        let organisation = try await Consultations.access(consultationID, on: request.db)?.organisationID
        try await request.audit(.consultationExported, organisation: organisation, target: "\(file) \(consultationID)", purpose: .listening)
        var headers = HTTPHeaders()
        headers.contentType = type
        headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"consultation-\(file)\"")
        headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        return Response(status: .ok, headers: headers, body: .init(data: Data(bytes)))
    }

    @Sendable func answers(request: Request) async throws -> Response {
        let data = try await ConsultationExport.load(try request.uuid("consultation"), on: request.db)
        return try await download(request, file: "answers.csv", type: Self.csv, bytes: Array(ConsultationExport.answersCSV(data).utf8))
    }

    @Sendable func codes(request: Request) async throws -> Response {
        let data = try await ConsultationExport.load(try request.uuid("consultation"), on: request.db)
        return try await download(request, file: "codes.csv", type: Self.csv, bytes: Array(ConsultationExport.codesCSV(data).utf8))
    }

    @Sendable func project(request: Request) async throws -> Response {
        let data = try await ConsultationExport.load(try request.uuid("consultation"), on: request.db)
        return try await download(request, file: "project.qdpx", type: .zip, bytes: RefiQDA.project(data, exportedAt: request.now))
    }
}
