// SPDX-License-Identifier: GPL-3.0-or-later

#include "timeline/timelineformat.h"

#include "contract/signature.h"

#include <gtest/gtest.h>

using namespace dockside::ui::timeline;

TEST(TimelineFormat, AnUnsignedRequestReadsAsMissingNotInvalid)
{
    // Without X-Webhook-Timestamp or X-Webhook-Signature the check stops at the timestamp.
    dockside::contract::SignatureInput unsignedRequest;
    unsignedRequest.body = QByteArrayLiteral("{}");
    unsignedRequest.secret = QByteArrayLiteral("whsec_timeline");
    const dockside::contract::SignatureCheck check = dockside::contract::verifySignature(unsignedRequest);
    const QString status = dockside::contract::signatureStatusCode(check.status);
    EXPECT_EQ(status, QStringLiteral("missing_timestamp"));
    EXPECT_EQ(signatureKind(status), SignatureKind::Missing);
    EXPECT_EQ(signatureLabel(status), QStringLiteral("missing"));
    EXPECT_TRUE(signatureToolTip(status).contains(QStringLiteral("unsigned")))
        << signatureToolTip(status).toStdString();

    EXPECT_EQ(signatureKind(QStringLiteral("missing_signature")), SignatureKind::Missing);
    EXPECT_EQ(signatureKind(QStringLiteral("mismatch")), SignatureKind::Invalid);
    EXPECT_EQ(signatureLabel(QStringLiteral("stale_timestamp")), QStringLiteral("invalid: stale timestamp"));
    EXPECT_EQ(signatureKind(QStringLiteral("valid")), SignatureKind::Valid);
    EXPECT_EQ(signatureKind(QStringLiteral("no_secret")), SignatureKind::NotChecked);
}
