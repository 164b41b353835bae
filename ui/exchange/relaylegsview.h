// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "preparedmessage.h"

#include "history/exchangerecord.h"

#include <QWidget>

#include <optional>

class QLabel;
class QSplitter;

namespace dockside::ui {

class MessagePane;

// The two legs of a relayed exchange side by side: on the left what the platform sent and got back, on the right
// what went on to the developer's webhook and what it answered, above them the times of both against the deadline.
class RelayLegsView final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RelayLegsView)

public:
    // The messages of one relayed exchange, made ready on the detail view's worker with the rest.
    struct Prepared {
        PreparedMessage forwarded;
        std::optional<PreparedMessage> webhookAnswer; // none when the webhook gave no complete answer
    };
    static Prepared prepare(const history::ExchangeRecord &record);

    explicit RelayLegsView(QWidget *parent = nullptr);
    ~RelayLegsView() override;

    // platformRequest and platformAnswer are the detail view's own (its first tab); answer none: nothing was sent.
    void show(const history::ExchangeRecord &record, const PreparedMessage &platformRequest,
              const std::optional<PreparedMessage> &platformAnswer, const Prepared &prepared);
    void clear();

    // "Forwarded 0.1 ms after arrival · connected in 0.3 ms · …": the timing line above the legs.
    static QString timingText(const history::ForwardedLeg &leg);
    // Who answered the platform, and why.
    static QString verdictText(const history::ExchangeRecord &record);
    QString summaryText() const;

private:
    QWidget *createColumn(const QString &title, MessagePane *request, MessagePane *answer);

    QLabel *m_summary = nullptr;
    QSplitter *m_columns = nullptr;
    MessagePane *m_platformRequest = nullptr;
    MessagePane *m_platformAnswer = nullptr;
    MessagePane *m_forwardedRequest = nullptr;
    MessagePane *m_webhookAnswer = nullptr;
};

} // namespace dockside::ui
