import { describe, expect, it } from "vitest";
import { navigationFor } from "../../components/navigation";
import { pageRules, roles, type Role } from "../../e2e/route-rules";
import type { Actor } from "../../server/permissions";

const actorWith = (...withRoles: Role[]): Actor => ({ id: "someone", name: "Someone", email: "someone@example.org", roles: withRoles, agencyId: null, locale: "en" });

const links = (actor: Actor) => navigationFor(actor).map((item) => item.href);

// The table of route rules is held against the pages themselves by
// e2e/route-rules.spec.ts; held against it, the navigation cannot offer a
// page its rule refuses, nor hide one it opens.
describe("the main navigation", () => {
  const everyPage = links(actorWith(...roles));

  it("links only to pages with a route rule", () => {
    expect(everyPage.filter((href) => !pageRules.some((rule) => rule.page === href))).toEqual([]);
  });

  for (const role of roles) {
    it(`offers the ${role} exactly the pages the route rules open to the role`, () => {
      const opens = (href: string) => pageRules.find((rule) => rule.page === href)?.cases.every((rule) => rule.expect[role] === "allowed");
      expect(links(actorWith(role))).toEqual(everyPage.filter(opens));
    });
  }
});
