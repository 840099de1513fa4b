import Fluent
import KanssaCore
import Vapor

/// "Download my information": everything about the person, as JSON a machine can read.
struct ExportController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.on(.GET, "me", "export.json", access: .signedIn, use: json)
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
