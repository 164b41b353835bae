// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "exchangerecord.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QString>

#include <memory>
#include <optional>

namespace dockside::history {

// One spool file, locked (flock) for as long as this object lives, so recovery by another process skips it.
class SpoolFile final {
public:
    SpoolFile(QString path, int descriptor);
    ~SpoolFile();
    Q_DISABLE_COPY_MOVE(SpoolFile)

    const QString &path() const { return m_path; }
    QString name() const; // the file name: the key of its import progress
    int descriptor() const { return m_descriptor; }
    // Deletes the file while the lock is still held, so nobody can take it between the two steps.
    bool remove();

private:
    QString m_path;
    int m_descriptor = -1;
};

// What one write added to a spool file, told to the importer, which reads the records back from the file.
struct SpooledBatch {
    std::shared_ptr<SpoolFile> file;
    qint64 endOffset = 0; // whole frames up to here
    qint64 records = 0;
    bool finished = false; // nothing more is written to the file: delete it once it is imported
};

// The spool makes an answer durable before SQLite has its record: frames appended to a file with one write() per
// group of requests survive a killed process (the kernel holds them), at a fraction of a transaction's cost. The
// writer thread copies them into SQLite in large transactions and deletes each file once it is copied.
class HistorySpool final {
public:
    static constexpr qint64 kDefaultRotateBytes = qint64(16) * 1024 * 1024;
    static constexpr qsizetype kKeptBufferBytes = qsizetype(4) * 1024 * 1024;

    HistorySpool() = default;
    ~HistorySpool();
    Q_DISABLE_COPY_MOVE(HistorySpool)

    bool open(const QString &databasePath, QString *errorMessage, qint64 rotateBytes = kDefaultRotateBytes);
    bool isOpen() const { return m_file != nullptr; }

    void add(const ExchangeRecord &record);
    bool hasPending() const { return m_pendingRecords > 0; }

    // Writes what was added since the last write; on failure the file is cut back and the records are dropped.
    std::optional<SpooledBatch> write(QString *errorMessage);
    // Hands the current file over as finished (in an empty batch) and leaves the spool closed.
    SpooledBatch finish();
    // Hands the current file over as finished and goes on in a fresh one, so the old one (with every record written
    // so far) is deleted once it is imported: how a forgotten caller's records leave the spool.
    SpooledBatch rotate(QString *errorMessage);

    // File names a spool of this database uses: "<database file>-spool-<owner>-<sequence>".
    static QString filePrefix(const QString &databasePath);
    // Whether a spool of this database is left by a process that ended without copying it (no live lock on it).
    static bool hasLeftovers(const QString &databasePath);
    // Frames of a spool file between two offsets, at most maxBytes of them (and at least one): whole, checksummed
    // ones only, their payloads slices of the bytes read; torn says reading stopped at a damaged or cut frame before
    // toOffset.
    struct Frame {
        QByteArrayView payload; // in Frames::bytes
        qint64 endOffset = 0;
    };
    struct Frames {
        QByteArray bytes;
        QList<Frame> frames;
        bool torn = false;
    };
    static Frames readFrames(int descriptor, qint64 fromOffset, qint64 toOffset, qint64 maxBytes);

private:
    bool startFile(QString *errorMessage);

    QString m_databasePath;
    QString m_owner;
    qint64 m_rotateBytes = kDefaultRotateBytes;
    int m_sequence = 0;
    std::shared_ptr<SpoolFile> m_file;
    qint64 m_fileSize = 0;
    QByteArray m_buffer;
    qint64 m_pendingRecords = 0;
};

} // namespace dockside::history
