// SPDX-License-Identifier: GPL-3.0-or-later

#include "routingmatrix.h"

#include "composer/eventsender.h"
#include "composer/sendoptions.h"
#include "contract/callevent.h"
#include "contract/signature.h"
#include "mock/mockresponder.h"
#include "rules/businesshours.h"
#include "rules/requestcontext.h"

#include <QHash>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSet>
#include <QUuid>

namespace dockside::routing {

namespace {

const QByteArray kStandInSecret = QByteArrayLiteral("dockside-routing-matrix");

// The rules' business-hours conditions, read back through BusinessHours itself: the only part of a rule that
// reads the request's time.
QList<rules::BusinessHours> businessHoursOf(const rules::RuleSet &ruleSet)
{
    QList<rules::BusinessHours> hours;
    for (const rules::Rule &rule : ruleSet.rules()) {
        for (const rules::Condition &condition : rule.conditions) {
            if (condition.kind() != rules::Condition::Kind::BusinessHours)
                continue;
            QList<base::LoadError> errors;
            const std::optional<rules::BusinessHours> read =
                rules::BusinessHours::fromJson(condition.toJson(), QString(), errors);
            if (read && !hours.contains(*read))
                hours.append(*read);
        }
    }
    return hours;
}

// A rule that reads what changes with the moment besides the time: the body's timestamp or the signature headers.
bool rulesReadTheTimestamp(const rules::RuleSet &ruleSet)
{
    for (const rules::Rule &rule : ruleSet.rules()) {
        for (const rules::Condition &condition : rule.conditions) {
            const QJsonObject json = condition.toJson();
            if (condition.kind() == rules::Condition::Kind::JsonPointer &&
                json.value(QStringLiteral("pointer")).toString().contains(QLatin1String("timestamp")))
                return true;
            if (condition.kind() == rules::Condition::Kind::Header) {
                const QString name = json.value(QStringLiteral("name")).toString();
                if (name.compare(QLatin1String(contract::kTimestampHeader), Qt::CaseInsensitive) == 0 ||
                    name.compare(QLatin1String(contract::kSignatureHeader), Qt::CaseInsensitive) == 0)
                    return true;
            }
        }
    }
    return false;
}

bool readsTheTime(const QByteArray &text)
{
    static const QRegularExpression placeholder(QStringLiteral("\\{\\{[^}]*(\\bnow\\b|timestamp)[^}]*\\}\\}"));
    return text.contains("{{") && placeholder.match(QString::fromUtf8(text)).hasMatch();
}

QSet<QString> templatesReadingTheTime(const workspace::Workspace &workspace)
{
    QSet<QString> ids;
    for (const workspace::ResponseTemplate &responseTemplate : workspace.templates) {
        bool reads = readsTheTime(responseTemplate.body);
        for (const auto &header : responseTemplate.headers)
            reads = reads || readsTheTime(header.second);
        if (reads)
            ids.insert(responseTemplate.id);
    }
    return ids;
}

// Plans requests as the endpoint does: the same responder, the same request bytes the platform would send.
class Planner {
public:
    explicit Planner(const RoutingInput &input)
        : m_secret(input.signature == SignatureAssumption::NoSecret
                       ? QByteArray()
                       : (input.secret.isEmpty() ? kStandInSecret : input.secret))
        , m_responder(input.workspace, m_secret, input.platformDeadlineMs)
    {
    }

    base::CapturedRequest request(const QString &number, const QString &callId, const QDateTime &moment) const
    {
        composer::SendOptions options;
        options.event.type = contract::EventType::AssistantRequest;
        options.event.timestamp = moment;
        options.event.callId = callId;
        options.event.customerNumber = number;
        options.secret = m_secret;
        const composer::PreparedRequest prepared = composer::prepareRequest(options, moment.toSecsSinceEpoch());
        base::CapturedRequest request;
        request.receivedAtUs = moment.toMSecsSinceEpoch() * 1000;
        request.method = QByteArrayLiteral("POST");
        request.target = QByteArrayLiteral("/");
        request.httpVersion = QByteArrayLiteral("1.1");
        request.headers.append({QByteArrayLiteral("Host"), QByteArrayLiteral("127.0.0.1")});
        request.headers += prepared.headers;
        request.headers.append({QByteArrayLiteral("Content-Length"), QByteArray::number(prepared.body.size())});
        request.body = prepared.body;
        request.peerAddress = QStringLiteral("127.0.0.1");
        return request;
    }

