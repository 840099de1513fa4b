import Foundation
import KanssaCore
import Vapor

/// The one hand-written stylesheet, read from the bundle once at start.
enum Stylesheet {
    static func load() throws -> ByteBuffer {
        ByteBuffer(string: try KanssaResources.text(named: "kanssa", extension: "css"))
    }
}
