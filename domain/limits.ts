// Limits that the rules and the forms' hints both name: the messages format
// them for the reader's language, so each number is written once, here. This
// module imports nothing server-only; forms in the browser read it too.

/** The longest note of a status update, in characters. */
export const noteMaxLength = 5000;

/** The length of every password that is set, in characters. */
export const passwordLength = { minimum: 12, maximum: 128 } as const;

/**
 * A milestone is due soon within this many days of its due date, stale after this many days without a status
 * update, and overdue for more than `escalate` days it is the managers' concern too (their worklist).
 */
export const urgencyDays = { dueSoon: 14, stale: 90, escalate: 30 } as const;

/** Reminders of a milestone's due date: this many days before it (the first when it turns due soon). */
export const reminderDaysBefore = [urgencyDays.dueSoon, 3] as const;

/** The largest file the public check of a round report takes, in megabytes: far more than any report. */
export const reportUploadMegabytes = 5;
