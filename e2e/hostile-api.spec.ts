import { readFileSync } from "node:fs";
import http from "node:http";
import { expect, test, type APIRequestContext, type APIResponse, type PlaywrightWorkerArgs } from "@playwright/test";
import { demoAccounts, storageStateOf, type DemoRole } from "./users";

// Every write of the JSON API (each POST and PATCH that openapi.json gives a
// body), sent hostile bodies by every role: the answer is always a 4xx in
// JSON with a message, never a 500. Each body is refused whatever the role,
// so nothing here writes.

interface OpenApi {
  paths: Record<string, Partial<Record<"post" | "patch", { requestBody?: { content: Record<string, { schema: JsonSchema }> } }>>>;
  components: { schemas: Record<string, JsonSchema> };
}
interface JsonSchema {
  $ref?: string;
  properties?: Record<string, unknown>;
  allOf?: JsonSchema[];
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
}

interface Write {
  method: "post" | "patch";
  path: string;
  fields: string[];
}

/** The field names of a body schema, through references and combinations. */
function fieldsOf(schema: JsonSchema, document: OpenApi): string[] {
  if (schema.$ref) return fieldsOf(document.components.schemas[schema.$ref.split("/").pop()!]!, document);
  const parts = [...(schema.allOf ?? []), ...(schema.anyOf ?? []), ...(schema.oneOf ?? [])];
  return [...new Set([...Object.keys(schema.properties ?? {}), ...parts.flatMap((part) => fieldsOf(part, document))])];
}

async function writesOf(request: APIRequestContext): Promise<Write[]> {
  const document = (await (await request.get("/api/v1/openapi.json")).json()) as OpenApi;
  return Object.entries(document.paths).flatMap(([path, operations]) =>
    (["post", "patch"] as const).flatMap((method) => {
      const schema = operations[method]?.requestBody?.content["application/json"]?.schema;
      return schema ? [{ method, path, fields: fieldsOf(schema, document) }] : [];
    }),
  );
}

/** A real id for each collection a path names (`/api/v1/{collection}/{id}/…`), read from its list. */
async function realIds(request: APIRequestContext, writes: Write[]): Promise<Map<string, string>> {
  const collections = [...new Set(writes.flatMap(({ path }) => /\/api\/v1\/([^/]+)\/\{id\}/.exec(path)?.[1] ?? []))];
  const ids = new Map<string, string>();
  for (const collection of collections) {
    const list = (await (await request.get(`/api/v1/${collection}`)).json()) as { data: { id: string }[] };
    expect(list.data.length, `the demo data has ${collection}`).toBeGreaterThan(0);
    ids.set(collection, list.data[0]!.id);
  }
  return ids;
}

const withId = (path: string, id: string) => path.replace("{id}", id);
const collectionOf = (path: string) => /\/api\/v1\/([^/]+)\//.exec(path)?.[1] ?? "";

/** Every field set to the same value, which no field of any write accepts. */
const everyField = (fields: string[], value: unknown) => JSON.stringify(Object.fromEntries(fields.map((field) => [field, value])));

const hostileBodies = (fields: string[]): [string, string | Buffer][] => [
  ["an array for the object", "[]"],
  ["null", "null"],
  ["a number", "42"],
  ["a string", JSON.stringify("text")],
  ["no body", ""],
  ["text that is not JSON", "{not json"],
  ["bytes that are not UTF-8", Buffer.from([0x7b, 0x22, 0x6e, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d])],
  ["a NUL byte in the JSON", Buffer.from('{"note":"a\u0000b"}')],
  ["deep nesting", `${"[".repeat(100_000)}${"]".repeat(100_000)}`],
  ["objects for values", everyField(fields, { $gt: "" })],
  ["arrays for values", everyField(fields, ["a", "b"])],
  ["booleans for values", everyField(fields, true)],
  ["huge numbers", everyField(fields, 1e308).replaceAll("1e+308", "1e400")],
  ["long integers", everyField(fields, 0).replaceAll(":0", ":123456789012345678901234567890")],
  ["strings of 100,000 characters", everyField(fields, "x".repeat(100_000))],
  ["NUL characters", everyField(fields, "a\u0000b")],
  ["lone UTF-16 surrogates", everyField(fields, "a\ud800b")],
  ["prototype keys", '{"__proto__":{"roles":["admin"]},"constructor":{"prototype":{"roles":["admin"]}}}'],
];

