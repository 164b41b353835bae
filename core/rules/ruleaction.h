#pragma once

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

struct ActionChoice {
    QString templateId;
    int arm = -1; // index into the split, -1 for a single template
    QString explanation;
};

// What a matching rule answers with. In a rule's JSON either "template": "<id>", or
// "split": [{"template": "<id>", "weight": 50}, ...] for an A/B test.
class RuleAction {
public:
    static RuleAction single(const QString &templateId);
    static RuleAction split(const QList<SplitArm> &arms);

    // Reads "template" or "split" from a rule object.
    static std::optional<RuleAction> fromJson(const QJsonObject &rule, const QString &rulePath,
                                              QList<base::LoadError> &errors);
    void writeJson(QJsonObject &rule) const;

    // A split sends the same call id to the same arm every time, in every process: the arm comes from a
    // SHA-256 of the call id, never from qHash (seeded per process).
    ActionChoice choose(const QString &callId) const;

    bool isSplit() const { return !m_arms.isEmpty(); }
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
};

} // namespace dockside::rules
