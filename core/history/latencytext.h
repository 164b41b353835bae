#pragma once

#include <QString>

namespace dockside::history {

// Milliseconds with the precision a reader needs: "0.04", "3.2", "120". A mock answer takes tens of microseconds,
// and "0" would read as "not measured".
QString millisecondsText(qint64 microseconds);

} // namespace dockside::history
