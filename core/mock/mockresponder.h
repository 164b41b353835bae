#pragma once

#include "base/capturedrequest.h"

#include "history/exchangerecord.h"
#include "http/httpresponse.h"
#include "workspace/workspace.h"

#include <QDateTime>
#include <QHash>
#include <QStringList>

namespace dockside::mock {

// What the endpoint will do with one request, decided before anything is sent.
struct PlannedAnswer {
    history::ExchangeRecord record;
    http::HttpResponse response;
    workspace::Fault fault = workspace::Fault::None;
    qint64 holdMs = 0; // how long after the request the answer (or the fault) happens
    QStringList trace; // why this template: the rules looked at, in order
};

// Decides answers from a workspace: rules pick a template, the template renders against the request and the
// contact book, and assistant-requests get the call outcome the platform would reach with that answer.
class MockResponder final {
public:
    MockResponder();
    MockResponder(workspace::Workspace workspace, QByteArray secret, qint64 platformDeadlineMs);

    PlannedAnswer plan(const base::CapturedRequest &request, const QDateTime &now) const;

    const workspace::Workspace &workspace() const { return m_workspace; }
    bool checksSignatures() const { return !m_secret.isEmpty(); }

private:
    struct OutcomeSummary {
        QString disposition;
        QString reason;
        QString spokenFirst;
    };
    void recordOutcome(const PlannedAnswer &plan, history::ExchangeRecord &record) const;

    workspace::Workspace m_workspace;
    // The outcome is a pure function of the answer; most answers repeat, and validating each costs the most.
    mutable QHash<QByteArray, OutcomeSummary> m_outcomeCache;
    QByteArray m_secret;
    qint64 m_platformDeadlineMs = 5000;
};

} // namespace dockside::mock
