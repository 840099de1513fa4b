import Fluent
import KanssaCore
import Vapor

/// `kanssa create-admin`: the operator's way to create the first organisation and its
/// administrator. There is no default account; the password is read from standard input so that
/// it never appears in the shell's history or the process list.
struct CreateAdminCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "organisation", help: "The organisation's name; created if it does not exist.")
        var organisation: String?

        @Option(name: "email", help: "The administrator's email address or username.")
        var email: String?

        @Option(name: "name", help: "The administrator's name as others see it (default: the email).")
        var name: String?

        @Option(name: "language", help: "Language of the organisation and the account (default en).")
        var language: String?

        @Flag(name: "password-stdin", help: "Read the password from standard input.")
        var passwordStdin: Bool

        init() {}
    }

    var help: String { "Creates an organisation's administrator (and the organisation if it is new)." }

    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        guard let organisationName = signature.organisation.flatMap({ TypedText.clean($0, maxLength: 200) }) else {
            throw Failure(description: "Give the organisation's name with --organisation \"City of Houten\".")
        }
        guard let login = signature.email.flatMap(LoginName.init) else {
            throw Failure(description: "Give a valid email address or username with --email.")
        }
        guard signature.passwordStdin else {
            throw Failure(description: "Pass --password-stdin and type the password on standard input.")
        }
        let password = (readLine(strippingNewline: true) ?? "")
        if let problem = app.platform.passwordRules.problem(with: password) {
            let message = switch problem {
            case .tooShort: "The password must have at least \(PasswordRules.minimumLength) characters."
            case .tooLong: "The password must have at most \(PasswordRules.maximumLength) characters."
            case .tooCommon: "That password is too common; choose another."
            }
            throw Failure(description: message)
        }
        let language = signature.language ?? "en"
        guard app.platform.catalogs.supports(language) else {
            throw Failure(description: "Kanssa has no catalog for language \"\(language)\"; use one of \(app.platform.catalogs.languages.joined(separator: ", ")).")
        }
        guard try await Kanssa.pendingMigrations(app) == 0 else { throw Failure(description: "Run `kanssa migrate` first.") }

        let now = app.platform.dependencies.now()
        let hash = try await app.password.async.hash(password)
        try await app.db.transaction { database in
            let organisation: Organisation
            if let existing = try await Organisation.query(on: database).filter(\.$name == organisationName).first() {
                organisation = existing
            } else {
                organisation = Organisation(name: organisationName, defaultLanguage: language, createdAt: now)
                try await organisation.create(on: database)
            }
            if try await Account.query(on: database).filter(\.$login == login.value).count() > 0 {
                throw Failure(description: "An account \(login.value) exists already.")
            }
            let account = Account(
                login: login.value, displayName: signature.name.flatMap { TypedText.clean($0, maxLength: 100) } ?? login.value,
                preferredLanguage: language, passwordHash: hash, createdAt: now)
            try await account.create(on: database)
            try await Enrolment.grant(
                accountID: try account.requireID(), organisationID: try organisation.requireID(), role: .admin,
                at: now, on: database)
            try await AuditLog.record(
                AuditRecord(actorID: nil, subjectID: account.id, organisationID: organisation.id, event: .accountCreated,
                            target: "admin", purpose: .operatorCommand, requestID: "create-admin"),
                at: now, on: database)
        }
        context.console.print("Created administrator \(login.value) of \(organisationName).")
    }
}
