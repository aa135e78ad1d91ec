// The real fieldbook-server binary for benchmarks: its admin CLI run to completion, and the
// server itself on a free loopback port (--port 0: the server binds and prints the port, so
// no port is guessed). Stopped in the destructor. Its stdout and stderr go to files in the
// given directory (a pipe nobody reads while devices sync would fill up and stall it).
#pragma once

#include <filesystem>
#include <stdexcept>
#include <string>

#include <QFile>
#include <QProcess>
#include <QStringList>
#include <QUrl>

namespace fb::bench {

// Runs `program args` to its end; throws with the program's output unless it exits 0.
inline QByteArray runToEnd(const QString& program, const QStringList& args, int timeoutMs = 600'000)
{
    QProcess p;
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(program, args);
    const std::string what = (program + ' ' + args.join(' ')).toStdString();
    if (!p.waitForStarted(10'000)) throw std::runtime_error("cannot start " + what);
    if (!p.waitForFinished(timeoutMs)) {
        p.kill();
        p.waitForFinished(5'000);
        throw std::runtime_error(what + ": timed out");
    }
    const QByteArray out = p.readAll();
    if (p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0)
        throw std::runtime_error(what + ": exit code " + std::to_string(p.exitCode()) + ": " +
                                 out.trimmed().toStdString());
    return out;
}

class ServerProcess {
public:
    ServerProcess(const QString& binary, const QStringList& databaseArgs, const std::filesystem::path& logDir)
        : out_(QString::fromStdString((logDir / "server.out").string())),
          err_(QString::fromStdString((logDir / "server.err").string()))
    {
        process_.setStandardOutputFile(out_);
        process_.setStandardErrorFile(err_);
        process_.start(binary, databaseArgs + QStringList{"--port", "0"});
        if (!process_.waitForStarted(10'000))
            throw std::runtime_error("cannot start " + binary.toStdString());
        const QByteArray prefix = "fieldbook-server listening on http://127.0.0.1:";
        for (int i = 0; i < 300 && port_ == 0; ++i) {
            if (process_.state() != QProcess::Running)
                throw std::runtime_error("the server exited at start:\n" + errTail());
            QFile f(out_);
            if (f.open(QIODevice::ReadOnly))
                for (const QByteArray& line : f.readAll().split('\n'))
                    if (line.startsWith(prefix)) port_ = line.mid(prefix.size()).trimmed().toInt();
            if (port_ == 0) process_.waitForFinished(50);  // a 50 ms sleep that notices an exit
        }
        if (port_ == 0)
            throw std::runtime_error("the server did not print its port within 15 s:\n" + errTail());
    }
    ~ServerProcess()
    {
        process_.terminate();
        if (!process_.waitForFinished(10'000)) {
            process_.kill();
            process_.waitForFinished(5'000);
        }
    }
    ServerProcess(const ServerProcess&) = delete;
    ServerProcess& operator=(const ServerProcess&) = delete;

    quint16 port() const { return static_cast<quint16>(port_); }
    qint64 processId() const { return process_.processId(); }
    const QString& stderrPath() const { return err_; }
    QUrl url() const { return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(port_)); }
    bool running() const { return process_.state() == QProcess::Running; }
    std::string errTail() const
    {
        QFile f(err_);
        return f.open(QIODevice::ReadOnly) ? "--- server stderr:\n" + f.readAll().right(3000).toStdString()
                                           : std::string();
    }

private:
    QString out_;
    QString err_;
    QProcess process_;
    int port_ = 0;
};

}  // namespace fb::bench
