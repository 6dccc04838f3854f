import { describe, expect, it } from "vitest";
import { db } from "../../server/db/client";
import { ValidationError } from "../../server/errors";
import { setPreferredLocale } from "../../server/users";
import { actorOf, createUser } from "../factories";

describe("the preferred language", () => {
  it("is remembered on the account, with an audit event in the same transaction", async () => {
    const user = await createUser({ roles: ["reviewer"] });
    await setPreferredLocale(actorOf(user), { locale: "es" });
    expect((await db().user.findUniqueOrThrow({ where: { id: user.id } })).locale).toBe("es");
    const events = await db().auditEvent.findMany({ where: { entityId: user.id, action: "user.locale.update" } });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ actorId: user.id, before: { locale: "en" }, after: { locale: "es" } });
  });

  it("refuses a language the tracker does not offer, writing nothing", async () => {
    const user = await createUser({ roles: ["staff"] });
    await expect(setPreferredLocale(actorOf(user), { locale: "fr" })).rejects.toBeInstanceOf(ValidationError);
    expect((await db().user.findUniqueOrThrow({ where: { id: user.id } })).locale).toBe("en");
    expect(await db().auditEvent.count({ where: { entityId: user.id } })).toBe(0);
  });
});
