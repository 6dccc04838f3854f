import type { Role } from "@/server/db/generated/enums";
import type { Actor } from "@/server/permissions";

interface NavigationItem {
  href: string;
  label: "nav.overview" | "nav.myMilestones" | "nav.evidence" | "nav.rounds" | "nav.plan" | "nav.users" | "nav.audit";
  roles: readonly Role[];
}

// What each role finds in the main navigation. Showing a link is a courtesy;
// the page itself checks the role on the server.
const navigation: readonly NavigationItem[] = [
  { href: "/", label: "nav.overview", roles: ["admin", "manager", "reviewer", "staff"] },
  { href: "/my-milestones", label: "nav.myMilestones", roles: ["staff"] },
  { href: "/evidence", label: "nav.evidence", roles: ["admin", "manager", "reviewer", "staff"] },
  { href: "/rounds", label: "nav.rounds", roles: ["admin", "manager", "reviewer", "staff"] },
  { href: "/admin/plan", label: "nav.plan", roles: ["admin"] },
  { href: "/admin/users", label: "nav.users", roles: ["admin"] },
  { href: "/admin/audit", label: "nav.audit", roles: ["admin"] },
];

export function navigationFor(actor: Actor): NavigationItem[] {
  return navigation.filter((item) => item.roles.some((role) => actor.roles.includes(role)));
}
