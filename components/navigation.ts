import { can, type Actor, type Permission } from "@/server/permissions";

interface NavigationItem {
  href: string;
  label: "nav.work" | "nav.overview" | "nav.myMilestones" | "nav.milestones" | "nav.evidence" | "nav.rounds" | "nav.plan" | "nav.users" | "nav.audit" | "nav.emails" | "nav.backups";
  /** The permission the page itself checks (through the data-access layer or actorForPageWith). */
  permission: Permission;
}

// The main navigation shows whoever holds an item's permission its link.
// Showing a link is a courtesy; the page itself checks the same permission on the server.
const navigation: readonly NavigationItem[] = [
  { href: "/", label: "nav.work", permission: "plan.read" },
  { href: "/overview", label: "nav.overview", permission: "plan.read" },
  { href: "/my-milestones", label: "nav.myMilestones", permission: "milestones.mine" },
  { href: "/milestones", label: "nav.milestones", permission: "plan.read" },
  { href: "/evidence", label: "nav.evidence", permission: "plan.read" },
  { href: "/rounds", label: "nav.rounds", permission: "plan.read" },
  { href: "/admin/plan", label: "nav.plan", permission: "plan.manage" },
  { href: "/admin/users", label: "nav.users", permission: "user.manage" },
  { href: "/admin/audit", label: "nav.audit", permission: "audit.read" },
  { href: "/admin/emails", label: "nav.emails", permission: "operations.read" },
  { href: "/admin/backups", label: "nav.backups", permission: "operations.read" },
];

export function navigationFor(actor: Actor): NavigationItem[] {
  return navigation.filter((item) => can(actor, item.permission));
}
