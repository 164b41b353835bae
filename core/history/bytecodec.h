// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>
#include <QStringEncoder>
#include <QtEndian>

#include <cstring>
#include <optional>

namespace dockside::history::detail {

// Length-prefixed big-endian fields, byte for byte what QDataStream writes for quint32/qint64/QByteArray, without
// its QIODevice layers: encoding on the request path cost more than the write that makes it durable.
class ByteWriter final {
public:
    explicit ByteWriter(QByteArray *out)
        : m_out(out)
    {
    }

    void u8(quint8 value) { m_out->append(static_cast<char>(value)); }
    void u32(quint32 value)
    {
        char bytes[4];
        qToBigEndian(value, bytes);
        m_out->append(bytes, 4);
    }
    void i64(qint64 value)
    {
        char bytes[8];
        qToBigEndian(value, bytes);
        m_out->append(bytes, 8);
    }
    void bytes(const QByteArray &value)
    {
        if (value.isNull()) {
            u32(0xffffffffu);
            return;
        }
        // Length and bytes in one resize: two appends per field were most of a record's encoding.
        char *const begin = extend(4 + value.size());
        qToBigEndian(static_cast<quint32>(value.size()), begin);
        if (!value.isEmpty())
            memcpy(begin + 4, value.constData(), size_t(value.size()));
    }
    void text(const QString &value)
    {
        if (value.isEmpty()) {
            bytes(value.isNull() ? QByteArray() : value.toUtf8());
            return;
        }
        // Encoded straight into the output: a temporary UTF-8 copy per field cost an allocation each.
        const qsizetype start = m_out->size();
        m_out->resize(start + 4 + m_encoder.requiredSpace(value.size()));
        char *const begin = m_out->data() + start + 4;
        const qsizetype length = m_encoder.appendToBuffer(begin, value) - begin;
        qToBigEndian(static_cast<quint32>(length), m_out->data() + start);
        m_out->resize(start + 4 + length);
    }

private:
    // Room for size more bytes at the end, to be filled through the pointer.
    char *extend(qsizetype size)
    {
        const qsizetype start = m_out->size();
        m_out->resize(start + size);
        return m_out->data() + start;
    }

    QByteArray *m_out;
    QStringEncoder m_encoder {QStringEncoder::Utf8, QStringEncoder::Flag::Stateless};
};

// Reads what ByteWriter wrote; any read past the end turns the reader bad and every later read into a default.
// view() hands out slices of the input without copying: valid as long as the bytes read are.
class ByteReader final {
public:
    explicit ByteReader(QByteArrayView in)
        : m_in(in)
    {
    }

    bool ok() const { return m_ok; }
    bool atEnd() const { return m_position == m_in.size(); }
    qsizetype position() const { return m_position; }
    // The bytes read since an earlier position(), as they are in the input.
    QByteArrayView since(qsizetype start) const { return m_in.sliced(start, m_position - start); }

    quint8 u8() { return take(1) ? static_cast<quint8>(m_in.at(m_position - 1)) : 0; }
    quint32 u32() { return take(4) ? qFromBigEndian<quint32>(m_in.data() + m_position - 4) : 0; }
    qint64 i64() { return take(8) ? qFromBigEndian<qint64>(m_in.data() + m_position - 8) : 0; }
    // A length-prefixed field; a null one (written from a null QByteArray) has no data pointer, an empty one has.
    QByteArrayView view()
    {
        const quint32 length = u32();
        if (length == 0xffffffffu || !m_ok)
            return {};
        if (!take(length))
            return {};
        return QByteArrayView(m_in.data() + m_position - length, qsizetype(length));
    }
    QByteArray bytes() { return materialize(view()); }
    QString text()
    {
        const QByteArrayView utf8 = view();
        return utf8.isNull() ? QString() : QString::fromUtf8(utf8);
    }

    static QByteArray materialize(QByteArrayView field)
    {
        return field.isNull() ? QByteArray() : QByteArray(field.data(), field.size());
    }

private:
    bool take(qint64 count)
    {
        if (!m_ok || count > m_in.size() - m_position) {
            m_ok = false;
            return false;
        }
        m_position += static_cast<qsizetype>(count);
        return true;
    }

    QByteArrayView m_in;
    qsizetype m_position = 0;
    bool m_ok = true;
};

} // namespace dockside::history::detail
