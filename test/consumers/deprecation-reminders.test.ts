/** src/consumers/deprecation-reminders.ts: days left to a deadline and which reminder to post. */
import { describe, expect, it } from 'vitest';

import { daysLeft, dueReminders, nextReminder } from '../../src/consumers/deprecation-reminders.js';

describe('daysLeft', () => {
  it('counts whole UTC days, negative once the deadline has passed', () => {
    expect(daysLeft('2027-03-01', new Date('2027-02-28T23:59:59Z'))).toBe(1);
    expect(daysLeft('2027-03-01', new Date('2027-03-01T00:00:00Z'))).toBe(0);
    expect(daysLeft('2027-03-01', new Date('2027-03-02T00:00:00Z'))).toBe(-1);
  });
});

describe('dueReminders', () => {
  it('lists the thresholds reached, most distant first', () => {
    expect(dueReminders(31)).toEqual([]);
    expect(dueReminders(30)).toEqual(['30']);
    expect(dueReminders(0)).toEqual(['30', '7', '1']);
    expect(dueReminders(-1)).toEqual(['30', '7', '1', 'overdue']);
  });
});

describe('nextReminder', () => {
  it('posts nothing on a new issue: the reminders due when it opens count as sent', () => {
    expect(nextReminder(undefined, 5)).toEqual({ sent: ['30', '7'] });
  });

  it('posts only the nearest reminder after a missed run, and counts the skipped ones as sent', () => {
    expect(nextReminder(['30'], -2)).toEqual({ sent: ['30', '7', '1', 'overdue'], post: 'overdue' });
  });

  it('posts a reminder once', () => {
    expect(nextReminder(['30', '7'], 6)).toEqual({ sent: ['30', '7'] });
  });

  it('posts nothing without a deadline', () => {
    expect(nextReminder([], undefined)).toEqual({ sent: [] });
  });
});
