import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { openApiDocument } from "../../server/openapi";

const root = path.resolve(import.meta.dirname, "..", "..");
const apiFolder = path.join(root, "app", "api");
const methods = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"] as const;

// next-auth's own endpoints (sign-in, callback, session…) are not part of the
// tracker's API, nor is the catch-all that answers 404 for an address it does not have.
const notDocumented = new Set(["/api/auth/{...nextauth}", "/api/v1/{...path}"]);

/** Every `METHOD path` the route handlers under app/api export, read from the files on disk. */
async function routesOnDisk(): Promise<string[]> {
  const files = (await readdir(apiFolder, { recursive: true })).filter((file) => path.basename(file) === "route.ts");
  const routes: string[] = [];
  for (const file of files) {
    const source = await readFile(path.join(apiFolder, file), "utf8");
    const folders = path.dirname(file).split(path.sep).map((folder) => folder.replace(/^\[(.+)\]$/, "{$1}"));
    const route = `/api/${folders.join("/")}`;
    if (notDocumented.has(route)) continue;
    const exported = methods.filter((method) =>
      new RegExp(`export\\s+(const|(async\\s+)?function)\\s+${method}\\b|export\\s*\\{[^}]*\\bas\\s+${method}\\b`).test(source),
    );
    expect(exported, `${file} exports no HTTP method`).not.toEqual([]);
    routes.push(...exported.map((method) => `${method} ${route}`));
  }
  return routes.sort();
}

function documentedRoutes(document: ReturnType<typeof openApiDocument>): string[] {
  return Object.entries(document.paths)
    .flatMap(([route, operations]) => Object.keys(operations).map((method) => `${method.toUpperCase()} ${route}`))
    .sort();
}

/** Every `$ref` in the document, each with whether it resolves inside it. */
function references(node: unknown, document: unknown, found: { ref: string; resolves: boolean }[] = []) {
  if (Array.isArray(node)) for (const item of node) references(item, document, found);
  else if (typeof node === "object" && node !== null) {
    for (const [key, value] of Object.entries(node)) {
      if (key === "$ref" && typeof value === "string") {
        const target = value.replace(/^#\//, "").split("/").reduce<unknown>((at, part) => (at as Record<string, unknown> | undefined)?.[part], document);
        found.push({ ref: value, resolves: value.startsWith("#/") && target !== undefined });
      } else references(value, document, found);
    }
  }
  return found;
}

describe("the OpenAPI document", () => {
  it("describes exactly the routes and methods that exist under app/api", async () => {
    const onDisk = await routesOnDisk();
    expect(onDisk).toContain("GET /api/v1/openapi.json");
    expect(onDisk).toContain("POST /api/v1/assessments/{id}/publish");
    expect(documentedRoutes(openApiDocument())).toEqual(onDisk);
  });

  it("is OpenAPI 3.1 whose references all resolve, with path parameters declared and every answer named", () => {
    const document = openApiDocument();
    expect(document.openapi).toBe("3.1.0");
    const refs = references(document, document);
    expect(refs.length).toBeGreaterThan(20);
    expect(refs.filter((reference) => !reference.resolves)).toEqual([]);
    for (const [route, operations] of Object.entries(document.paths)) {
      for (const [method, operation] of Object.entries(operations) as [string, { parameters?: { name: string; in: string }[]; responses: Record<string, unknown> }][]) {
        const pathParameters = (operation.parameters ?? []).filter((parameter) => parameter.in === "path").map((parameter) => parameter.name);
        expect(pathParameters, `${method} ${route}`).toEqual([...route.matchAll(/\{(\w+)\}/g)].map((match) => match[1]));
        expect(Object.keys(operation.responses).some((status) => /^20[01]$/.test(status)), `${method} ${route}`).toBe(true);
        if (route.startsWith("/api/v1/") && route !== "/api/v1/openapi.json") expect(operation.responses, `${method} ${route}`).toHaveProperty("401");
      }
    }
  });

  it("offers CSV on every list and spells enumerations in lower snake case", () => {
    const document = openApiDocument();
    const lists = ["/api/v1/pillars", "/api/v1/commitments", "/api/v1/milestones", "/api/v1/evidence", "/api/v1/rounds", "/api/v1/assessments", "/api/v1/status-updates"];
    for (const list of lists) {
      const get = (document.paths as Record<string, { get?: { responses: Record<string, { content?: Record<string, unknown> }> } }>)[list]?.get;
      expect(Object.keys(get?.responses["200"]?.content ?? {}), list).toEqual(["application/json", "text/csv"]);
    }
    const enumValues = JSON.stringify(document.components.schemas).match(/"enum":\[[^\]]*\]/g) ?? [];
    const values = enumValues.flatMap((list) => JSON.parse(list.slice(7)) as string[]);
    expect(values).toContain("in_progress");
    expect(values).toContain("cannot_assess");
    expect(values.filter((value) => !/^[a-z][a-z0-9_]*$/.test(value))).toEqual([]);
  });
});
