import { describe, expect, it } from "vitest";
import { dueFlag } from "../../domain/milestone-status";

// The flag beside a due date on the milestone's page and in the commitment and
// pillar tables, on the day they show (today, or the pillar's "as of" day).
describe("a milestone's due flag", () => {
  const today = "2026-06-15";

  it("is overdue from the day after its due date, due soon within 14 days (today and the 14th day included), nothing later", () => {
    expect(dueFlag("2026-06-14", "in_progress", today)).toBe("overdue");
    expect(dueFlag("2026-06-15", "in_progress", today)).toBe("due_soon");
    expect(dueFlag("2026-06-29", "not_started", today)).toBe("due_soon");
    expect(dueFlag("2026-06-30", "at_risk", today)).toBeNull();
  });

  it("is never raised on a completed or cancelled milestone, however late", () => {
    expect(dueFlag("2020-01-01", "completed", today)).toBeNull();
    expect(dueFlag("2026-06-16", "cancelled", today)).toBeNull();
  });
});
