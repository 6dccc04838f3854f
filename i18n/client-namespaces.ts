// The message namespaces each client component that a page renders reads,
// its own and those of the modules it imports. The client is sent only these:
// a page wraps what it renders in <ClientMessages of={[...]}> (components/client-messages.tsx),
// and the root layout sends the root error page's. tests/unit/client-messages.test.ts
// reads the components' sources and fails when this list and they disagree.
import type { AbstractIntlMessages } from "next-intl";

const forms = ["errors", "validation"] as const;

export const clientNamespaces = {
  "app/error": ["errors.page"],
  "components/assessments/assessment-form": [...forms, "assessment", "advances", "results"],
  "components/assessments/step-form": [...forms, "assessment"],
  "components/dashboard/pillar-card": ["advances", "cause", "dashboard", "dueFlag", "languages.mark", "overview", "results", "status", "verdict"],
  "components/dashboard/verdict-trends": ["advances", "dashboard", "languages.mark", "results", "verdict"],
  "components/evidence/evidence-form": [...forms, "evidenceLog", "evidenceKind", "evidenceShows", "languages.mark", "reliability"],
  "components/evidence/retract-form": [...forms, "evidenceLog"],
  "components/form-fields": forms,
  "components/notifications/follow-form": [...forms, "notifications.follow"],
  "components/notifications/inbox-forms": [...forms, "notifications"],
  "components/notifications/preferences-form": [...forms, "notifications.preferences"],
  "components/plan/archive-form": [...forms, "planAdmin"],
  "components/plan/commitment-form": [...forms, "planAdmin", "leadParty"],
  "components/plan/import-form": [...forms, "planImport"],
  "components/plan/milestone-form": [...forms, "planAdmin"],
  "components/plan/pillar-form": [...forms, "planAdmin"],
  "components/profile/api-token-forms": [...forms, "profile.apiTokens"],
  "components/profile/end-session-form": [...forms, "profile.sessions"],
  "components/profile/password-form": [...forms, "profile.password"],
  "components/profile/second-factor-forms": [...forms, "profile.secondFactor"],
  "components/profile/sign-out-everywhere-form": [...forms, "profile.sessions"],
  "components/rounds/close-round-form": [...forms, "rounds"],
  "components/rounds/open-round-form": [...forms, "rounds"],
  "components/rounds/start-assessment-form": [...forms, "rounds"],
  "components/sign-in-form": [...forms, "signIn"],
  "components/status-update-form": [...forms, "statusUpdate", "status", "cause"],
  "components/users/account-actions": [...forms, "users"],
  "components/users/user-form": [...forms, "users", "roles"],
} as const satisfies Record<string, readonly string[]>;

export type ClientComponent = keyof typeof clientNamespaces;

/** The catalogue cut down to the given namespaces ("profile.password" keeps only that part of "profile"). */
export function pickNamespaces(messages: AbstractIntlMessages, namespaces: readonly string[]): AbstractIntlMessages {
  const picked: AbstractIntlMessages = {};
  // Outer namespaces first: an inner one under a namespace already copied whole is skipped, never written into the shared catalogue.
  for (const namespace of [...new Set(namespaces)].sort((a, b) => a.length - b.length)) {
    const parts = namespace.split(".");
    let target = picked;
    let source = messages;
    for (const [index, part] of parts.entries()) {
      const value = source[part];
      if (typeof value !== "object") break;
      if (index === parts.length - 1) target[part] ??= value;
      else if (target[part] === source[part]) break;
      else target = (target[part] ??= {}) as AbstractIntlMessages;
      source = value;
    }
  }
  return picked;
}
