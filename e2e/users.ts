import { Secret, TOTP } from "otpauth";

// Who the browser tests sign in as: the demo accounts, one per role, and
// accounts of the tests' own whose settings a test may change.
export const demoAccounts = {
  admin: { email: "admin@demo.local", name: "Alex Admin", role: "Administrator" },
  manager: { email: "manager@demo.local", name: "Morgan Manager", role: "Manager" },
  reviewer: { email: "reviewer@demo.local", name: "Rita Reviewer", role: "Reviewer" },
  staff: { email: "staff@demo.local", name: "Sam Staff", role: "Program staff" },
} as const;

export type DemoRole = keyof typeof demoAccounts;
export const demoPassword = "tracker-demo";

// The browser tests run with the second factor required of admins and
// managers, as in production; scripts/e2e.ts sets up this TOTP secret for the
// demo admin and manager and for the e2e accounts marked `secondFactor`.
export const e2eTotpSecret = "KVKFKRCPNZQUYMLXOVYDSQKJKZDTSRLD";
export const demoRolesWithSecondFactor: readonly DemoRole[] = ["admin", "manager"];

/**
 * The code of e2eTotpSecret. A code is accepted once per account and 30-second
 * step, and the server accepts the next step's code too: a second sign-in of
 * the same account within a step gives `stepsAhead: 1`.
 */
export function totpCode(stepsAhead = 0): string {
  return new TOTP({ secret: Secret.fromBase32(e2eTotpSecret) }).generate({ timestamp: Date.now() + stepsAhead * 30_000 });
}

export const e2eUsers = [
  { email: "language@e2e.local", name: "Lena Language", roles: ["reviewer"], password: "e2e-language-pass" },
  // A manager without the second factor the role requires.
  { email: "enrol@e2e.local", name: "Erin Enrol", roles: ["manager"], password: "e2e-enrol-password" },
  // An admin whom another admin demotes and deactivates.
  { email: "target@e2e.local", name: "Tara Target", roles: ["admin"], password: "e2e-target-password", secondFactor: true },
  // A manager whose second factor an admin resets.
  { email: "reset@e2e.local", name: "Ray Reset", roles: ["manager"], password: "e2e-reset-password", secondFactor: true },
  { email: "profile@e2e.local", name: "Pat Profile", roles: ["reviewer"], password: "e2e-profile-password" },
  { email: "password@e2e.local", name: "Paula Password", roles: ["staff"], password: "e2e-password-password" },
  { email: "everywhere@e2e.local", name: "Eve Everywhere", roles: ["reviewer"], password: "e2e-everywhere-password" },
  { email: "sessions@e2e.local", name: "Sid Sessions", roles: ["reviewer"], password: "e2e-sessions-password" },
  // Signs out while a copy of its session cookie is kept, and ends its sessions one by one from the profile.
  { email: "signout@e2e.local", name: "Sol Signout", roles: ["staff"], password: "e2e-signout-password" },
  { email: "devices@e2e.local", name: "Dev Devices", roles: ["reviewer"], password: "e2e-devices-password" },
  // A reviewer whose refused attempts the audit trail shows, and no one else's.
  { email: "refused@e2e.local", name: "Remy Refused", roles: ["reviewer"], password: "e2e-refused-password" },
  // An account whose failed sign-ins reach the limit.
  { email: "limited@e2e.local", name: "Lee Limited", roles: ["staff"], password: "e2e-limited-password" },
  // A reviewer who reads the records' pages in English, then switches to Spanish.
  { email: "titles@e2e.local", name: "Tess Titles", roles: ["reviewer"], password: "e2e-titles-password" },
  // An admin who reads in Spanish from the start.
  { email: "admin-es@e2e.local", name: "Ana Administradora", roles: ["admin"], password: "e2e-admin-es-password", secondFactor: true, locale: "es" },
  // A reviewer who follows the "round opened" notification to a submitted draft.
  { email: "journey@e2e.local", name: "Jo Journey", roles: ["reviewer"], password: "e2e-journey-password" },
] as const;

export type E2eUser = (typeof e2eUsers)[number];
export const e2eUser = (email: E2eUser["email"]) => e2eUsers.find((user) => user.email === email)!;

export const storageStateOf = (role: DemoRole) => `e2e/.auth/${role}.json`;
