// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

namespace dockside::rules {

// Whether an evaluation says why in words: the rule tester and the mock's plan do; the endpoint's request path does
// not, since nobody reads them there and building them cost more than the matching.
enum class Explanation { Given, Skipped };

} // namespace dockside::rules
