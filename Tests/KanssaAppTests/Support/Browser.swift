import Foundation
import Testing
import Vapor
import VaporTesting

/// A browser for HTTP tests: keeps cookies, remembers the last page, and fills in the
/// anti-forgery token from it when submitting a form — as a person's browser would.
struct Browser {
    let app: Application
    var cookies: [String: String] = [:]
    var lastPage = ""
    var language: String?
    /// The address this browser's requests come from, as a trusted proxy would name it
    /// (`X-Forwarded-For`; the app must trust "unix", the in-memory peer).
    var address: String?

    init(_ app: Application) {
        self.app = app
    }

    @discardableResult
    mutating func get(_ path: String, headers: HTTPHeaders = [:]) async throws -> TestingHTTPResponse {
        try await send(.GET, path, headers: headers, body: nil)
    }

    /// Posts a form. The token is taken from the last page unless one is given.
    @discardableResult
    mutating func post(
        _ path: String, _ fields: [(String, String)] = [], token: String? = nil, headers: HTTPHeaders = [:]
    ) async throws -> TestingHTTPResponse {
        var all = fields
        if let token = token ?? csrfToken { all.append(("_csrf", token)) }
        var headers = headers
        headers.contentType = .urlEncodedForm
        return try await send(.POST, path, headers: headers, body: ByteBuffer(string: Self.encode(all)))
    }

    mutating func send(
        _ method: HTTPMethod, _ path: String, headers: HTTPHeaders = [:], body: ByteBuffer?
    ) async throws -> TestingHTTPResponse {
        var headers = headers
        if !cookies.isEmpty {
            headers.replaceOrAdd(name: .cookie, value: cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; "))
        }
        if let language { headers.replaceOrAdd(name: .acceptLanguage, value: language) }
        if let address { headers.replaceOrAdd(name: .xForwardedFor, value: address) }
        let response = try await app.testing().sendRequest(method, path, headers: headers, body: body)
        for header in response.headers[.setCookie] {
            let pair = header.split(separator: ";").first.map(String.init) ?? ""
            guard let equals = pair.firstIndex(of: "=") else { continue }
            let name = String(pair[..<equals]), value = String(pair[pair.index(after: equals)...])
            let expired = value.isEmpty || header.contains("Max-Age=0") || header.contains("1970")
            cookies[name] = expired ? nil : value
        }
        lastPage = response.body.string
        return response
    }

    /// The anti-forgery token in the last page's first form.
    var csrfToken: String? {
        guard let range = lastPage.range(of: #"name="_csrf" value=""#) else { return nil }
        return String(lastPage[range.upperBound...].prefix { $0 != "\"" })
    }

    /// Signs in through the real form; expects success.
    mutating func signIn(_ login: String, password: String = Fixtures.password) async throws {
        try await get("/sign-in")
        let response = try await post("/sign-in", [("login", login), ("password", password)])
        #expect(response.status == .seeOther, "sign-in of \(login) failed: \(response.status)")
    }

    static func encode(_ fields: [(String, String)]) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return fields.map { name, value in
            "\(name.addingPercentEncoding(withAllowedCharacters: allowed)!)=\(value.addingPercentEncoding(withAllowedCharacters: allowed)!)"
        }.joined(separator: "&")
    }
}
