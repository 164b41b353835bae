#pragma once

#include "sendoptions.h"
#include "sendresult.h"

#include <QHash>
#include <QObject>

#include <memory>

QT_BEGIN_NAMESPACE
class QNetworkAccessManager;
QT_END_NAMESPACE

namespace dockside::composer {

struct PendingSend;

// Plays the platform: builds and signs events, sends them, enforces the deadline with its own precise clock and
// computes the call outcome. Several sends may run at once.
class EventSender final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EventSender)

public:
    explicit EventSender(QObject *parent = nullptr);
    ~EventSender() override;

    // Returns the id that finished() or failed() will carry.
    quint64 send(const SendOptions &options);
    void cancel(quint64 id);
    int inFlight() const { return static_cast<int>(m_pending.size()); }

Q_SIGNALS:
    // The exchange ended: answered, timed out or unreachable; the result says which.
    void finished(quint64 id, const dockside::composer::SendResult &result);
    // Nothing was sent: the options cannot make a request (not an http(s) URL, for example).
    void failed(quint64 id, const QString &message);

private:
    void complete(quint64 id);

    std::unique_ptr<QNetworkAccessManager> m_network;
    QHash<quint64, std::shared_ptr<PendingSend>> m_pending;
    quint64 m_nextId = 1;
};

// Builds the request body and headers exactly as they will be sent; exposed so replays and curl copies agree.
struct PreparedRequest {
    QByteArray body;
    workspace::HeaderList headers;
    QByteArray signedString; // empty when unsigned
};
PreparedRequest prepareRequest(const SendOptions &options, qint64 nowSeconds);

} // namespace dockside::composer
