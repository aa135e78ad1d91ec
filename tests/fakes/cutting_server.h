// A server that answers one request with a reply cut short: the status line and headers
// promise a body of `Content-Length` bytes, half of it is sent, and the connection closes —
// what a phone sees when the network drops mid-reply. Optionally the body is gzip (cut inside
// the compressed stream). Linux/POSIX sockets; serves on its own thread, one connection.
#pragma once

#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdexcept>
#include <string>
#include <sys/socket.h>
#include <thread>
#include <unistd.h>

#include <QByteArray>
#include <QString>
#include <QUrl>

namespace fb::test {

class CuttingServer {
public:
    // `body` is the whole reply body as it would go on the wire (already gzipped if `gzipped`).
    CuttingServer(QByteArray body, bool gzipped) : body_(std::move(body)), gzipped_(gzipped)
    {
        fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
        if (fd_ < 0) throw std::runtime_error("socket");
        sockaddr_in addr{};
        addr.sin_family = AF_INET;
        addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        socklen_t len = sizeof addr;
        if (::bind(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 || ::listen(fd_, 1) != 0 ||
            ::getsockname(fd_, reinterpret_cast<sockaddr*>(&addr), &len) != 0) {
            ::close(fd_);
            throw std::runtime_error("bind/listen on 127.0.0.1");
        }
        port_ = ntohs(addr.sin_port);
        thread_ = std::thread([this] { serveOne(); });
    }
    ~CuttingServer()
    {
        ::shutdown(fd_, SHUT_RDWR);
        thread_.join();
        ::close(fd_);
    }
    CuttingServer(const CuttingServer&) = delete;
    CuttingServer& operator=(const CuttingServer&) = delete;

    QUrl url() const { return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(port_)); }

private:
    void serveOne()
    {
        const int client = ::accept(fd_, nullptr, nullptr);
        if (client < 0) return;
        // Read the request head and whatever body came with it.
        std::string request;
        char buf[4096];
        while (request.find("\r\n\r\n") == std::string::npos) {
            const ssize_t n = ::recv(client, buf, sizeof buf, 0);
            if (n <= 0) break;
            request.append(buf, static_cast<std::size_t>(n));
        }
        std::string head = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " +
                           std::to_string(body_.size()) + "\r\n";
        if (gzipped_) head += "Content-Encoding: gzip\r\n";
        head += "\r\n";
        ::send(client, head.data(), head.size(), MSG_NOSIGNAL);
        ::send(client, body_.constData(), static_cast<std::size_t>(body_.size() / 2), MSG_NOSIGNAL);
        ::close(client);
    }

    QByteArray body_;
    bool gzipped_;
    int fd_ = -1;
    int port_ = 0;
    std::thread thread_;
};

}  // namespace fb::test
