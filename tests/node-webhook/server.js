// SPDX-License-Identifier: GPL-3.0-or-later

// A customer's assistant-request webhook, shaped like the example in the VoiceDock docs but with no dependencies:
// Node's own http and crypto verify the platform's signature, so the tests need no npm install.
//   WEBHOOK_SECRET=... PORT=0 node server.js   -> prints "listening on PORT" once it accepts connections
'use strict';

const crypto = require('node:crypto');
const http = require('node:http');

const secret = process.env.WEBHOOK_SECRET || '';
const toleranceSeconds = 300;

// The "CRM": who calls, since when, and what the assistant should know.
const customers = new Map([
  ['+31612345678', { name: 'John', since: '2021', notes: 'Prefers short answers.' }],
  ['+31687654321', { name: 'Anna', since: '2019', notes: 'VIP customer.' }],
]);

async function lookupCustomer(number) {
  return customers.get(number) || null;
}

function verifySignature(headers, rawBody) {
  const timestamp = headers['x-webhook-timestamp'];
  const signature = headers['x-webhook-signature'];
  if (!secret || !timestamp || !signature || !/^\d+$/.test(timestamp)) return false;
  if (Math.abs(Math.floor(Date.now() / 1000) - Number(timestamp)) > toleranceSeconds) return false;
  const expected = Buffer.from(
    'sha256=' + crypto.createHmac('sha256', secret).update(`${timestamp}.`).update(rawBody).digest('hex'));
  const given = Buffer.from(signature);
  return given.length === expected.length && crypto.timingSafeEqual(given, expected);
}

function sendJson(res, status, body) {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

async function assistantRequest(req, res, rawBody) {
  if (!verifySignature(req.headers, rawBody)) return sendJson(res, 401, { error: 'invalid signature' });
  let message;
  try {
    ({ message } = JSON.parse(rawBody.toString('utf8')));
  } catch {
    return sendJson(res, 400, { error: 'invalid JSON' });
  }
  const customer = await lookupCustomer(message && message.customer ? message.customer.number : null);
  if (!customer) return sendJson(res, 200, {});
  return sendJson(res, 200, {
    assistant: {
      first_message: `Hello ${customer.name}, welcome back! How can I help?`,
      llm_config: {
        messages: [
          {
            role: 'system',
            content: `You are speaking with ${customer.name}. Customer since ${customer.since}. ${customer.notes}`,
          },
        ],
      },
    },
  });
}

const server = http.createServer((req, res) => {
  const chunks = [];
  req.on('data', (chunk) => chunks.push(chunk));
  req.on('end', () => {
    const rawBody = Buffer.concat(chunks);
    if (req.method === 'POST' && req.url === '/webhooks/assistant-request') {
      assistantRequest(req, res, rawBody).catch(() => sendJson(res, 500, { error: 'internal error' }));
    } else {
      sendJson(res, 404, { error: 'not found' });
    }
  });
});

server.listen(Number(process.env.PORT || 0), '127.0.0.1', () => {
  process.stdout.write(`listening on ${server.address().port}\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
