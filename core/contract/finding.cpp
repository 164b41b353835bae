#include "finding.h"

namespace dockside::contract {

QString sourceLabel(Source source)
{
    switch (source) {
    case Source::Seed:
        return QStringLiteral("seed");
    case Source::Sdk:
        return QStringLiteral("sdk");
    case Source::Assumed:
        return QStringLiteral("assumed");
    }
    return {};
}

QString severityLabel(Severity severity)
{
    return severity == Severity::Error ? QStringLiteral("error") : QStringLiteral("warning");
}

} // namespace dockside::contract
