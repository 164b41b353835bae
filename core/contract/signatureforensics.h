// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "base/headerlist.h"

#include <QByteArray>
#include <QDateTime>
#include <QString>
#include <QStringList>

#include <optional>

namespace dockside::contract {

// Everything a failed signature can be explained from: the request as it arrived, and the secret it was checked with.
struct ForensicsInput {
    base::HeaderList headers;
    QByteArray body;
    QByteArray secret;
    QDateTime now = QDateTime::currentDateTimeUtc();
};

// Why a signature does not verify: a stable code ("body_pretty", "clock_skew", "secret_differs") and a sentence that
// names the wrong input and what to fix.
struct SignatureDiagnosis {
    QString code;
    QString sentence;
};

// Recomputes the signature over the inputs senders and proxies most often get wrong (the body re-serialised, the
// timestamp in milliseconds or from another clock reading, the secret with or without "whsec_" or whitespace, the
// "sha256=" prefix hashed in, the header under another name, the raw bytes of a body that is not UTF-8) and names the
// one that reproduces the signature that arrived. nullopt when there is nothing to explain: the signature verifies, or
// no secret is configured.
std::optional<SignatureDiagnosis> diagnoseSignature(const ForensicsInput &input);

// Every code diagnoseSignature() may give, for tests and documentation.
QStringList signatureDiagnosisCodes();

} // namespace dockside::contract
