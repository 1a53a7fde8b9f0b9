/**
 * The rest of a major's contract in words: side effects, operational limits, errors and auth. Keys the
 * catalog has no phrase for are still shown, by name, with their value as written.
 */
import type { Auth, ErrorCode, Operational, SideEffects } from '../../model/types.js';
import type { Json } from '../../schema/types.js';
import { type Html, html } from './html.js';
import { sortHeader } from './parts.js';
import { jsonText, milliseconds, plural, seconds } from './words.js';

type Fact = [label: string, value: Html | string];

function facts(list: Fact[]): Html {
  return html`<dl class="facts">
    ${list.map(
      ([label, value]) =>
        html`<dt>${label}</dt>
          <dd>${value}</dd>`,
    )}
  </dl>`;
}

/** Facts for the keys not phrased: `volatile: ["a", "b"]` as "volatile — a, b". */
function otherFacts(object: object, known: readonly string[]): Fact[] {
  return Object.entries(object)
    .filter(([key, value]) => !known.includes(key) && value !== undefined)
    .map(([key, value]) => [key, valueText(value as Json)]);
}

function valueText(value: Json): string {
  if (Array.isArray(value)) return value.map((v) => jsonText(v)).join(', ');
  if (value !== null && typeof value === 'object') {
    return Object.entries(value)
      .map(([k, v]) => `${k}: ${jsonText(v)}`)
      .join(', ');
  }
  return jsonText(value);
}

function codeList(items: readonly string[]): Html {
  return html`${items.map((item, i) => html`${i > 0 ? ', ' : ''}<code>${item}</code>`)}`;
}

export function sideEffectsDetails(s: SideEffects | undefined): Html {
  if (s === undefined) return html`<p class="empty">Not declared.</p>`;
  const list: Fact[] = [];
  if (s.writes !== undefined)
    list.push(['Writes', s.writes.length === 0 ? 'nothing (read-only)' : codeList(s.writes)]);
  if (s.idempotent !== undefined) {
    list.push([
      'Idempotent',
      s.idempotent
        ? html`yes${s.idempotencyKey === undefined ? '' : html`, by <code>${s.idempotencyKey}</code>`}`
        : 'no: calling twice may act twice',
    ]);
  } else if (s.idempotencyKey !== undefined)
    list.push(['Idempotency key', html`<code>${s.idempotencyKey}</code>`]);
  if (s.retries !== undefined) {
    const r = s.retries;
    const how = [
      r.backoff === undefined ? undefined : `${r.backoff} backoff`,
      r.jitter ? 'with jitter' : undefined,
    ]
      .filter((x) => x !== undefined)
      .join(' ');
    list.push(['Retries', r.max === 0 ? 'none' : `up to ${r.max}${how === '' ? '' : `, ${how}`}`]);
  }
  if (s.dedupe !== undefined) {
    list.push([
      'Duplicates',
      html`collapsed by <code>${s.dedupe.key}</code> within ${seconds(s.dedupe.windowSeconds)}`,
    ]);
  }
  list.push(...otherFacts(s, ['writes', 'idempotent', 'idempotencyKey', 'retries', 'dedupe']));
  return facts(list);
}

export function operationalDetails(o: Operational | undefined): Html {
  if (o === undefined) return html`<p class="empty">Not declared.</p>`;
  const list: Fact[] = [];
  if (o.timeoutMs !== undefined) list.push(['Timeout', milliseconds(o.timeoutMs)]);
  if (o.rateLimit !== undefined) {
    list.push([
      'Rate limit',
      `${plural(o.rateLimit.requests, 'request')} per ${seconds(o.rateLimit.perSeconds)}`,
    ]);
  }
  if (o.pagination !== undefined) {
    const p = o.pagination;
    const parts = [
      p.defaultPageSize === undefined ? undefined : `${p.defaultPageSize} per page by default`,
      p.maxPageSize === undefined ? undefined : `at most ${p.maxPageSize}`,
      p.order === undefined ? undefined : `ordered by ${p.order}`,
    ].filter((x) => x !== undefined);
    list.push(['Pagination', parts.length === 0 ? 'yes' : parts.join(', ')]);
    list.push(
      ...otherFacts(p, ['defaultPageSize', 'maxPageSize', 'order']).map(([k, v]): Fact => [
        `Pagination ${k}`,
        v,
      ]),
    );
  }
  list.push(...otherFacts(o, ['timeoutMs', 'rateLimit', 'pagination']));
  return facts(list);
}

export function errorsTable(errors: ErrorCode[], id: string): Html {
  if (errors.length === 0) return html`<p class="empty">No error codes declared.</p>`;
  return html`<div class="table-wrap">
    <table id="${id}" class="sortable cards">
      <caption class="visually-hidden">
        Error codes callers may branch on
      </caption>
      <thead>
        <tr>
          ${[sortHeader('Code'), sortHeader('HTTP status'), html`<th scope="col">Retryable</th>`]}
        </tr>
      </thead>
      <tbody>
        ${errors.map(
          (e) =>
            html`<tr>
              <th scope="row"><code>${e.code}</code></th>
              <td data-label="HTTP status">${e.status}</td>
              <td data-label="Retryable">
                ${e.retryable === undefined ? html`<span class="empty">not said</span>` : e.retryable ? 'yes' : 'no'}
              </td>
            </tr>`,
        )}
      </tbody>
    </table>
  </div>`;
}

export function authDetails(auth: Auth | undefined): Html {
  const roles = auth?.roles ?? [];
  if (roles.length === 0) return html`<p>No role required.</p>`;
  return html`<p>
    A caller's service token needs ${roles.length === 1 ? 'the role' : 'every one of the roles'}
    ${codeList(roles)}.
  </p>`;
}
