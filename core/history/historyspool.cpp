// SPDX-License-Identifier: GPL-3.0-or-later

#include "historyspool.h"

#include "exchangerecordcodec.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRandomGenerator>
#include <QScopeGuard>
#include <QtEndian>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>
#include <xxhash.h>
#include <zlib.h>

namespace dockside::history {

namespace {

// Each frame: magic, payload length, payload checksum (little-endian), then the payload. The magic names the
// checksum: frames are written with XXH3 (a quarter of CRC-32's time on a record, which is paid before each answer);
// CRC-32 frames, as versions before it wrote them, are still read from spool files they left behind.
constexpr quint32 kFrameMagicCrc32 = 0x31505344; // "DSP1"
constexpr quint32 kFrameMagicXxh3 = 0x32505344; // "DSP2"
constexpr qsizetype kFrameHeaderBytes = 12;

QString systemError(int error)
{
    return QString::fromLocal8Bit(std::strerror(error));
}

quint32 checksumOf(quint32 magic, QByteArrayView payload)
{
    if (magic == kFrameMagicCrc32)
        return static_cast<quint32>(
            ::crc32(0, reinterpret_cast<const Bytef *>(payload.data()), static_cast<uInt>(payload.size())));
    // The low half of the 64-bit hash: a damaged frame still goes unnoticed only once in four billion.
    return static_cast<quint32>(XXH3_64bits(payload.data(), static_cast<size_t>(payload.size())));
}

} // namespace

SpoolFile::SpoolFile(QString path, int descriptor)
    : m_path(std::move(path))
    , m_descriptor(descriptor)
{
}

SpoolFile::~SpoolFile()
{
    if (m_descriptor >= 0)
        ::close(m_descriptor); // releases the lock
}

QString SpoolFile::name() const
{
    return QFileInfo(m_path).fileName();
}

bool SpoolFile::remove()
{
    return ::unlink(QFile::encodeName(m_path).constData()) == 0 || errno == ENOENT;
}

HistorySpool::~HistorySpool() = default;

QString HistorySpool::filePrefix(const QString &databasePath)
{
    return QFileInfo(databasePath).fileName() + QStringLiteral("-spool-");
}

bool HistorySpool::hasLeftovers(const QString &databasePath)
{
    const QDir folder = QFileInfo(databasePath).absoluteDir();
    const QStringList names = folder.entryList({filePrefix(databasePath) + QLatin1Char('*')}, QDir::Files);
    for (const QString &name : names) {
        const int descriptor = ::open(QFile::encodeName(folder.filePath(name)).constData(), O_RDONLY | O_CLOEXEC);
        if (descriptor < 0)
            continue;
        const bool unlocked = ::flock(descriptor, LOCK_SH | LOCK_NB) == 0;
        ::close(descriptor);
        if (unlocked)
            return true;
    }
    return false;
}

bool HistorySpool::open(const QString &databasePath, QString *errorMessage, qint64 rotateBytes)
{
    m_databasePath = databasePath;
    m_rotateBytes = rotateBytes;
    // Unique per store: processes (the window, `serve`, `send`) may share one history, each with its own spool.
    m_owner = QString::number(QCoreApplication::applicationPid()) + QLatin1Char('-') +
        QString::number(QRandomGenerator::global()->generate(), 36);
    m_sequence = 0;
    return startFile(errorMessage);
}

bool HistorySpool::startFile(QString *errorMessage)
{
    const QFileInfo database(m_databasePath);
    const QString path = database.absoluteDir().filePath(filePrefix(m_databasePath) + m_owner + QLatin1Char('-') +
                                                         QString::number(++m_sequence));
    const int descriptor =
        ::open(QFile::encodeName(path).constData(), O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC | O_APPEND, 0600);
    if (descriptor < 0 || ::flock(descriptor, LOCK_EX | LOCK_NB) != 0) {
        const int error = errno;
        if (descriptor >= 0)
            ::close(descriptor);
        if (errorMessage)
            *errorMessage = QStringLiteral("Dockside cannot create its history spool %1 (%2). Make the history's "
                                           "folder writable, or choose another history file.")
                                .arg(QDir::toNativeSeparators(path), systemError(error));
        return false;
    }
    m_file = std::make_shared<SpoolFile>(path, descriptor);
    m_fileSize = 0;
    return true;
}

void HistorySpool::add(const ExchangeRecord &record)
{
    // The record is encoded in place after its frame header, which is filled in once its length and checksum are known.
    const qsizetype frameStart = m_buffer.size();
    m_buffer.resize(frameStart + kFrameHeaderBytes);
    appendRecord(record, &m_buffer);
    const QByteArrayView payload = QByteArrayView(m_buffer).sliced(frameStart + kFrameHeaderBytes);
    char *const header = m_buffer.data() + frameStart;
    qToLittleEndian<quint32>(kFrameMagicXxh3, header);
    qToLittleEndian<quint32>(static_cast<quint32>(payload.size()), header + 4);
    qToLittleEndian<quint32>(checksumOf(kFrameMagicXxh3, payload), header + 8);
    ++m_pendingRecords;
}

std::optional<SpooledBatch> HistorySpool::write(QString *errorMessage)
{
    if (!m_file) {
        if (errorMessage)
            *errorMessage = QStringLiteral("The history spool is closed; the exchange was not stored.");
        m_buffer.clear();
        m_pendingRecords = 0;
        return std::nullopt;
    }
    const QByteArray &bytes = m_buffer;
    // Emptied however this ends; it keeps its capacity for the next pass, unless a burst made it large.
    const auto emptyBuffer = qScopeGuard([this] {
        if (m_buffer.capacity() > kKeptBufferBytes)
            m_buffer = QByteArray();
        else
            m_buffer.resize(0);
    });
    qsizetype written = 0;
    while (written < bytes.size()) {
        const ssize_t result =
            ::write(m_file->descriptor(), bytes.constData() + written, static_cast<size_t>(bytes.size() - written));
        if (result < 0 && errno == EINTR)
            continue;
        if (result <= 0) {
            const int error = result < 0 ? errno : ENOSPC;
            // A partial frame would end the file's readable part early: cut it back to the last whole write.
            if (::ftruncate(m_file->descriptor(), m_fileSize) != 0) {
                m_file.reset(); // the file keeps a torn tail; recovery stops there, a fresh file takes over
                startFile(nullptr);
            }
            m_pendingRecords = 0;
            if (errorMessage)
                *errorMessage =
                    QStringLiteral("Dockside could not write its history spool %1 (%2). Free disk space "
                                   "or choose a history file on another disk.")
                        .arg(QDir::toNativeSeparators(m_file ? m_file->path() : m_databasePath), systemError(error));
            return std::nullopt;
        }
        written += result;
    }
    m_fileSize += bytes.size();

    SpooledBatch batch;
    batch.file = m_file;
    batch.endOffset = m_fileSize;
    batch.records = std::exchange(m_pendingRecords, 0);
    if (m_fileSize >= m_rotateBytes) {
        // Past the limit the importer deletes this file once it has copied it; new frames go to a fresh one.
        batch.finished = true;
        m_file.reset();
        startFile(nullptr); // on failure these records are still safe; the next write reports the spool closed
    }
    return batch;
}

SpooledBatch HistorySpool::finish()
{
    SpooledBatch batch;
    batch.file = std::exchange(m_file, nullptr);
    batch.endOffset = m_fileSize;
    batch.finished = true;
    return batch;
}

SpooledBatch HistorySpool::rotate(QString *errorMessage)
{
    SpooledBatch batch = finish();
    startFile(errorMessage);
    return batch;
}

HistorySpool::Frames HistorySpool::readFrames(int descriptor, qint64 fromOffset, qint64 toOffset, qint64 maxBytes)
{
    Frames read;
    if (toOffset <= fromOffset)
        return read;
    const auto readAt = [descriptor](QByteArray &into, qint64 offset, qint64 length) {
        into.resize(static_cast<qsizetype>(length));
        qint64 done = 0;
        while (done < length) {
            const ssize_t result = ::pread(descriptor, into.data() + done, static_cast<size_t>(length - done),
                                           static_cast<off_t>(offset + done));
            if (result < 0 && errno == EINTR)
                continue;
            if (result <= 0)
                return false;
            done += result;
        }
        return true;
    };
    // One read for the whole range (bounded), then frames are cut from it in place; a frame larger than the range is
    // read on its own, as the only frame of its call.
    const qint64 span = std::min(toOffset - fromOffset, std::max<qint64>(maxBytes, kFrameHeaderBytes));
    if (!readAt(read.bytes, fromOffset, span)) {
        read.torn = true;
        return read;
    }
    qint64 position = fromOffset;
    qsizetype inChunk = 0;
    while (position < toOffset && (read.frames.isEmpty() || position - fromOffset < maxBytes)) {
        if (position + kFrameHeaderBytes > toOffset) {
            read.torn = true;
            break;
        }
        char header[kFrameHeaderBytes];
        if (inChunk + kFrameHeaderBytes <= read.bytes.size()) {
            std::memcpy(header, read.bytes.constData() + inChunk, kFrameHeaderBytes);
        } else {
            QByteArray bytes;
            if (!readAt(bytes, position, kFrameHeaderBytes)) {
                read.torn = true;
                break;
            }
            std::memcpy(header, bytes.constData(), kFrameHeaderBytes);
        }
        const quint32 magic = qFromLittleEndian<quint32>(header);
        const auto length = static_cast<qint64>(qFromLittleEndian<quint32>(header + 4));
        const quint32 checksum = qFromLittleEndian<quint32>(header + 8);
        if ((magic != kFrameMagicXxh3 && magic != kFrameMagicCrc32) ||
            position + kFrameHeaderBytes + length > toOffset) {
            read.torn = true;
            break;
        }
        QByteArrayView payload;
        if (inChunk + kFrameHeaderBytes + length <= read.bytes.size()) {
            payload = QByteArrayView(read.bytes).sliced(inChunk + kFrameHeaderBytes, static_cast<qsizetype>(length));
        } else if (!read.frames.isEmpty()) {
            break; // past this read's range: the next call starts here
        } else if (readAt(read.bytes, position + kFrameHeaderBytes, length)) {
            payload = read.bytes; // the chunk held only the start of this frame: the frame replaces it
        } else {
            read.torn = true;
            break;
        }
        if (checksumOf(magic, payload) != checksum) {
            read.torn = true;
            break;
        }
        position += kFrameHeaderBytes + length;
        inChunk += static_cast<qsizetype>(kFrameHeaderBytes + length);
        read.frames.append({payload, position});
    }
    return read;
}

} // namespace dockside::history