    RoutingCell cell(const QString &number, const QString &callId, const QDateTime &moment) const
    {
        const base::CapturedRequest captured = request(number, callId, moment);
        const mock::PlannedAnswer plan = m_responder.plan(captured, moment);

        // The evaluation's details the plan does not keep (the split arm, the rule's name), from the same context
        // the plan built: the request read at that moment, its signature checked as the endpoint checks it.
        const workspace::Workspace &workspace = m_responder.workspace();
        rules::RequestContext context = rules::RequestContext::fromRequest(captured, workspace.contacts, moment);
        if (m_secret.isEmpty()) {
            context.signature = contract::SignatureStatus::NoSecret;
        } else {
            contract::SignatureInput signature;
            signature.signatureHeader = captured.header(contract::kSignatureHeader);
            signature.timestampHeader = captured.header(contract::kTimestampHeader);
            signature.body = captured.body;
            signature.secret = m_secret;
            signature.now = moment;
            context.signature = contract::verifySignature(signature).status;
        }
        const rules::RuleEvaluation evaluation = workspace.rules.evaluate(context);

        RoutingCell cell;
        cell.matched = evaluation.matched;
        if (evaluation.matched) {
            cell.ruleId = evaluation.ruleId;
            cell.ruleName = evaluation.ruleName;
            for (const rules::Rule &rule : workspace.rules.rules())
                if (rule.id == evaluation.ruleId && rule.action.isSplit())
                    cell.arms = rule.action.arms();
            cell.arm = cell.arms.isEmpty() ? -1 : evaluation.arm;
        }
        cell.templateId = plan.record.templateId;
        cell.error = plan.record.error;
        if (plan.forward) {
            cell.kind = RoutingCell::Kind::Forwarded;
            cell.forwardUrl = plan.forward->answer.upstream.toString();
            cell.fallbackTemplateId = plan.forward->answer.fallbackTemplateId;
        } else {
            cell.kind = plan.record.outcomeDisposition == contract::dispositionName(contract::Disposition::Rejected)
                ? RoutingCell::Kind::Rejected
                : RoutingCell::Kind::Answered;
            cell.reason = plan.record.outcomeReason;
            cell.spokenFirst = plan.record.spokenFirst;
        }
        return cell;
    }

private:
    QByteArray m_secret;
    mock::MockResponder m_responder;
};

QStringList assumptionsOf(const RoutingInput &input)
{
    QStringList assumptions;
    assumptions.append(input.signature == SignatureAssumption::NoSecret
                           ? QStringLiteral("The endpoint has no secret: signature rules see \"unchecked\".")
                           : QStringLiteral("Every request is signed with the endpoint's secret, as the platform "
                                            "signs it: signature rules see \"valid\"."));
    assumptions.append(QStringLiteral("Each caller makes one inbound phone call with the same call id all week, so "
                                      "an A/B split sends a caller to the same arm at every moment."));
    return assumptions;
}

} // namespace

qsizetype RoutingMatrix::rowOf(const QString &number) const
{
    for (qsizetype row = 0; row < callers.size(); ++row)
        if (callers.at(row).number == number)
            return row;
    return -1;
}

QString routingCallId(const QString &number)
{
    static const QUuid kNamespace = QUuid::fromString(QStringLiteral("{5b0f7c9e-3c1a-4e59-9a8e-2f1d0c6b7a31}"));
    return QUuid::createUuidV5(kNamespace, number).toString(QUuid::WithoutBraces);
}

QStringList businessHoursZones(const rules::RuleSet &rules)
{
    QStringList zones;
    for (const rules::BusinessHours &hours : businessHoursOf(rules))
        if (!zones.contains(hours.zoneId()))
            zones.append(hours.zoneId());
    return zones;
}

base::CapturedRequest routingRequest(const RoutingInput &input, const QString &number, const QDateTime &moment)
{
    const Planner planner(input);
    return planner.request(number, routingCallId(number), moment);
}

RoutingCell evaluateCell(const RoutingInput &input, const RoutingCaller &caller, const QDateTime &moment)
{
    const Planner planner(input);
    return planner.cell(caller.number, routingCallId(caller.number), moment);
}

std::optional<RoutingMatrix> computeRoutingMatrix(const RoutingInput &input, const RoutingProgress &progress)
{
    RoutingMatrix matrix;
    matrix.callers = input.callers;
    matrix.moments = input.moments;
    matrix.assumptions = assumptionsOf(input);
    const qsizetype momentCount = input.moments.size();
    matrix.grid.resize(input.callers.size() * momentCount);

    // Classes of moments: equal when every business-hours condition says the same of them.
    const QList<rules::BusinessHours> hours = businessHoursOf(input.workspace.rules);
    const bool everyMoment = rulesReadTheTimestamp(input.workspace.rules);
    QList<int> classOf(momentCount);
    QList<qsizetype> representative; // the first moment of each class
    {
        QHash<QByteArray, int> classByKey;
        for (qsizetype m = 0; m < momentCount; ++m) {
            QByteArray key;
            if (everyMoment) {
                key = QByteArray::number(m);
            } else {
                key.reserve(hours.size());
                for (const rules::BusinessHours &businessHours : hours)
                    key.append(businessHours.contains(input.moments.at(m)) ? '1' : '0');
            }
            auto found = classByKey.constFind(key);
            if (found == classByKey.constEnd()) {
                found = classByKey.insert(key, static_cast<int>(representative.size()));
                representative.append(m);
            }
            classOf[m] = *found;
        }
    }
    const QSet<QString> timeTemplates = templatesReadingTheTime(input.workspace);

    const Planner planner(input);
    QHash<QString, int> outcomeIndex; // by the cell's JSON, to share equal cells between callers
    auto intern = [&](const RoutingCell &cell) {
        const QString key = cell.describeRoute() + QChar(0) + cell.spokenFirst + QChar(0) + cell.reason + QChar(0) +
            cell.error + QChar(0) + cell.ruleName;
        auto found = outcomeIndex.constFind(key);
        if (found == outcomeIndex.constEnd()) {
            found = outcomeIndex.insert(key, static_cast<int>(matrix.outcomes.size()));
            matrix.outcomes.append(cell);
        }
        return *found;
    };

    QList<int> cellOfClass(representative.size());
    for (qsizetype c = 0; c < input.callers.size(); ++c) {
        const QString &number = input.callers.at(c).number;
        const QString callId = routingCallId(number);
        QList<bool> perMoment(representative.size(), false);
        for (qsizetype k = 0; k < representative.size(); ++k) {
            const RoutingCell cell = planner.cell(number, callId, input.moments.at(representative.at(k)));
            ++matrix.evaluations;
            cellOfClass[k] = intern(cell);
            perMoment[k] = timeTemplates.contains(cell.templateId) || timeTemplates.contains(cell.fallbackTemplateId);
        }
        int *row = matrix.grid.data() + c * momentCount;
        for (qsizetype m = 0; m < momentCount; ++m) {
            const int k = classOf.at(m);
            if (perMoment.at(k) && representative.at(k) != m) {
                row[m] = intern(planner.cell(number, callId, input.moments.at(m)));
                ++matrix.evaluations;
            } else {
                row[m] = cellOfClass.at(k);
            }
        }
        if (progress && !progress(c + 1, input.callers.size()))
            return std::nullopt;
    }
    return matrix;
}

QList<RoutingBand> bandsOf(const RoutingMatrix &matrix, qsizetype caller)
{
    QList<RoutingBand> bands;
    const qsizetype count = matrix.moments.size();
    for (qsizetype m = 0; m < count; ++m) {
        const int cell = matrix.cellIndex(caller, m);
        if (!bands.isEmpty() && bands.last().cell == cell)
            bands.last().last = m;
        else
            bands.append({m, m, cell});
    }
    return bands;
}

const RoutingCell *cellAt(const RoutingMatrix &matrix, const QString &number, const QDateTime &moment)
{
    const qsizetype row = matrix.rowOf(number);
    if (row < 0)
        return nullptr;
    const auto found = std::lower_bound(matrix.moments.cbegin(), matrix.moments.cend(), moment);
    if (found == matrix.moments.cend() || *found != moment)
        return nullptr;
    return &matrix.cell(row, found - matrix.moments.cbegin());
}

RoutingDiff diffMatrices(const RoutingMatrix &before, const RoutingMatrix &after)
{
    RoutingDiff diff;
    const qsizetype momentCount = after.moments.size();
    diff.changed.resize(after.grid.size());
    const bool sameMoments = before.moments == after.moments;
    for (qsizetype c = 0; c < after.callers.size(); ++c) {
        const qsizetype beforeRow = before.rowOf(after.callers.at(c).number);
        bool rowChanged = false;
        for (qsizetype m = 0; m < momentCount; ++m) {
            const RoutingCell *old = beforeRow < 0 ? nullptr
                : sameMoments                      ? &before.cell(beforeRow, m)
                                                   : cellAt(before, after.callers.at(c).number, after.moments.at(m));
            const bool changed = old == nullptr || !(*old == after.cell(c, m));
            diff.changed[c * momentCount + m] = changed;
            if (changed) {
                ++diff.changedCells;
                rowChanged = true;
            }
        }
        if (rowChanged)
            ++diff.changedCallers;
    }
    return diff;
}

} // namespace dockside::routing
