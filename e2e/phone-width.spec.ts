import { expect, test } from "@playwright/test";
import { contextOf, demoRecords, fill } from "./demo-records";
import { expectNoSeriousAccessibilityFindings } from "./helpers";
import { pageRules, roles } from "./route-rules";
import { storageStateOf } from "./users";

// A phone 360 px wide: every page of the route table that a role may open (or
// is refused or not found on, which still draws the app around the answer)
// fits the screen's width, signed in as each demo role, so that nothing
// scrolls sideways but a wide table inside its own region; and the pages a
// role lands on pass axe at that width too.

const phone = { width: 360, height: 740 };

// Text people type without a space (a pasted address, a reference number)
// must wrap too: a piece of evidence with such a title, on a staff member's
// milestone, so that it reaches the evidence log, search and their inbox.
test.beforeAll(async ({ playwright }) => {
  const [reviewer, staff] = await Promise.all([contextOf(playwright, "reviewer"), contextOf(playwright, "staff")]);
  const [milestone] = ((await (await staff.get("/api/v1/milestones?mine=true")).json()) as { data: { id: string; commitment: { id: string } }[] }).data;
  const logged = await reviewer.post("/api/v1/evidence", {
    data: {
      commitmentId: milestone!.commitment.id,
      milestoneId: milestone!.id,
      title: `Report-${"0123456789".repeat(12)}`,
      kind: "official_document",
      publisher: "Secretaría de Seguridad y Protección Ciudadana",
      url: `https://example.org/${"a".repeat(150)}`,
      publishedOn: "2026-01-15",
      summary: `Reference ${"X".repeat(150)}`,
      shows: "neutral",
      reliability: "official_record",
    },
  });
  expect(logged.status()).toBe(201);
  await Promise.all([reviewer.dispose(), staff.dispose()]);
});

// What each role opens first on a phone: their worklist and the pages it leads to.
const landings = {
  admin: ["/", "/admin/users", "/admin/backups"],
  manager: ["/", "/overview", "/milestones?urgency=overdue"],
  reviewer: ["/", "/rounds", "/evidence"],
  staff: ["/", "/my-milestones", "/notifications"],
} as const;

for (const role of roles) {
  test(`every page the demo ${role} opens fits a 360 px phone without scrolling sideways`, async ({ browser, playwright }) => {
    const [admin, staff] = await Promise.all([contextOf(playwright, "admin"), contextOf(playwright, "staff")]);
    const records = await demoRecords(admin, staff);
    await Promise.all([admin.dispose(), staff.dispose()]);
    const context = await browser.newContext({ storageState: storageStateOf(role), viewport: phone });
    const page = await context.newPage();

    const wide: string[] = [];
    let measured = 0;
    for (const rule of pageRules) {
      for (const { record, expect: expected } of rule.cases) {
        // Redirected pages (to sign in, or on from it) are measured where they lead.
        if (expected[role] === "signIn" || expected[role] === "away") continue;
        const address = fill(rule.page, record, records);
        await page.goto(address);
        const width = await page.evaluate(() => document.documentElement.scrollWidth);
        measured += 1;
        if (width > phone.width) wide.push(`${address}: ${width} px`);
      }
    }
    expect(measured).toBeGreaterThan(20);
    expect(wide).toEqual([]);

    for (const address of landings[role]) {
      await page.goto(address);
      await expectNoSeriousAccessibilityFindings(page);
    }
    await context.close();
  });
}
