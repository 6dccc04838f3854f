// Who the browser tests sign in as: the demo accounts, one per role, and an
// account of the tests' own whose settings a test may change.
export const demoAccounts = {
  admin: { email: "admin@demo.local", name: "Alex Admin", role: "Administrator" },
  manager: { email: "manager@demo.local", name: "Morgan Manager", role: "Manager" },
  reviewer: { email: "reviewer@demo.local", name: "Rita Reviewer", role: "Reviewer" },
  staff: { email: "staff@demo.local", name: "Sam Staff", role: "Program staff" },
} as const;

export type DemoRole = keyof typeof demoAccounts;
export const demoPassword = "tracker-demo";

export const e2eUsers = [
  { email: "language@e2e.local", name: "Lena Language", roles: ["reviewer"], password: "e2e-language-pass" },
] as const;

export const storageStateOf = (role: DemoRole) => `e2e/.auth/${role}.json`;
