import { describe, expect, it } from "vitest";
import { actionRules, apiRules, pageRules } from "../../e2e/route-rules";
import { actionSource, discoverRoutes } from "../../scripts/lib/routes";

const discovered = discoverRoutes();

/** Routes found in the code without a row, and rows whose route is gone, each named. */
function mismatches(found: string[], rows: string[]) {
  return {
    withoutRule: found.filter((route) => !rows.includes(route)),
    withoutRoute: rows.filter((route) => !found.includes(route)),
    ruledTwice: rows.filter((route, index) => rows.indexOf(route) !== index),
  };
}
const none = { withoutRule: [], withoutRoute: [], ruledTwice: [] };

describe("the table of route rules", () => {
  it("finds the pages, route handlers' methods and server actions in app/, route groups left out of the addresses", () => {
    expect(discovered.pages).toContain("/rounds/[id]");
    expect(discovered.pages).toContain("/signin");
    expect(discovered.pages.some((page) => page.includes("("))).toBe(false);
    expect(discovered.api).toContain("POST /api/v1/rounds/[id]/close");
    // Re-exported handlers count: next-auth's route is `export { handler as GET, handler as POST }`.
    expect(discovered.api).toContain("POST /api/auth/[...nextauth]");
    expect(discovered.actions).toContain("app/actions/rounds.ts#openRoundAction");
  });

  it("has exactly one rule for every page in app/ and none for a page that no longer exists", () => {
    expect(mismatches(discovered.pages, pageRules.map((rule) => rule.page))).toEqual(none);
  });

  it("has exactly one rule for every method of every route handler in app/ and none for one that no longer exists", () => {
    expect(mismatches(discovered.api, apiRules.map((rule) => rule.route))).toEqual(none);
  });

  it("has exactly one rule for every server action and none for an action that no longer exists", () => {
    expect(mismatches(discovered.actions, actionRules.map((rule) => rule.action))).toEqual(none);
  });

  it("names for each server action the data-access functions its source calls, so that the database test checks the right ones", () => {
    const unnamed = actionRules.flatMap((rule) => rule.calls.filter((call) => !new RegExp(`\\b${call}\\b`).test(actionSource(rule.action))).map((call) => `${rule.action} does not call ${call}`));
    expect(unnamed).toEqual([]);
  });

  it("sends anonymous visitors of an action that needs a session through the form runner, which asks the session for the actor", () => {
    const unguarded = actionRules
      .filter((rule) => rule.cases.some((c) => c.expect.anonymous === "signIn"))
      .filter((rule) => !/\brunFormAction(ThenShow)?\(/.test(actionSource(rule.action)))
      .map((rule) => rule.action);
    expect(unguarded).toEqual([]);
  });
});
