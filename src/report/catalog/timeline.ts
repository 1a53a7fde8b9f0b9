/**
 * The timeline of deprecations and removals: one lane per endpoint major on a shared date axis, with today
 * marked. A bar runs from the day a major was deprecated (or today) to its deadline, coloured by urgency; a
 * diamond is the deadline, a square a removal. Drawn here as SVG (no chart library, nothing fetched); the
 * table beside it on the page carries the same facts for screen readers and keyboards.
 */
import type { TimelineLane } from '../../catalog/types.js';
import { type Html, html } from './html.js';
import { daysLeftText, plural, urgency } from './words.js';

const DAY_MS = 86_400_000;
const WIDTH = 1000;
const LABEL_X = 12;
const CHART_LEFT = 240;
const CHART_RIGHT = WIDTH - 24;
const TOP = 40;
const LANE = 44;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function dayOf(date: string): number {
  const [y, m, d] = date.slice(0, 10).split('-').map(Number) as [number, number, number];
  return Date.UTC(y, m - 1, d) / DAY_MS;
}

function dateOf(day: number): Date {
  return new Date(day * DAY_MS);
}

function shortDate(day: number): string {
  const d = dateOf(day);
  return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
}

/** The days the axis spans: every date on it, with a margin, at least two months. */
function domain(lanes: TimelineLane[], today: number): [number, number] {
  const days = [today];
  for (const lane of lanes) {
    for (const date of [lane.deprecatedOn, lane.deadline?.date, lane.removedOn]) {
      if (date !== undefined) days.push(dayOf(date));
    }
  }
  const lo = Math.min(...days);
  const hi = Math.max(...days);
  const margin = Math.max(10, Math.round((hi - lo) * 0.06));
  return [lo - margin, Math.max(hi + margin, lo - margin + 60)];
}

/** First days of months (every 1, 3, 6 or 12 months, whichever keeps about eight ticks) inside the domain. */
function ticks(lo: number, hi: number): number[] {
  const months = (hi - lo) / 30.4;
  const step = [1, 3, 6, 12, 24, 60].find((s) => months / s <= 8) ?? 120;
  const start = dateOf(lo);
  let year = start.getUTCFullYear();
  let month = start.getUTCMonth() + 1;
  const out: number[] = [];
  for (let guard = 0; guard < 1000; guard++) {
    if (month > 11) {
      year += Math.floor(month / 12);
      month %= 12;
    }
    const day = Date.UTC(year, month, 1) / DAY_MS;
    if (day > hi) break;
    if (month % step === 0 || (step >= 12 && month === 0)) out.push(day);
    month += 1;
  }
  return out;
}

