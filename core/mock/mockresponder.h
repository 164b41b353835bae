// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "base/capturedrequest.h"
#include "contract/calloutcome.h"
#include "history/exchangerecord.h"
#include "http/httpresponse.h"
#include "relay/relay.h"
#include "rules/condition.h"
#include "rules/requestcontext.h"
#include "workspace/workspace.h"

#include <QDateTime>
#include <QHash>
#include <QStringList>
#include <QUrl>

#include <optional>

namespace dockside::mock {

// "Forward to URL": the developer's webhook answers; with a fallback template, that template answers when the webhook
// misses the deadline.
struct ForwardAnswer {
    QUrl upstream;
    relay::LateAnswer late = relay::LateAnswer::Faithful;
    QString fallbackTemplateId; // with LateAnswer::Fallback

    bool operator==(const ForwardAnswer &) const = default;
};

struct PlannedForward {
    ForwardAnswer answer;
    qint64 deadlineMs = 0; // the platform's, for this event
};

// What the endpoint will do with one request, decided before anything is sent.
struct PlannedAnswer {
    history::ExchangeRecord record;
    http::HttpResponse response;
    workspace::Fault fault = workspace::Fault::None;
    qint64 holdMs = 0; // how long after the request the answer (or the fault) happens
    QStringList trace; // why this template: the rules looked at, in order
    std::optional<PlannedForward> forward; // relayed: response holds the fallback template's answer, if any
};

// Decides answers from a workspace: rules pick a template, the template renders against the request and the
// contact book, and assistant-requests get the call outcome the platform would reach with that answer.
class MockResponder final {
public:
    MockResponder();
    MockResponder(workspace::Workspace workspace, QByteArray secret, qint64 platformDeadlineMs);

    // now checks the signature's timestamp; rulesAt (default: now) is the moment the rules and {{now}} see, which
    // a pinned or offset clock moves.
    // explanation: whether plan.trace says in words why (the endpoint's request path skips it; nobody reads it there).
    PlannedAnswer plan(const base::CapturedRequest &request, const QDateTime &now, const QDateTime &rulesAt = {},
                       rules::Explanation explanation = rules::Explanation::Given) const;
    // Fills in what the caller gets and the platform's outcome once a relayed request is back from the webhook.
    void completeForward(PlannedAnswer &plan, const relay::RelayResult &result) const;

    // Overrides the workspace's default answer (when no rule matches): the CLI's --forward-to.
    void setDefaultForward(const std::optional<ForwardAnswer> &forward) { m_defaultForward = forward; }
    const std::optional<ForwardAnswer> &defaultForward() const { return m_defaultForward; }

    const workspace::Workspace &workspace() const { return m_workspace; }
    bool checksSignatures() const { return !m_secret.isEmpty(); }

private:
    struct OutcomeSummary {
        QString disposition;
        QString reason;
        QString spokenFirst;
    };
    void recordOutcome(const PlannedAnswer &plan, history::ExchangeRecord &record) const;
    // The row's disposition, reason and first words for what the platform observed, from m_outcomeCache when seen.
    void storeOutcome(const contract::Exchange &observed, qint64 deadlineMs, history::ExchangeRecord &record) const;
    qint64 deadlineFor(const QString &eventType) const;
    void renderTemplate(const workspace::ResponseTemplate &chosen, const rules::RequestContext &context,
                        PlannedAnswer &plan) const;

    workspace::Workspace m_workspace;
    // The outcome is a pure function of the answer (a template's, or a relayed webhook's); most answers repeat, and
    // validating each costs the most.
    struct OutcomeKey {
        int transport = 0;
        bool late = false;
        qint64 deadlineMs = 0;
        int httpStatus = 0;
        QByteArray body; // shared with the answer, not copied
        friend bool operator==(const OutcomeKey &, const OutcomeKey &) = default;
        friend size_t qHash(const OutcomeKey &key, size_t seed = 0)
        {
            return qHashMulti(seed, key.transport, key.late, key.deadlineMs, key.httpStatus, key.body);
        }
    };
    mutable QHash<OutcomeKey, OutcomeSummary> m_outcomeCache;
    QByteArray m_secret;
    qint64 m_platformDeadlineMs = 5000;
    std::optional<ForwardAnswer> m_defaultForward;
};

} // namespace dockside::mock
