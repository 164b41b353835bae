// SPDX-License-Identifier: GPL-3.0-or-later

#include "junitreport.h"

#include "base/atomicfile.h"

#include <QXmlStreamWriter>

#include <algorithm>

namespace dockside::composer {

using namespace Qt::StringLiterals;

namespace {

QString seconds(double milliseconds)
{
    return QString::number(milliseconds / 1000.0, 'f', 3);
}

bool isError(const ScenarioResult &result)
{
    return !result.cancelled && !result.passed() && !result.transportError.isEmpty();
}

} // namespace

QString describeFailures(const ScenarioResult &result)
{
    QStringList lines;
    for (const ExpectationResult &failed : result.failedExpectations())
        lines.append(u"%1: expected %2, actual %3"_s.arg(failed.name, failed.expected, failed.actual));
    return lines.join(u'\n');
}

QByteArray junitXml(const SuiteReport &report, const QString &suiteName)
{
    const int errors = static_cast<int>(std::count_if(report.results.cbegin(), report.results.cend(), isError));
    const int failures = report.failedCount() - errors;
    const QString tests = QString::number(report.results.size());
    const QString time = seconds(static_cast<double>(report.elapsedMs));

    QByteArray xml;
    QXmlStreamWriter writer(&xml);
    writer.setAutoFormatting(true);
    writer.setAutoFormattingIndent(2);
    writer.writeStartDocument();
    writer.writeStartElement(u"testsuites"_s);
    writer.writeAttribute(u"name"_s, u"dockside"_s);
    writer.writeAttribute(u"tests"_s, tests);
    writer.writeAttribute(u"failures"_s, QString::number(failures));
    writer.writeAttribute(u"errors"_s, QString::number(errors));
    writer.writeAttribute(u"time"_s, time);
    writer.writeStartElement(u"testsuite"_s);
    writer.writeAttribute(u"name"_s, suiteName);
    writer.writeAttribute(u"tests"_s, tests);
    writer.writeAttribute(u"failures"_s, QString::number(failures));
    writer.writeAttribute(u"errors"_s, QString::number(errors));
    writer.writeAttribute(u"skipped"_s, QString::number(report.cancelledCount()));
    writer.writeAttribute(u"time"_s, time);
    for (const ScenarioResult &result : report.results) {
        writer.writeStartElement(u"testcase"_s);
        writer.writeAttribute(u"name"_s, result.scenarioName);
        writer.writeAttribute(u"classname"_s, u"dockside.scenarios."_s + result.scenarioId);
        writer.writeAttribute(u"time"_s, seconds(result.latencyMs()));
        if (result.cancelled) {
            writer.writeStartElement(u"skipped"_s);
            writer.writeAttribute(u"message"_s, u"cancelled before an answer arrived"_s);
            writer.writeEndElement();
        } else if (!result.passed()) {
            const qsizetype failed = result.failedExpectations().size();
            const QString count = u"%1 of %2 expectations failed"_s.arg(failed).arg(result.expectations.size());
            const bool error = isError(result);
            writer.writeStartElement(error ? u"error"_s : u"failure"_s);
            writer.writeAttribute(u"message"_s,
                                  error ? u"no answer: %1; %2"_s.arg(result.transportError, count) : count);
            writer.writeAttribute(u"type"_s, error ? u"transport"_s : u"expectation"_s);
            writer.writeCharacters(describeFailures(result));
            writer.writeEndElement();
        }
        writer.writeTextElement(u"system-out"_s, result.summary());
        writer.writeEndElement();
    }
    writer.writeEndElement();
    writer.writeEndElement();
    writer.writeEndDocument();
    return xml;
}

bool writeJUnitFile(const SuiteReport &report, const QString &suiteName, const QString &fileName, QString *error)
{
    return base::writeFileAtomically(fileName, junitXml(report, suiteName), error);
}

} // namespace dockside::composer
