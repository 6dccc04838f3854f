import comments from "@eslint-community/eslint-plugin-eslint-comments";
import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTypeScript from "eslint-config-next/typescript";
import tseslint from "typescript-eslint";

// The architecture's rules (README, Layout) as lint rules: each area of the
// tree names what it may use, and every other place is refused it.

const nextAuth = {
  group: ["next-auth", "next-auth/*"],
  message: "Only server/session.ts imports next-auth: ask it for the session (getActor, requireActor…).",
};

const databaseClient = {
  group: ["**/server/db/client", "**/db/generated/client"],
  message: "Only the data-access layer (server/) uses the database: call a function of server/ instead.",
};

const nextLink = {
  name: "next/link",
  message: "Links come from components/link.tsx, which leaves prefetching off unless a link asks for it.",
};

const databaseClientLoaded = {
  selector: "ImportExpression[source.value=/db\\u002F(generated\\u002F)?client$/]",
  message: databaseClient.message,
};

const roleName = {
  selector: "Literal[value=/^(admin|manager|reviewer|staff)$/]",
  message: "Role names belong to server/permissions.ts: ask can() or ensure() for a permission instead.",
};

/**
 * The restrictions of the files given, all but those they are allowed. Flat
 * config replaces a rule's options rather than merging them, so each area
 * states its whole set.
 */
function architecture(files, allowed = {}) {
  const patterns = [!allowed.nextAuth && nextAuth, !allowed.database && databaseClient].filter(Boolean);
  const paths = [!allowed.nextLink && nextLink].filter(Boolean);
  const syntax = [!allowed.database && databaseClientLoaded, !allowed.roles && roleName].filter(Boolean);
  return {
    files,
    rules: {
      "no-restricted-imports": patterns.length + paths.length > 0 ? ["error", { patterns, paths }] : "off",
      "no-restricted-syntax": syntax.length > 0 ? ["error", ...syntax] : "off",
    },
  };
}

export default defineConfig([
  globalIgnores([
    ".next/**",
    "out/**",
    "build/**",
    "next-env.d.ts",
    "server/db/generated/**",
    "test-results/**",
    "playwright-report/**",
    ".data/**",
    "backups/**",
  ]),
  ...nextVitals,
  ...nextTypeScript,
  {
    files: ["**/*.{ts,tsx}"],
    extends: [tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // A value dropped on purpose is named with a leading underscore: a
      // field left out of a copy by rest destructuring, a parameter an
      // interface passes but this implementation does not need.
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", destructuredArrayIgnorePattern: "^_", ignoreRestSiblings: true },
      ],
      "@typescript-eslint/no-unused-expressions": "error",
      // Functions here are async without awaiting to fit what their caller
      // expects of them: apiRoute's handlers, Next.js's headers(), stand-ins
      // for streams and clients in tests. A promise mishandled is caught by
      // no-floating-promises and no-misused-promises instead.
      "@typescript-eslint/require-await": "off",
      // React takes an async event handler and ignores its promise; the
      // handlers here settle their own state (sign-in-form.tsx).
      "@typescript-eslint/no-misused-promises": ["error", { checksVoidReturn: { attributes: false } }],
    },
  },
  {
    // Vitest's asymmetric matchers (expect.any, expect.stringMatching) are
    // typed `any` by design, to fit in any expected value.
    files: ["tests/**", "e2e/**"],
    rules: { "@typescript-eslint/no-unsafe-assignment": "off" },
  },
  {
    // A rule turned off inline names the rule and says why, after `--`.
    plugins: { "@eslint-community/eslint-comments": comments },
    linterOptions: { reportUnusedDisableDirectives: "error" },
    rules: {
      "@eslint-community/eslint-comments/require-description": "error",
      "@eslint-community/eslint-comments/no-unlimited-disable": "error",
    },
  },

  architecture(["**/*.{ts,tsx,mjs}"]),
  architecture(["server/**"], { database: true }),
  // The one wrapper of Next.js's Link.
  architecture(["components/link.tsx"], { nextLink: true }),
  architecture(["server/session.ts"], { database: true, nextAuth: true }),
  // Where roles are defined: the permission map.
  architecture(["server/permissions.ts"], { database: true, roles: true }),
  // Tooling that prepares a database (seed, start, the e2e run, the benchmark).
  architecture(["scripts/**"], { database: true }),
  // The demo dataset gives its accounts their roles.
  architecture(["scripts/lib/seed/**"], { database: true, roles: true }),
  // Tests arrange records directly and write session tokens as next-auth
  // does, to reach the cases the UI cannot.
  architecture(["tests/**"], { database: true, nextAuth: true, roles: true }),
  // Browser tests sign in as each role and forge session tokens; they reach
  // the database only through the app.
  architecture(["e2e/**"], { nextAuth: true, roles: true }),
]);
