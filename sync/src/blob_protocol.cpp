// Attachments on the wire; see blob_protocol.h.
#include "fieldbook/sync/blob_protocol.h"

#include <charconv>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace fb::sync {

namespace {

// A decimal without sign or leading zeros (but "0"), at most 12 digits.
std::optional<std::int64_t> decimal(std::string_view text)
{
    if (text.empty() || text.size() > 12 || (text.size() > 1 && text[0] == '0')) return std::nullopt;
    std::int64_t value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
    return value;
}

Error bad(const std::string& message)
{
    return Error{ErrorCode::BadFormat, message, {}};
}

}  // namespace

bool isBlobDigest(std::string_view text)
{
    if (text.size() != 64) return false;
    for (char c : text)
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
    return true;
}

QByteArray encodeBlobParts(const std::vector<BlobPart>& parts)
{
    QByteArray out;
    for (const BlobPart& p : parts) {
        out += QByteArray::fromStdString(p.digest) + ' ' + QByteArray::number(p.size) + ' ' +
               QByteArray::number(p.offset) + ' ' + QByteArray::number(p.bytes.size()) + '\n';
        out += p.bytes;
    }
    return out;
}

Result<std::vector<BlobPart>> decodeBlobParts(const QByteArray& body, bool cut)
{
    std::vector<BlobPart> parts;
    qsizetype at = 0;
    while (at < body.size()) {
        const qsizetype end = body.indexOf('\n', at);
        if (end < 0 || end - at > 120) {
            if (cut && end < 0 && body.size() - at <= 120) break;  // a header line cut short
            return bad("part " + std::to_string(parts.size() + 1) + ": no header line");
        }
        const std::string line = body.mid(at, end - at).toStdString();
        std::vector<std::string_view> words;
        std::string_view rest(line);
        while (!rest.empty()) {
            const std::size_t space = rest.find(' ');
            words.push_back(rest.substr(0, space));
            rest = space == std::string_view::npos ? std::string_view() : rest.substr(space + 1);
        }
        const std::string which = "part " + std::to_string(parts.size() + 1);
        if (words.size() != 4) return bad(which + ": the header must be '<sha256> <size> <offset> <length>'");
        if (!isBlobDigest(words[0])) return bad(which + ": not a SHA-256 in lower-case hex");
        const auto size = decimal(words[1]);
        const auto offset = decimal(words[2]);
        const auto length = decimal(words[3]);
        if (!size || !offset || !length) return bad(which + ": size, offset and length must be decimals");
        if (*size < 1) return bad(which + ": a blob cannot be empty");
        if (*offset + *length > *size) return bad(which + ": offset + length pass the blob's size");
        BlobPart part{std::string(words[0]), *size, *offset, {}};
        const qsizetype start = end + 1;
        const qsizetype available = std::min<qsizetype>(static_cast<qsizetype>(*length), body.size() - start);
        if (available < *length && !cut)
            return bad(which + ": " + std::to_string(*length) + " bytes announced, " +
                       std::to_string(available) + " present");
        part.bytes = body.mid(start, available);
        parts.push_back(std::move(part));
        at = start + available;
    }
    return parts;
}

namespace {

QByteArray encodeStates(const std::vector<BlobState>& blobs, bool full)
{
    QJsonArray list;
    for (const BlobState& b : blobs) {
        QJsonObject o{{"sha256", QString::fromStdString(b.digest)}, {"size", static_cast<qint64>(b.size)}};
        if (full) {
            o.insert("received", static_cast<qint64>(b.received));
            o.insert("complete", b.complete);
            o.insert("referenced", b.referenced);
            if (!b.error.empty()) o.insert("error", QString::fromStdString(b.error));
        }
        list.append(o);
    }
    return QJsonDocument(QJsonObject{{"blobs", list}}).toJson(QJsonDocument::Compact);
}

Result<std::vector<BlobState>> decodeStates(const QByteArray& body, bool full)
{
    QJsonParseError error{};
    const QJsonDocument doc = QJsonDocument::fromJson(body, &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject())
        return bad("the body is not a JSON object");
    const QJsonValue list = doc.object().value(QLatin1String("blobs"));
    if (!list.isArray()) return bad("missing member 'blobs' (an array)");
    if (list.toArray().size() > kMaxBlobStatus)
        return Error{ErrorCode::TooLong, "at most " + std::to_string(kMaxBlobStatus) + " blobs at once", {}};
    std::vector<BlobState> out;
    const QJsonArray items = list.toArray();
    for (const auto& v : items) {
        const std::string which = "blobs[" + std::to_string(out.size()) + "]";
        if (!v.isObject()) return bad(which + " is not an object");
        const QJsonObject o = v.toObject();
        BlobState b;
        b.digest = o.value(QLatin1String("sha256")).toString().toStdString();
        if (!isBlobDigest(b.digest)) return bad(which + ".sha256 is not a SHA-256 in lower-case hex");
        const QJsonValue size = o.value(QLatin1String("size"));
        if (!size.isDouble() || size.toDouble() < 1 ||
            size.toDouble() != static_cast<double>(size.toInteger()))
            return bad(which + ".size must be a whole number of bytes, at least 1");
        b.size = size.toInteger();
        if (full) {
            b.received = o.value(QLatin1String("received")).toInteger();
            b.complete = o.value(QLatin1String("complete")).toBool();
            b.referenced = o.value(QLatin1String("referenced")).toBool();
            b.error = o.value(QLatin1String("error")).toString().toStdString();
        }
        out.push_back(std::move(b));
    }
    return out;
}

}  // namespace

QByteArray encodeBlobStatusRequest(const std::vector<BlobState>& blobs)
{
    return encodeStates(blobs, false);
}

Result<std::vector<BlobState>> decodeBlobStatusRequest(const QByteArray& body)
{
    return decodeStates(body, false);
}

QByteArray encodeBlobStates(const std::vector<BlobState>& blobs)
{
    return encodeStates(blobs, true);
}

Result<std::vector<BlobState>> decodeBlobStates(const QByteArray& body)
{
    return decodeStates(body, true);
}

}  // namespace fb::sync