async function expectRefusedAsJson(response: APIResponse, what: string) {
  expect(response.status(), what).toBeGreaterThanOrEqual(400);
  expect(response.status(), what).toBeLessThan(500);
  expect(response.headers()["content-type"], what).toContain("application/json");
  const answer = (await response.json()) as { error?: unknown; message?: unknown };
  expect(typeof answer.error, what).toBe("string");
  expect(answer.message, what).toMatch(/\S/);
}

const roles = Object.keys(demoAccounts) as DemoRole[];

const apiAs = (playwright: PlaywrightWorkerArgs["playwright"], baseURL: string | undefined, role: DemoRole) =>
  playwright.request.newContext({ baseURL, storageState: storageStateOf(role) });

test.describe("hostile bodies to the JSON API", () => {
  test("every write answers every hostile body from every role with a 4xx in JSON, never a 500", async ({ playwright, baseURL }) => {
    const admin = await apiAs(playwright, baseURL, "admin");
    const writes = await writesOf(admin);
    expect(writes.length, "writes found in openapi.json").toBeGreaterThanOrEqual(9);
    const ids = await realIds(admin, writes);
    await admin.dispose();
    for (const role of roles) {
      const api = await apiAs(playwright, baseURL, role);
      for (const write of writes) {
        const path = withId(write.path, ids.get(collectionOf(write.path)) ?? "");
        for (const [name, body] of hostileBodies(write.fields)) {
          const response = await api.fetch(path, { method: write.method, data: body, headers: { "content-type": "application/json" } });
          await expectRefusedAsJson(response, `${role}: ${write.method.toUpperCase()} ${write.path} with ${name}`);
        }
      }
      await api.dispose();
    }
  });

  test("hostile record ids in the path are answered with a 4xx in JSON", async ({ playwright, baseURL }) => {
    const request = await apiAs(playwright, baseURL, "admin");
    const writes = await writesOf(request);
    const hostileIds = ["%00", "a%00b", "%ED%A0%80", "x".repeat(3000), "'%20OR%20'1'%3D'1", "..%2F..%2Fetc%2Fpasswd", "%3Cscript%3E"];
    for (const write of writes.filter(({ path }) => path.includes("{id}"))) {
      for (const id of hostileIds) {
        const response = await request.fetch(withId(write.path, id), { method: write.method, data: { version: 1 } });
        await expectRefusedAsJson(response, `${write.method.toUpperCase()} ${write.path} with the id ${id.slice(0, 40)}`);
      }
    }
    await request.dispose();
  });

  test("a body over the limit is answered 413 in JSON, whether its size is declared or it is sent in chunks", async ({ playwright, baseURL }) => {
    const request = await apiAs(playwright, baseURL, "admin");
    const oversized = JSON.stringify({ title: "x".repeat(2 * 1024 * 1024) });
    const declared = await request.post("/api/v1/rounds", { data: oversized, headers: { "content-type": "application/json" } });
    expect(declared.status()).toBe(413);
    expect(await declared.json()).toEqual({ error: "payload_too_large", message: "The request body is larger than 1,024 KB." });
    await request.dispose();

    const cookies = (JSON.parse(readFileSync(storageStateOf("admin"), "utf8")) as { cookies: { name: string; value: string }[] }).cookies;
    const chunked = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const upload = http.request(new URL("/api/v1/rounds", baseURL), {
        method: "POST",
        headers: { "content-type": "application/json", "transfer-encoding": "chunked", cookie: cookies.map(({ name, value }) => `${name}=${value}`).join("; ") },
      });
      upload.on("response", (response) => {
        let body = "";
        response.setEncoding("utf8");
        response.on("data", (chunk: string) => (body += chunk));
        response.on("end", () => resolve({ status: response.statusCode ?? 0, body }));
      });
      upload.on("error", reject);
      upload.write('{"title":"');
      for (let sent = 0; sent < 2 * 1024 * 1024; sent += 64 * 1024) upload.write("x".repeat(64 * 1024));
      upload.end('"}');
    });
    expect(chunked.status).toBe(413);
    expect(JSON.parse(chunked.body)).toEqual({ error: "payload_too_large", message: "The request body is larger than 1,024 KB." });
  });
});
