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
