// POSIX file calls: the mode is set when the file is created, before anything is written.
#include "fieldbook/core/secretstore.h"

#include <cerrno>
#include <fcntl.h>
#include <memory>
#include <sys/stat.h>
#include <system_error>
#include <unistd.h>

namespace fb {

namespace {

Error fileError(const std::string& what, const std::string& path)
{
    return makeError(ErrorCode::Storage,
                     what + " " + path + ": " + std::error_code(errno, std::generic_category()).message());
}

}  // namespace

Result<std::string> FileSecretStore::load()
{
    const std::string& path = path_;
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        if (errno == ENOENT) return std::string();
        return fileError("cannot open", path);
    }
    struct stat st {};
    if (::fstat(fd, &st) != 0) {
        const Error e = fileError("cannot inspect", path);
        ::close(fd);
        return e;
    }
    if ((st.st_mode & (S_IRWXG | S_IRWXO)) != 0) {
        ::close(fd);
        return makeError(ErrorCode::Storage, "refusing " + path + ": others may read it (mode " +
                                                 std::to_string(st.st_mode & 0777) + ", expected 0600)");
    }
    std::string out;
    char buf[4096];
    for (;;) {
        const ssize_t n = ::read(fd, buf, sizeof buf);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) {
            const Error e = fileError("cannot read", path);
            ::close(fd);
            return e;
        }
        if (n == 0) break;
        out.append(buf, static_cast<std::size_t>(n));
    }
    ::close(fd);
    return out;
}

Result<void> FileSecretStore::store(const std::string& secret)
{
    const std::string& path = path_;
    const std::string temp = path + ".new";
    ::unlink(temp.c_str());  // a leftover of a crash, whatever its mode
    const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, S_IRUSR | S_IWUSR);
    if (fd < 0) return fileError("cannot create", temp);
    std::size_t done = 0;
    while (done < secret.size()) {
        const ssize_t n = ::write(fd, secret.data() + done, secret.size() - done);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) {
            const Error e = fileError("cannot write", temp);
            ::close(fd);
            ::unlink(temp.c_str());
            return e;
        }
        done += static_cast<std::size_t>(n);
    }
    if (::fsync(fd) != 0 || ::close(fd) != 0) {
        const Error e = fileError("cannot write", temp);
        ::unlink(temp.c_str());
        return e;
    }
    if (::rename(temp.c_str(), path.c_str()) != 0) {
        const Error e = fileError("cannot replace", path);
        ::unlink(temp.c_str());
        return e;
    }
    return {};
}

Result<void> FileSecretStore::erase()
{
    const std::string& path = path_;
    if (::unlink(path.c_str()) != 0 && errno != ENOENT) return fileError("cannot remove", path);
    return {};
}

Result<std::string> CachedSecretStore::load()
{
    if (known_) return *known_;
    auto read = inner_->load();
    if (read) known_ = *read;  // a failure is not kept: the next load asks again
    return read;
}

Result<void> CachedSecretStore::store(const std::string& secret)
{
    known_.reset();
    auto written = inner_->store(secret);
    if (written) known_ = secret;
    return written;
}

Result<void> CachedSecretStore::erase()
{
    known_.reset();
    auto erased = inner_->erase();
    if (erased) known_ = std::string();
    return erased;
}

std::string tokenFileOf(const std::string& databasePath)
{
    return databasePath + "-token";
}

std::unique_ptr<SecretStore> tokenFileStoreFor(const std::string& databasePath)
{
    if (databasePath.empty() || databasePath == ":memory:" || databasePath.rfind("file:", 0) == 0)
        return std::make_unique<MemorySecretStore>();
    return std::make_unique<FileSecretStore>(tokenFileOf(databasePath));
}

}  // namespace fb
