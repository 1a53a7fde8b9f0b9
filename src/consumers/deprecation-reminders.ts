/**
 * When to remind a consumer's owner of a migration deadline: 30, 7 and 1 days before it, and once after it
 * has passed. Each reminder is posted at most once; which ones were sent is the caller's to keep.
 */

/** Reminder thresholds in days before the deadline, most distant first; `overdue` once it has passed. */
export const REMINDERS = ['30', '7', '1', 'overdue'] as const;
export type Reminder = (typeof REMINDERS)[number];

const DAY_MS = 86_400_000;

/** Whole days from `now` (UTC day) to `date` (YYYY-MM-DD): negative once it has passed. */
export function daysLeft(date: string, now: Date): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  return Math.round((Date.UTC(y, m - 1, d) - today) / DAY_MS);
}

/** The reminders due `left` days before the deadline, most distant first. */
export function dueReminders(left: number): Reminder[] {
  const due: Reminder[] = [];
  for (const r of REMINDERS) {
    if (r === 'overdue' ? left < 0 : left <= Number(r)) due.push(r);
  }
  return due;
}

export interface ReminderStep {
  /** Every reminder counted as sent after this run. */
  sent: Reminder[];
  /** The one reminder to post now (the nearest due one), if any. */
  post?: Reminder;
}

/**
 * What to post `left` days before the deadline (undefined: no deadline), given the reminders already sent
 * (undefined: the issue is new). A new issue already says how close the deadline is, so the reminders due
 * when it opens count as sent; a run that missed a threshold posts only the nearest one.
 */
export function nextReminder(sent: readonly Reminder[] | undefined, left: number | undefined): ReminderStep {
  const due = left === undefined ? [] : dueReminders(left);
  const already = sent ?? due;
  const post = due.filter((r) => !already.includes(r)).at(-1);
  if (post === undefined) return { sent: [...already] };
  return { sent: [...new Set([...already, ...due])], post };
}
