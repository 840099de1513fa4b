import Foundation
import KanssaCore

/// The demo keeps its secret in its data folder, so that codes and sessions stay valid from one
/// run to the next. `serve` never does this: production takes its secret from the environment.
enum DemoSecret {
    static func loadOrCreate(in directory: String, dependencies: AppDependencies) throws -> String {
        let path = directory + "/secret"
        if let existing = try? String(contentsOfFile: path, encoding: .utf8), existing.count >= 32 {
            return existing.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let secret = Data(dependencies.randomBytes(48)).base64URLEncoded
        _ = FileManager.default.createFile(
            atPath: path, contents: Data(secret.utf8), attributes: [.posixPermissions: 0o600])
        return secret
    }
}
