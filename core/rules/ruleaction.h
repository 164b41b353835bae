// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "explanation.h"

#include "base/loaderror.h"
#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>

namespace dockside::rules {

struct SplitArm {
    QString templateId;
    int weight = 0;
    friend bool operator==(const SplitArm &, const SplitArm &) = default;
};

// "Forward to URL": the developer's own webhook answers (CONTRACT.md §7). In JSON
// {"url": "http://127.0.0.1:3000/webhook", "late": "faithful" | "fallback", "fallback_template": "<id>"}.
struct ForwardTo {
    QString url;
    bool fallback = false; // when the webhook misses the deadline, fallbackTemplateId answers
    QString fallbackTemplateId;

    static std::optional<ForwardTo> fromJson(const QJsonValue &value, const QString &jsonPath,
                                             QList<base::LoadError> &errors);
    QJsonObject toJson() const;
    QString describe() const;
    friend bool operator==(const ForwardTo &, const ForwardTo &) = default;
};

struct ActionChoice {
    QString templateId;
    std::optional<ForwardTo> forward;
    int arm = -1; // index into the split, -1 for a single template
    QString explanation;
};

// What a matching rule answers with. In a rule's JSON either "template": "<id>",
// "split": [{"template": "<id>", "weight": 50}, ...] for an A/B test, or "forward": {...} (ForwardTo).
class RuleAction {
public:
    static RuleAction single(const QString &templateId);
    static RuleAction split(const QList<SplitArm> &arms);
    static RuleAction forward(const ForwardTo &forwardTo);

    // Reads "template" or "split" from a rule object.
    static std::optional<RuleAction> fromJson(const QJsonObject &rule, const QString &rulePath,
                                              QList<base::LoadError> &errors);
    void writeJson(QJsonObject &rule) const;

    // A split sends the same call id to the same arm every time, in every process: the arm comes from a
    // SHA-256 of the call id, never from qHash (seeded per process).
    // explanation: whether the choice says in words why (the endpoint's request path does not ask).
    ActionChoice choose(const QString &callId, Explanation explanation = Explanation::Given) const;

    bool isSplit() const { return !m_arms.isEmpty(); }
    bool isForward() const { return m_forward.has_value(); }
    const std::optional<ForwardTo> &forwardTo() const { return m_forward; }
    const QString &templateId() const { return m_templateId; }
    const QList<SplitArm> &arms() const { return m_arms; }
    // Every template the action can answer with.
    QStringList templateIds() const;

    // The bucket of a call id in [0, total): the first 8 bytes of SHA-256(UTF-8 id), modulo total.
    static quint64 bucketOf(const QString &callId, quint64 total);

    friend bool operator==(const RuleAction &, const RuleAction &) = default;

private:
    QString m_templateId;
    QList<SplitArm> m_arms;
    std::optional<ForwardTo> m_forward;
};

} // namespace dockside::rules
