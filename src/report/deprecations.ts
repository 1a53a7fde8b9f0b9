/**
 * The words of deprecation tracking, for the consumer owners who must migrate: the migration issue (by when,
 * to which major, what changes), its reminders and closing notes, and the dashboard of every endpoint major.
 * Hidden markers and state are added by src/github/deprecation-issues.ts.
 */
import type { Reminder } from '../consumers/deprecation-reminders.js';
import type { EndpointMajor, Migration, MigrationEnd, MigrationKey } from '../consumers/deprecations.js';
import { code, prose, text } from './markdown-text.js';
import { mention } from './view.js';

export function migrationTitle(m: Migration): string {
  return `Migrate ${m.consumer} off ${m.endpoint} v${m.major}${m.deadline ? ` by ${m.deadline}` : ''}`;
}

function describeLeft(left: number): string {
  if (left < 0) return `overdue by ${-left} day${left === -1 ? '' : 's'}`;
  if (left === 0) return 'due today';
  return `${left} day${left === 1 ? '' : 's'} left`;
}

const SIDE = { request: 'Request', response: 'Response', behaviour: 'Behaviour' } as const;

/**
 * The issue body, for the consumer's owner: who uses what and until when, what to change on their side (the
 * route they call, the line of their consumer file, their fixtures), and what changes between the majors —
 * requests, responses and behaviour (auth, errors, side effects, limits) — each once.
 */
export function migrationBody(m: Migration): string {
  const who = text(mention(m.consumerOwner));
  const lines = [
    `**${text(m.consumer)}** (owner ${who}) uses **${text(m.endpoint)} v${m.major}**, which is deprecated.`,
    '',
    m.deadline !== undefined && m.daysLeft !== undefined
      ? `- **Deadline:** ${text(m.deadline)} (${describeLeft(m.daysLeft)})`
      : '- **Deadline:** none set yet',
    `- **Endpoint owner:** ${text(mention(m.endpointOwner))}`,
    `- **Replacement:** ${m.replacement ? `v${m.replacement.major}` : 'none declared'}`,
  ];
  if (m.replacement) {
    const { major, changes } = m.replacement;
    lines.push('', `### What to change in ${text(m.consumer)}`, '');
    const steps: string[] = [];
    if (m.route !== undefined && m.replacement.route !== undefined)
      steps.push(`Call ${code(m.replacement.route, false)} instead of ${code(m.route, false)}.`);
    if (changes.some((c) => c.read !== false))
      steps.push(`Handle what changes from v${m.major} to v${major} (below) in ${text(m.consumer)}'s code.`);
    const where =
      m.usedAt === undefined
        ? `${text(m.consumer)}'s consumer file`
        : code(`${m.usedAt.file}${m.usedAt.line === undefined ? '' : `:${m.usedAt.line}`}`, false);
    steps.push(
      `In ${where}, change \`version: ${m.major}\` to \`version: ${major}\`${m.hasFixtures ? ` and record its fixtures and \`expects\` against v${major}` : ''}, in the same PR as the move.`,
    );
    lines.push(...steps.map((step, i) => `${i + 1}. ${step}`));
    lines.push('', `### Migrating from v${m.major} to v${major}`, '');
    if (changes.length === 0) lines.push('No breaking or dangerous changes: bump the version you call.');
    else
      lines.push(
        ...changes.map(
          (c) =>
            `- ${SIDE[c.side]} (${c.severity}): ${prose(c.message, false)}${c.read === false ? ` (${text(m.consumer)}'s \`expects\` does not read it)` : ''}`,
        ),
      );
  }
  lines.push(
    '',
    `_Kept up to date by contractguard. It closes this issue once ${code(m.consumer, false)} no longer uses v${m.major}._`,
  );
  return lines.join('\n');
}

const REMINDER_TEXT: Record<Reminder, string> = {
  '30': '30 days left',
  '7': '7 days left',
  '1': '1 day left',
  overdue: 'the deadline has passed',
};

/** The reminder comment, mentioning the consumer's owner. */
export function reminderComment(m: Migration, reminder: Reminder): string {
  const deadline =
    m.deadline === undefined || m.daysLeft === undefined
      ? ''
      : ` (deadline ${text(m.deadline)}, ${describeLeft(m.daysLeft)})`;
  return (
    `${text(mention(m.consumerOwner))} reminder: ${REMINDER_TEXT[reminder]} to move ${code(m.consumer, false)} ` +
    `off ${text(m.endpoint)} v${m.major}${deadline}.`
  );
}

export function reopenComment(m: MigrationKey): string {
  return `${code(m.consumer, false)} uses ${text(m.endpoint)} v${m.major} again, so this migration is open again.`;
}

export function closeComment(m: MigrationKey, end: MigrationEnd): string {
  const consumer = code(m.consumer, false);
  const endpoint = text(m.endpoint);
  const why = {
    'consumer-removed': `${consumer} was removed from the consumers`,
    'endpoint-dropped': `${consumer} no longer uses ${endpoint}`,
    'no-longer-deprecated': `${endpoint} v${m.major} is no longer deprecated`,
    moved: `${consumer} now uses ${endpoint} v${end.kind === 'moved' ? end.to : m.major}`,
  }[end.kind];
  return `${why}: nothing left to migrate, closing.`;
}

export const DASHBOARD_TITLE = 'contractguard dashboard: endpoints, consumers and deadlines';

/** The dashboard: one row per endpoint major, linking the open migration issues of its consumers. */
export function dashboardBody(
  majors: readonly EndpointMajor[],
  issueOf: (key: MigrationKey) => number | undefined,
): string {
  const lines = [
    '## contractguard: endpoints and their consumers',
    '',
    '| Endpoint | Major | Status | Aliases | Consumers | Deadline | Days left | Migration issues |',
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
  ];
  for (const row of majors) {
    const issues = row.consumers
      .map((consumer) => issueOf({ endpoint: row.endpoint, major: row.major, consumer }))
      .filter((n): n is number => n !== undefined)
      .map((n) => `#${n}`);
    const cells = [
      text(row.endpoint),
      `v${row.major}`,
      row.status,
      text(row.aliases.join(', ')) || '—',
      text(row.consumers.join(', ')) || '—',
      row.deadline === undefined ? '—' : text(row.deadline),
      row.daysLeft === undefined ? '—' : String(row.daysLeft),
      issues.join(' ') || '—',
    ];
    lines.push(`| ${cells.join(' | ')} |`);
  }
  lines.push('', '_Kept up to date by contractguard on every push to the default branch._');
  return lines.join('\n');
}