export function timelineSvg(lanes: TimelineLane[], todayDate: string): Html {
  const today = dayOf(todayDate);
  const [lo, hi] = domain(lanes, today);
  const x = (day: number) => CHART_LEFT + ((day - lo) / (hi - lo)) * (CHART_RIGHT - CHART_LEFT);
  const height = TOP + lanes.length * LANE + 12;
  const summary = lanes.map((l) => `${l.endpoint} v${l.major}: ${laneWords(l)}`).join('; ');

  const tickDays = ticks(lo, hi);
  const axis = tickDays.map((day) => {
    const d = dateOf(day);
    const month = MONTHS[d.getUTCMonth()] ?? '';
    // The year on the first tick and on every January.
    const label = d.getUTCMonth() === 0 || day === tickDays[0] ? `${month} ${d.getUTCFullYear()}` : month;
    const at = round(x(day));
    return html`<line class="tl-grid" x1="${at}" x2="${at}" y1="${TOP - 6}" y2="${height - 8}" /><text
        class="tl-tick"
        x="${at}"
        y="${TOP - 12}"
        text-anchor="middle"
        >${label}</text
      >`;
  });

  const rows = lanes.map((lane, i) => {
    const y = TOP + i * LANE;
    const mid = y + LANE / 2;
    const parts: Html[] = [
      html`<rect
        class="tl-lane${i % 2 === 1 ? ' odd' : ''}"
        x="0"
        y="${y}"
        width="${WIDTH}"
        height="${LANE}"
      />`,
      html`<text class="tl-label" x="${LABEL_X}" y="${y + 18}"
        >${clip(`${lane.endpoint} v${lane.major}`, 26)}</text
      >`,
      html`<text class="tl-sub" x="${LABEL_X}" y="${y + 34}">${laneSub(lane)}</text>`,
    ];
    if (lane.removedOn !== undefined) {
      const end = dayOf(lane.removedOn);
      const start = lane.deprecatedOn === undefined ? end : dayOf(lane.deprecatedOn);
      parts.push(bar(x(start), x(end), mid, 'removed'));
      parts.push(
        marker(
          'square',
          x(end),
          mid,
          'removed',
          `${lane.endpoint} v${lane.major} removed on ${lane.removedOn}`,
        ),
      );
      parts.push(dateLabel(x(end), mid, shortDate(end)));
    } else if (lane.deadline !== undefined) {
      const end = dayOf(lane.deadline.date);
      const level = urgency(lane.deadline);
      const start = lane.deprecatedOn === undefined ? Math.min(today, end) : dayOf(lane.deprecatedOn);
      parts.push(bar(x(start), x(end), mid, level));
      if (end < today) parts.push(bar(x(end), x(today), mid, 'overdue'));
      parts.push(
        marker(
          'diamond',
          x(end),
          mid,
          level,
          `${lane.endpoint} v${lane.major}: deadline ${lane.deadline.date}, ${daysLeftText(lane.deadline)}`,
        ),
      );
      parts.push(dateLabel(x(end), mid, shortDate(end)));
    }
    return html`<g>${parts}</g>`;
  });

  return html`<svg
    xmlns="http://www.w3.org/2000/svg"
    viewBox="0 0 ${WIDTH} ${height}"
    width="${WIDTH}"
    height="${height}"
    role="img"
    aria-labelledby="timeline-title timeline-desc"
  >
    <title id="timeline-title">Deprecation deadlines and removals of endpoint majors</title>
    <desc id="timeline-desc">Today is ${todayDate}. ${summary}.</desc>
    ${axis} ${rows}
    <line
      class="tl-today"
      x1="${round(x(today))}"
      x2="${round(x(today))}"
      y1="${TOP - 4}"
      y2="${height - 6}"
    />
    <text class="tl-today-label" x="${round(x(today))}" y="${TOP - 26}" text-anchor="middle">today</text>
    <line class="tl-axis" x1="${CHART_LEFT}" x2="${CHART_RIGHT}" y1="${TOP - 4}" y2="${TOP - 4}" />
  </svg>`;
}

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

function laneWords(lane: TimelineLane): string {
  if (lane.removedOn !== undefined) return `removed on ${lane.removedOn}`;
  if (lane.deadline !== undefined) return `deadline ${lane.deadline.date}, ${daysLeftText(lane.deadline)}`;
  return 'retired';
}

function laneSub(lane: TimelineLane): string {
  if (lane.removedOn !== undefined) return 'removed';
  const users = plural(lane.consumers, 'consumer');
  return lane.deadline === undefined ? `retired · ${users}` : `${daysLeftText(lane.deadline)} · ${users}`;
}

function bar(from: number, to: number, mid: number, level: string): Html {
  const left = Math.min(from, to);
  const width = Math.max(Math.abs(to - from), 0);
  if (width < 1) return html``;
  return html`<rect
    class="tl-bar ${level}"
    x="${round(left)}"
    y="${mid - 4}"
    width="${round(width)}"
    height="8"
    rx="4"
  />`;
}

function marker(shape: 'diamond' | 'square', cx: number, cy: number, level: string, title: string): Html {
  const r = 7;
  const points =
    shape === 'diamond'
      ? `${round(cx)},${cy - r} ${round(cx + r)},${cy} ${round(cx)},${cy + r} ${round(cx - r)},${cy}`
      : `${round(cx - r + 1)},${cy - r + 1} ${round(cx + r - 1)},${cy - r + 1} ${round(cx + r - 1)},${cy + r - 1} ${round(cx - r + 1)},${cy + r - 1}`;
  return html`<polygon class="tl-mark ${level}" points="${points}"><title>${title}</title></polygon>`;
}

/** The date above a marker (clear of the bar), kept inside the chart near either edge. */
function dateLabel(cx: number, cy: number, text: string): Html {
  const half = (text.length * 6.5) / 2;
  const anchor = cx + half > WIDTH - 4 ? 'end' : cx - half < CHART_LEFT ? 'start' : 'middle';
  const x = anchor === 'end' ? cx + 8 : anchor === 'start' ? cx - 8 : cx;
  return html`<text class="tl-sub" x="${round(x)}" y="${cy - 11}" text-anchor="${anchor}">${text}</text>`;
}

function round(n: number): number {
  return Math.round(n * 10) / 10;
}
