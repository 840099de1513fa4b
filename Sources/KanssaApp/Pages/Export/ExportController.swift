import Fluent
import KanssaCore
import Vapor

/// "Download my information": everything about the person, as JSON a machine can read and as a
/// page to print.
struct ExportController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.on(.GET, "me", "export.json", access: .signedIn, use: json)
        routes.on(.GET, "me", "export", access: .signedIn, use: printable)
    }

    /// The same, as a page to read or print.
    @Sendable func printable(request: Request) async throws -> Response {
        guard let principal = request.principal else { throw KanssaError.notSignedIn }
        let export = try await PersonalDataExport.load(principal: principal, at: request.now, on: request.db)
        try await request.audit(.personalDataExported, subject: principal.accountID, target: "export.html", purpose: .ownProfile)
        return PrintableExport(export: export, chrome: request.chrome()).render().response()
    }

    @Sendable func json(request: Request) async throws -> Response {
        guard let principal = request.principal else { throw KanssaError.notSignedIn }
        let export = try await PersonalDataExport.load(principal: principal, at: request.now, on: request.db)
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        var headers = HTTPHeaders()
        headers.contentType = .json
        headers.replaceOrAdd(name: .contentDisposition, value: #"attachment; filename="kanssa-my-information.json""#)
        try await request.audit(.personalDataExported, subject: principal.accountID, target: "export.json", purpose: .ownProfile)
        return Response(status: .ok, headers: headers, body: .init(data: try encoder.encode(export)))
    }
}
