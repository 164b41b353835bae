// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QByteArray>
#include <QString>
#include <QtEndian>

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
        u32(static_cast<quint32>(value.size()));
        m_out->append(value);
    }
    void text(const QString &value) { bytes(value.isNull() ? QByteArray() : value.toUtf8()); }

private:
    QByteArray *m_out;
};

// Reads what ByteWriter wrote; any read past the end turns the reader bad and every later read into a default.
class ByteReader final {
public:
    explicit ByteReader(const QByteArray &in)
        : m_in(in)
    {
    }

    bool ok() const { return m_ok; }
    bool atEnd() const { return m_position == m_in.size(); }

    quint8 u8() { return take(1) ? static_cast<quint8>(m_in.at(m_position - 1)) : 0; }
    quint32 u32() { return take(4) ? qFromBigEndian<quint32>(m_in.constData() + m_position - 4) : 0; }
    qint64 i64() { return take(8) ? qFromBigEndian<qint64>(m_in.constData() + m_position - 8) : 0; }
    QByteArray bytes()
    {
        const quint32 length = u32();
        if (length == 0xffffffffu || !m_ok)
            return {};
        if (!take(length))
            return {};
        return QByteArray(m_in.constData() + m_position - length, length == 0 ? 0 : qsizetype(length));
    }
    QString text()
    {
        const QByteArray utf8 = bytes();
        return utf8.isNull() ? QString() : QString::fromUtf8(utf8);
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

    const QByteArray &m_in;
    qsizetype m_position = 0;
    bool m_ok = true;
};

} // namespace dockside::history::detail
