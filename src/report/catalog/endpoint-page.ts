/**
 * One endpoint's page: owner, route and aliases; its majors side by side; then each major's whole contract
 * (consumers, deadline, request and response fields, side effects, limits, errors, auth); then its history.
 */
import type { Catalog, EndpointEntry, HistoryEvent, MajorEntry } from '../../catalog/types.js';
import { authDetails, errorsTable, operationalDetails, sideEffectsDetails } from './contract-details.js';
import { fieldsTable } from './fields-table.js';
import { type Html, html } from './html.js';
import { page } from './page.js';
import { badge, crumb, deadlineText, sortHeader } from './parts.js';
import { historyText, plural } from './words.js';

export function endpointPage(e: EndpointEntry, catalog: Catalog): string {
  const body = html`<h1>${e.name}</h1>
    <p class="lede">
      Owned by <strong>${e.owner}</strong> · ${plural(e.liveMajors.length, 'live major')} ·
      ${plural(e.consumerCount, 'consumer')} · ${badge(e.status)}
    </p>
    <dl class="facts">
      <dt>Route</dt>
      <dd><code>${e.route}</code></dd>
      ${
        e.versionHeader === undefined
          ? undefined
          : html`<dt>Version header</dt>
              <dd><code>${e.versionHeader}</code></dd>`
      }
      <dt>Aliases</dt>
      <dd>${aliases(e)}</dd>
      <dt>Next deadline</dt>
      <dd>
        ${e.nextDeadline === undefined ? 'none' : html`<a href="#v${e.nextDeadline.major}">v${e.nextDeadline.major}</a>: ${deadlineText(e.nextDeadline)}`}
      </dd>
      <dt>Defined in</dt>
      <dd><code>${e.file}</code></dd>
    </dl>
    <section aria-labelledby="majors-heading">
      <h2 id="majors-heading">Majors</h2>
      ${majorsTable(e)}
    </section>
    ${e.majors.map((m) => majorSection(e, m))} ${history(e, catalog)}`;
  return page({
    title: `${e.name} · contract catalog`,
    toRoot: '../',
    trail: html`${crumb('Endpoints', '../index.html')}${crumb(e.name)}`,
    body,
    catalog,
  });
}

function aliases(e: EndpointEntry): Html {
  if (e.aliases.length === 0) return html`none`;
  return html`<ul class="chips">
    ${e.aliases.map(
      (a) =>
        html`<li${a.live ? '' : html` class="dead"`}><a href="#v${a.major}">${a.name} → v${a.major}</a>${a.live ? '' : ' (not live)'}</li>`,
    )}
  </ul>`;
}

function majorsTable(e: EndpointEntry): Html {
  if (e.majors.length === 0) return html`<p class="empty">No major loaded.</p>`;
  return html`<div class="table-wrap">
    <table id="majors" class="sortable cards">
      <caption class="visually-hidden">
        Majors of ${e.name}
      </caption>
      <thead>
        <tr>
          ${[
            sortHeader('Major', 'descending'),
            sortHeader('Version'),
            sortHeader('Status'),
            html`<th scope="col">Aliases</th>`,
            html`<th scope="col">Consumers</th>`,
            sortHeader('Deadline'),
          ]}
        </tr>
      </thead>
      <tbody>
        ${e.majors.map(
          (m) =>
            html`<tr>
              <th scope="row" data-sort="${m.major}">
                <a href="#v${m.major}">v${m.major}</a><span class="sub mono">${m.route}</span>
              </th>
              <td data-label="Version" data-sort="${m.version}"><code>${m.version}</code></td>
              <td data-label="Status" data-sort="${m.status}">${badge(m.status)}</td>
              <td data-label="Aliases">
                ${
                  m.aliases.length === 0
                    ? html`<span class="empty">none</span>`
                    : html`<ul class="chips">
                        ${m.aliases.map((a) => html`<li>${a}</li>`)}
                      </ul>`
                }
              </td>
              <td data-label="Consumers">
                ${
                  m.consumers.length === 0
                    ? html`<span class="empty">none registered</span>`
                    : html`<ul class="plain">
                        ${m.consumers.map((c) => html`<li>${c.name} <span class="note">${c.owner}</span></li>`)}
                      </ul>`
                }
              </td>
              <td data-label="Deadline" data-sort="${m.deprecation?.daysLeft ?? ''}">
                ${m.deprecation === undefined ? html`<span class="empty">none</span>` : deadlineText(m.deprecation)}
              </td>
            </tr>`,
        )}
      </tbody>
    </table>
  </div>`;
}

