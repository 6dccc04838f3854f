import { existsSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { clientNamespaces, pickNamespaces } from "@/i18n/client-namespaces";
import en from "../../messages/en.json";
import { files, isClient, root, source } from "./app-sources";

// The client is sent only the message namespaces listed in i18n/client-namespaces.ts,
// so these checks read the sources: a client component that reads a namespace
// its entry does not list, or a page that renders one without <ClientMessages>
// naming it, would show message keys instead of text.

const moduleName = (file: string) => file.replace(/\.tsx?$/, "");

/** The project files a module imports for use (not for types only), by repository path. */
function importsOf(file: string): string[] {
  return [...source(file).matchAll(/^import\s(?!type\s)[^;]*?from\s+"([^"]+)"/gms)].flatMap(([, specifier]) => {
    const base = specifier!.startsWith("@/") ? specifier!.slice(2) : specifier!.startsWith(".") ? path.join(path.dirname(file), specifier!) : null;
    if (base === null) return [];
    const found = [".tsx", ".ts"].map((extension) => base + extension).find((candidate) => existsSync(path.join(root, candidate)));
    return found ? [found] : [];
  });
}

/** The namespaces one module reads through useTranslations; a translator of the whole catalogue counts the first part of each key. */
function namespacesReadBy(file: string): string[] {
  const text = source(file);
  expect(text, `${file} reads the whole catalogue with useMessages`).not.toMatch(/\buseMessages\(/);
  const found: string[] = [];
  for (const [, translator, argument] of text.matchAll(/(\w+)\s*=\s*useTranslations\(([^)]*)\)/g)) {
    const literal = /^\s*"([\w.]+)"\s*$/.exec(argument!);
    if (literal) {
      found.push(literal[1]!);
      continue;
    }
    expect(argument!.trim(), `${file}: useTranslations takes a literal namespace or none`).toBe("");
    // A lookahead, so that a call inside another call's arguments (t("a.b", { x: t(`c.${y}`) })) is read too.
    const calls = [...text.matchAll(new RegExp(`\\b${translator}(?:\\.\\w+)?\\((?=([^)]*))`, "g"))].map((match) => match[1]!);
    for (const call of calls) {
      const first = /^\s*["`](\w+)\./.exec(call);
      expect(first, `${file}: ${translator}(${call}) must start its key with a literal namespace`).not.toBeNull();
      found.push(first![1]!);
    }
  }
  expect(text.match(/useTranslations\(/g)?.length ?? 0, `${file}: every useTranslations is assigned to a name`).toBe(
    [...text.matchAll(/\w+\s*=\s*useTranslations\(/g)].length,
  );
  return found;
}

/** What a client module and every module it imports read: all of it runs in the browser. */
function namespacesUnder(file: string, seen = new Set<string>()): Set<string> {
  if (seen.has(file)) return new Set();
  seen.add(file);
  const found = new Set(namespacesReadBy(file));
  for (const imported of importsOf(file)) for (const namespace of namespacesUnder(imported, seen)) found.add(namespace);
  return found;
}

/** Namespaces with a parent namespace in the same list are already covered by it. */
function outermost(namespaces: Iterable<string>): string[] {
  const all = [...new Set(namespaces)];
  return all.filter((namespace) => !all.some((other) => namespace.startsWith(`${other}.`))).sort();
}

const serverModules = files.filter((file) => !isClient(file));
// The client components pages render: those a server module imports, and the
// app's own client files (error pages), which Next.js renders itself.
const renderedClientModules = files.filter(
  (file) => isClient(file) && (file.startsWith("app/") || serverModules.some((server) => importsOf(server).includes(file))),
);
const translatedClientModules = renderedClientModules.filter((file) => namespacesUnder(file).size > 0);

describe("messages sent to the client", () => {
  it("list, for each client component a page renders, exactly the namespaces it and what it imports read", () => {
    const listed = Object.fromEntries(Object.entries(clientNamespaces).map(([name, namespaces]) => [name, outermost(namespaces)]));
    const read = Object.fromEntries(translatedClientModules.map((file) => [moduleName(file), outermost(namespacesUnder(file))]));
    expect(listed).toEqual(read);
  });

  it("name only namespaces that both catalogues have", () => {
    for (const namespace of Object.values(clientNamespaces).flat()) {
      const node = namespace.split(".").reduce<unknown>((parent, part) => (parent as Record<string, unknown> | undefined)?.[part], en);
      expect(typeof node, namespace).toBe("object");
    }
  });

  it("wrap every translated client component a server module renders in <ClientMessages> naming it", () => {
    for (const file of serverModules) {
      const rendered = importsOf(file)
        .filter((imported) => translatedClientModules.includes(imported))
        .map(moduleName);
      const named = [...source(file).matchAll(/<ClientMessages\s+of=\{\[([^\]]*)\]\}/g)].flatMap(([, list]) =>
        [...list!.matchAll(/"([^"]+)"/g)].map((match) => match[1]!),
      );
      expect(named.filter((name) => !(name in clientNamespaces)), `${file} names unknown client components`).toEqual([]);
      for (const component of rendered) expect(named, `${file} renders ${component}`).toContain(component satisfies string);
    }
  });

  it("send the root error page's namespaces on every page", () => {
    expect(source("app/layout.tsx")).toMatch(/<ClientMessages of=\{\["app\/error"\]\}>/);
  });

  it("pick whole namespaces and parts of one, leaving the catalogue as it was", () => {
    const catalogue = { errors: { retry: "Retry" }, profile: { password: { save: "Save" }, sessions: { end: "End" }, title: "Profile" }, users: { name: "Name" } };
    const before = structuredClone(catalogue);
    expect(pickNamespaces(catalogue, ["profile.password", "errors", "profile.sessions"])).toEqual({
      errors: { retry: "Retry" },
      profile: { password: { save: "Save" }, sessions: { end: "End" } },
    });
    expect(pickNamespaces(catalogue, ["profile.password", "profile", "errors"])).toEqual({ errors: catalogue.errors, profile: catalogue.profile });
    expect(catalogue).toEqual(before);
  });
});
