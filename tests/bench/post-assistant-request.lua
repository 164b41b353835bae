-- SPDX-License-Identifier: GPL-3.0-or-later

-- wrk script: POST a real assistant-request, as the platform sends it.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["X-Webhook-Event"] = "assistant-request"
wrk.body = '{"message":{"type":"assistant-request","timestamp":"2025-12-13T12:00:00.000Z",' ..
  '"call":{"id":"5c4d030f-43e3-4e65-899e-8148521e660f","type":"inbound_phone_call","status":"ringing"},' ..
  '"phone_number":{"number":"+31850835037","name":"HMS Sovereign Demo"},"customer":{"number":"+31612345678"}}}'