function majorSection(e: EndpointEntry, m: MajorEntry): Html {
  const id = `v${m.major}`;
  const deprecation = m.deprecation;
  return html`<section class="major" id="${id}" aria-labelledby="${id}-heading">
    <h2 id="${id}-heading">
      ${e.name} v${m.major} <span class="version">${m.version}</span> ${badge(m.status)}
    </h2>
    <dl class="facts">
      <dt>Route</dt>
      <dd><code>${m.route}</code></dd>
      <dt>Owner</dt>
      <dd>${m.owner}</dd>
      <dt>Aliases</dt>
      <dd>${m.aliases.length === 0 ? 'none' : m.aliases.join(', ')}</dd>
      ${
        deprecation === undefined
          ? undefined
          : html`<dt>Deprecation</dt>
              <dd>
                may be removed after
                ${deadlineText(deprecation)}${deprecation.replacement === undefined ? '' : html`; move to <a href="#v${deprecation.replacement}">v${deprecation.replacement}</a>`}
              </dd>`
      }
      <dt>Contract</dt>
      <dd><code>${m.file}</code></dd>
    </dl>
    <h3 id="${id}-consumers">Consumers</h3>
    ${consumers(m)}
    <h3 id="${id}-request">Request</h3>
    ${fieldsTable(m.input, `Request fields of v${m.major}`)}
    <h3 id="${id}-response">Response</h3>
    ${fieldsTable(m.output, `Response fields of v${m.major}`)}
    <h3 id="${id}-side-effects">Side effects</h3>
    ${sideEffectsDetails(m.sideEffects)}
    <h3 id="${id}-limits">Operational limits</h3>
    ${operationalDetails(m.operational)}
    <h3 id="${id}-errors">Errors</h3>
    ${errorsTable(m.errors, `${id}-error-codes`)}
    <h3 id="${id}-auth">Auth</h3>
    ${authDetails(m.auth)}
  </section>`;
}

function consumers(m: MajorEntry): Html {
  if (m.consumers.length === 0) return html`<p class="empty">No registered consumer calls v${m.major}.</p>`;
  const due = m.deprecation;
  return html`<div class="table-wrap">
    <table class="cards consumers-of">
      <caption class="visually-hidden">
        Consumers of v${m.major}
      </caption>
      <thead>
        <tr>
          <th scope="col">Consumer</th>
          <th scope="col">Owner</th>
          <th scope="col">Kind</th>
          ${due === undefined ? undefined : html`<th scope="col">Must move by</th>`}
        </tr>
      </thead>
      <tbody>
        ${m.consumers.map(
          (c) =>
            html`<tr>
              <th scope="row">${c.name}</th>
              <td data-label="Owner">${c.owner}</td>
              <td data-label="Kind">${c.kind}</td>
              ${due === undefined ? undefined : html`<td data-label="Must move by">${deadlineText(due)}</td>`}
            </tr>`,
        )}
      </tbody>
    </table>
  </div>`;
}

function history(e: EndpointEntry, catalog: Catalog): Html {
  const heading = html`<h2 id="history-heading">History</h2>`;
  if (e.history === undefined) {
    return html`<section aria-labelledby="history-heading">
      ${heading}
      <p class="empty">
        Build the catalog in a git repository (a full clone, not a shallow one) to see when each version
        landed.
      </p>
    </section>`;
  }
  if (e.history.length === 0) {
    return html`<section aria-labelledby="history-heading">
      ${heading}
      <p class="empty">
        No commit${catalog.source.kind === 'git' ? ` up to ${catalog.source.ref}` : ''} changed a version of
        ${e.name}.
      </p>
    </section>`;
  }
  const newestFirst = [...e.history].reverse();
  return html`<section aria-labelledby="history-heading">
    ${heading}
    <div class="table-wrap">
      <table id="history" class="sortable cards">
        <caption class="visually-hidden">
          Versions of ${e.name} as they landed, newest first
        </caption>
        <thead>
          <tr>
            ${[sortHeader('Date', 'descending'), html`<th scope="col">Change</th>`, html`<th scope="col">Commit</th>`]}
          </tr>
        </thead>
        <tbody>
          ${newestFirst.map(historyRow)}
        </tbody>
      </table>
    </div>
  </section>`;
}

function historyRow(event: HistoryEvent, index: number): Html {
  const c = event.commit;
  return html`<tr>
    <td data-label="Date" data-sort="${sortKey(c.date, index)}">
      <time datetime="${c.date}">${c.date.slice(0, 10)}</time>
    </td>
    <th scope="row" data-label="Change">${historyText(event)}</th>
    <td data-label="Commit">
      <code>${c.sha.slice(0, 7)}</code> ${c.subject}<span class="sub">${c.author}</span>
    </td>
  </tr>`;
}

/** Commit dates in UTC (offsets differ), then the order within one commit. */
function sortKey(date: string, index: number): string {
  const utc = Number.isNaN(Date.parse(date)) ? date : new Date(date).toISOString();
  return `${utc} ${String(1_000_000 - index).padStart(7, '0')}`;
}
