import Foundation

/// Files shipped inside the KanssaCore bundle.
public enum KanssaResources {
    public static func text(named name: String, extension ext: String) throws -> String {
        guard let url = Bundle.module.url(forResource: name, withExtension: ext, subdirectory: "Resources") else {
            throw ResourceError.missing("\(name).\(ext)")
        }
        return try String(contentsOf: url, encoding: .utf8)
    }
}
