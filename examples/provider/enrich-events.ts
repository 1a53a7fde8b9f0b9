/**
 * enrich-events v1 (contracts-example/enrich-events/v1): attaches account, plan and geo data to raw product
 * events. Pure: it reads lookup tables and writes nothing. Fields it does not know are ignored, as its open
 * input schema promises (unless built with the `rejects-unknown-fields` fault).
 */
import { ApiError, isDateTime, objectBody, onlyKnown, rejecter, UUID, type Body } from './api.js';
import type { ProviderState } from './state.js';

const KINDS = ['page_view', 'signup', 'purchase'];
const METHODS = ['email', 'google', 'github', 'saml'];
const MAX_BATCH = 1000;
const reject = rejecter('INVALID_EVENT');

export function enrichEventsV1(state: ProviderState, raw: unknown): unknown {
  const body = objectBody(raw, reject);
  if (state.faults.has('rejects-unknown-fields')) onlyKnown(body, ['events'], reject);
  const events = body.events;
  if (!Array.isArray(events) || events.length === 0) reject('events must be a non-empty list');
  const list = events as unknown[];
  if (list.length > MAX_BATCH)
    throw new ApiError(413, 'BATCH_TOO_LARGE', `at most ${MAX_BATCH} events per call`, true);
  let unmatched = 0;
  const enriched = list.map((item, i) => {
    const event = rawEvent(item, i);
    const accountId = event.accountId as string | null;
    const account = accountId === null ? undefined : state.data.accounts.find((a) => a.id === accountId);
    if (accountId !== null && account === undefined) unmatched++;
    const geo = typeof event.ip === 'string' ? state.data.geo[event.ip] : undefined;
    const base = {
      eventId: event.eventId,
      kind: event.kind,
      occurredAt: event.occurredAt,
      account: account === undefined ? null : { ...account },
      geo: geo === undefined ? null : { ...geo },
    };
    return { ...base, ...byKind(event) };
  });
  return { events: enriched, unmatched };
}

function rawEvent(item: unknown, i: number): Body {
  const event = objectBody(item, reject);
  const at = `events[${i}]`;
  if (typeof event.eventId !== 'string' || !UUID.test(event.eventId)) reject(`${at}.eventId must be a UUID`);
  if (typeof event.kind !== 'string' || !KINDS.includes(event.kind))
    reject(`${at}.kind must be one of ${KINDS.join(', ')}`);
  if (typeof event.occurredAt !== 'string' || !isDateTime(event.occurredAt))
    reject(`${at}.occurredAt must be a date-time`);
  if (!(event.accountId === null || typeof event.accountId === 'string'))
    reject(`${at}.accountId must be a string or null`);
  if (event.ip !== undefined && !(typeof event.ip === 'string' && isIpv4(event.ip)))
    reject(`${at}.ip must be an IPv4 address`);
  const props = event.properties;
  if (props !== undefined && (typeof props !== 'object' || props === null || Array.isArray(props))) {
    reject(`${at}.properties must be an object`);
  }
  return event;
}

/** The fields each kind adds, from the event's `properties`. */
function byKind(event: Body): Record<string, unknown> {
  const props = (event.properties ?? {}) as Body;
  switch (event.kind) {
    case 'page_view':
      return {
        path: typeof props.path === 'string' ? props.path : '/',
        referrer: typeof props.referrer === 'string' ? props.referrer : null,
      };
    case 'signup':
      return {
        method: typeof props.method === 'string' && METHODS.includes(props.method) ? props.method : 'email',
      };
    default:
      return {
        orderId: typeof props.orderId === 'string' ? props.orderId : 'unknown',
        amountCents:
          Number.isInteger(props.amountCents) && (props.amountCents as number) >= 0 ? props.amountCents : 0,
        currency:
          typeof props.currency === 'string' && /^[A-Z]{3}$/.test(props.currency) ? props.currency : 'USD',
      };
  }
}

function isIpv4(text: string): boolean {
  const parts = text.split('.');
  return parts.length === 4 && parts.every((p) => /^\d{1,3}$/.test(p) && Number(p) <= 255);
}
