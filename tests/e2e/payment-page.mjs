// A stand-in for a provider's checkout, served on loopback by the end-to-end suite: the
// reference server asks it (server to server, signed as Standard Webhooks describe) for a
// payment page; the customer's browser goes there and pays, is declined, gives a SEPA mandate
// or leaves; the page then reports the result to the server's provider API with the provider
// key, as the provider's payment system would, and sends the browser back to the signed
// return URL. It never sees more than the order's amount: no card or IBAN form is real here.
import { createServer } from 'node:http';
import { createHmac, timingSafeEqual } from 'node:crypto';

/** Checks a Standard Webhooks signature; the request's id when it holds. */
function verify(secret, headers, body) {
  const id = headers['webhook-id'];
  const timestamp = Number(headers['webhook-timestamp']);
  if (!id || !Number.isFinite(timestamp) || Math.abs(Date.now() / 1000 - timestamp) > 300) return null;
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
  const expected = createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest();
  const ok = String(headers['webhook-signature'] ?? '')
    .split(' ')
    .some((s) => {
      const given = Buffer.from(s.replace(/^v1,/, ''), 'base64');
      return given.length === expected.length && timingSafeEqual(given, expected);
    });
  return ok ? id : null;
}

const read = (req) => new Promise((resolve) => {
  let body = '';
  req.on('data', (c) => { body += c; });
  req.on('end', () => resolve(body));
});

/** Starts the page on `port`; results go to `onramp` (the server's base URL) with `key`. */
export async function startPaymentPage({ port, secret, onramp, key }) {
  const sessions = new Map();
  const requests = [];
  const report = async (orderId, body) => {
    const r = await fetch(`${onramp}/api/v1/provider/orders/${orderId}/payment`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (!r.ok) throw new Error(`report ${r.status}: ${await r.text()}`);
  };
  const server = createServer(async (req, res) => {
    const url = new URL(req.url, `http://127.0.0.1:${port}`);
    try {
      if (req.method === 'POST' && url.pathname === '/checkout') {
        const body = await read(req);
        if (!verify(secret, req.headers, body)) {
          res.writeHead(401).end();
          return;
        }
        const checkout = JSON.parse(body);
        requests.push(checkout);
        const session = `${checkout.order_id}-${checkout.attempt}`;
        sessions.set(session, checkout);
        res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ url: `http://127.0.0.1:${port}/pay/${session}` }));
        return;
      }
      const page = url.pathname.match(/^\/pay\/([^/]+)$/);
      const act = url.pathname.match(/^\/pay\/([^/]+)\/(pay|decline|mandate|leave)$/);
      const checkout = sessions.get((page ?? act)?.[1]);
      if (!checkout) {
        res.writeHead(404).end('no such session');
        return;
      }
      if (req.method === 'GET' && page) {
        const amount = (checkout.amount_minor / 100).toFixed(2);
        const button = (action, label) => `<form method="post" action="/pay/${page[1]}/${action}"><button>${label}</button></form>`;
        res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(
          `<!doctype html><html lang="en"><title>Test payment</title><h1>Test payment: ${amount} ${checkout.currency}</h1>
           <p>Order ${checkout.order_id}, try ${checkout.attempt}, ${checkout.method}, ${checkout.billing}</p>
           ${button('pay', 'Pay')}${button('decline', 'Decline')}${button('mandate', 'Give mandate')}${button('leave', 'Leave')}</html>`,
        );
        return;
      }
      if (req.method === 'POST' && act) {
        const why = checkout.locale === 'de' ? 'Die Karte wurde abgelehnt. Versuchen Sie eine andere Karte.' : 'The card was declined. Try another card.';
        if (act[2] === 'pay') await report(checkout.order_id, { state: 'paid' });
        if (act[2] === 'decline') await report(checkout.order_id, { state: 'failed', reason: why });
        if (act[2] === 'mandate') await report(checkout.order_id, { state: 'pending' });
        res.writeHead(303, { Location: checkout.return_url }).end();
        return;
      }
      res.writeHead(404).end();
    } catch (e) {
      res.writeHead(500).end(String(e));
    }
  });
  await new Promise((resolve) => server.listen(port, '127.0.0.1', resolve));
  return { requests, close: () => new Promise((resolve) => server.close(resolve)) };
}
