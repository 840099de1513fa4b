import Foundation
import Glibc

/// A TCP connection to the test server on 127.0.0.1 that sends bytes exactly as given, the way a
/// careless or hostile client would, and reads whatever comes back. (Linux's socket calls.)
struct RawConnection {
    struct Failed: Error { let call: String }

    private let socketDescriptor: Int32

    init(port: Int) throws {
        socketDescriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socketDescriptor >= 0 else { throw Failed(call: "socket") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(socketDescriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { close(socketDescriptor); throw Failed(call: "connect") }
    }

    /// Connects, sends the request, and returns what the server sent until it closed the
    /// connection; nil if it was still open after `seconds`.
    static func exchange(port: Int, _ request: String..., within seconds: Double = 5) throws -> String? {
        let connection = try RawConnection(port: port)
        defer { connection.disconnect() }
        for part in request { connection.write(part) }
        return connection.readUntilClosed(within: seconds)
    }

    /// Sends the bytes; false when the server has stopped reading (it may have answered already).
    @discardableResult
    func write(_ text: String) -> Bool { write(Array(text.utf8)) }

    @discardableResult
    func write(_ bytes: [UInt8]) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let sent = bytes[offset...].withUnsafeBytes { send(socketDescriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard sent > 0 else { return false }
            offset += sent
        }
        return true
    }

    /// What the server sent until it closed the connection; nil if it is still open after `seconds`.
    func readUntilClosed(within seconds: Double) -> String? {
        let deadline = Date().addingTimeInterval(seconds)
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let left = deadline.timeIntervalSinceNow
            guard left > 0 else { return nil }
            var ready = pollfd(fd: socketDescriptor, events: Int16(POLLIN), revents: 0)
            guard poll(&ready, 1, Int32(left * 1000)) > 0 else { return nil }
            let count = recv(socketDescriptor, &buffer, buffer.count, 0)
            if count <= 0 { return String(decoding: received, as: UTF8.self) }
            received += buffer[..<count]
        }
    }

    func disconnect() {
        close(socketDescriptor)
    }
}
