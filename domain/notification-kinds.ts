import type { NotificationKind } from "../server/db/generated/enums";
import { reminderDaysBefore, urgencyDays } from "./limits";

// What the label of each kind of notification (messages'
// notifications.preferences.kinds) names: the reminders' days, from the one
// place that sets them. The preferences form, the emails' footers and the
// unsubscribe page all name a kind so.

const daysOf: Partial<Record<NotificationKind, number>> = { milestone_escalation: urgencyDays.escalate, milestone_stale: urgencyDays.stale };

/** The values of a kind's label. */
export function kindLabelValues(kind: NotificationKind) {
  return { soon: reminderDaysBefore[0], sooner: reminderDaysBefore[1], days: daysOf[kind] ?? 0 };
}
