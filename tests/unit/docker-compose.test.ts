import { readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";

const root = path.resolve(import.meta.dirname, "..", "..");

interface Compose {
  services: Record<
    string,
    { image?: string; build?: unknown; environment?: Record<string, string>; depends_on?: Record<string, { condition: string }>; ports?: string[]; volumes?: string[]; healthcheck?: { test: unknown } }
  >;
  volumes?: Record<string, unknown>;
}

describe("docker-compose.yml", () => {
  it("is valid YAML with a PostgreSQL service and the app wired to it", async () => {
    const compose = parse(await readFile(path.join(root, "docker-compose.yml"), "utf8"), { strict: true, uniqueKeys: true }) as Compose;
    expect(Object.keys(compose.services).sort()).toEqual(["app", "db"]);
    const { db, app } = compose.services;
    expect(db!.image).toMatch(/^postgres:\d+/);
    expect(db!.healthcheck?.test).toBeDefined();
    expect(app!.build).toBe(".");
    expect(app!.depends_on).toEqual({ db: { condition: "service_healthy" } });
    expect(app!.environment!.NEXTAUTH_SECRET).toMatch(/^\$\{NEXTAUTH_SECRET:\?/);
    expect(app!.ports).toEqual(["3000:3000"]);
    for (const volume of Object.keys(compose.volumes ?? {})) expect(typeof volume).toBe("string");
  });

  it("connects the app as a role of its own that owns nothing, and migrates as the image's superuser, the tables' owner", async () => {
    const compose = parse(await readFile(path.join(root, "docker-compose.yml"), "utf8")) as Compose;
    const { db, app } = compose.services;
    expect(db!.environment!.POSTGRES_USER).toBe("tracker");
    expect(app!.environment!.MIGRATION_DATABASE_URL).toMatch(/^postgresql:\/\/tracker:.*@db:5432\/tracker$/);
    expect(app!.environment!.DATABASE_URL).toBe(
      "postgresql://${APP_DB_USER:-tracker_app}:${APP_DB_PASSWORD:?set APP_DB_PASSWORD to a long random string of letters and digits}@db:5432/tracker",
    );
    expect(db!.environment).toMatchObject({ APP_DB_USER: "${APP_DB_USER:-tracker_app}", APP_DB_PASSWORD: expect.stringMatching(/^\$\{APP_DB_PASSWORD:\?/) });

    const mount = db!.volumes!.find((volume) => volume.includes("/docker-entrypoint-initdb.d/"));
    expect(mount).toBe("./scripts/docker/create-app-role.sh:/docker-entrypoint-initdb.d/create-app-role.sh:ro");
    const script = await readFile(path.join(root, "scripts", "docker", "create-app-role.sh"), "utf8");
    expect(script).toMatch(/CREATE ROLE %I LOGIN PASSWORD %L/);
    expect(script).toContain('-v role="$APP_DB_USER" -v password="$APP_DB_PASSWORD"');
    expect(script).not.toMatch(/SUPERUSER|CREATEROLE|CREATEDB|OWNER/);
  });

  it("builds the app on Node 24, the long-term-support line, from a Dockerfile that runs the README's start command", async () => {
    const dockerfile = await readFile(path.join(root, "Dockerfile"), "utf8");
    expect(dockerfile).toMatch(/^FROM node:24-/m);
    expect(dockerfile).toMatch(/^RUN npm ci$/m);
    expect(dockerfile).toMatch(/^CMD \["npm", "start"\]$/m);
  });
});
