/** A webhook delivery as GitHub sends it: JSON body, event and delivery headers, HMAC-SHA256 signature. */
import { createHmac } from 'node:crypto';

export interface SignedDelivery {
  event: string;
  /** The body as sent: a value is serialised as JSON, a string or buffer is sent as it is. */
  body: unknown;
  secret: string;
  /** `X-GitHub-Delivery`; two sends with the same id are the same delivery sent twice. */
  id: string;
}

export function sendDelivery(url: string, delivery: SignedDelivery): Promise<Response> {
  const { body } = delivery;
  const raw = typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body);
  return fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'user-agent': 'GitHub-Hookshot/e2e',
      'x-github-event': delivery.event,
      'x-github-delivery': delivery.id,
      'x-github-hook-id': '1',
      'x-hub-signature-256': `sha256=${createHmac('sha256', delivery.secret).update(raw).digest('hex')}`,
    },
    body: raw,
  });
}

let sent = 0;

/** A fresh delivery id, shaped like GitHub's. */
export function deliveryId(): string {
  return `00000000-0000-0000-0000-${String(++sent).padStart(12, '0')}`;
}
