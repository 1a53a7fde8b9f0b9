/** Pieces the catalog pages share: sortable headers, badges, deadlines, links between pages. */
import type { Deadline, EndpointStatus } from '../../catalog/types.js';
import type { VersionStatus } from '../../model/types.js';
import { type Html, html } from './html.js';
import { daysLeftText, urgency } from './words.js';

/** The page of an endpoint, relative to the site's root. Names are kebab-case; anything else is replaced. */
export function endpointPath(name: string): string {
  return `endpoints/${name.replace(/[^a-z0-9-]/g, '_')}.html`;
}

/** A column header that sorts its table (the client script does it); `sorted` for the initial order. */
export function sortHeader(label: string, sorted?: 'ascending' | 'descending'): Html {
  return html`<th scope="col" aria-sort="${sorted ?? 'none'}">
    <button type="button" class="sort">${label}</button>
  </th>`;
}

export function badge(status: EndpointStatus | VersionStatus | 'removed'): Html {
  return html`<span class="badge ${status}">${status}</span>`;
}

/** `2027-03-31 · 115 days left`, coloured by urgency (the words say it too). */
export function deadlineText(deadline: Deadline): Html {
  return html`<time datetime="${deadline.date}">${deadline.date}</time>
    <span class="left ${urgency(deadline)}">${daysLeftText(deadline)}</span>`;
}

/** Trail entries of the breadcrumb: links, the current page last. */
export function crumb(label: string, href?: string): Html {
  return href === undefined
    ? html`<li><span aria-current="page">${label}</span></li>`
    : html`<li><a href="${href}">${label}</a></li>`;
}
