import { describe, expect, it } from "vitest";
import { db } from "../../server/db/client";
import { findActiveActor, verifyCredentials } from "../../server/users";
import { createUser } from "../factories";

describe("sign-in and the actor behind a session", () => {
  it("accepts the right email and password, whatever the email's case", async () => {
    const user = await createUser({ roles: ["staff"], password: "correct horse battery" });
    expect(await verifyCredentials({ email: user.email.toUpperCase(), password: "correct horse battery" })).toEqual({
      id: user.id,
      sessionVersion: 0,
    });
  });

  it("answers a wrong password and an unknown email alike", async () => {
    const user = await createUser({ roles: ["staff"], password: "correct horse battery" });
    expect(await verifyCredentials({ email: user.email, password: "wrong" })).toBeNull();
    expect(await verifyCredentials({ email: "nobody@test.local", password: "correct horse battery" })).toBeNull();
    expect(await verifyCredentials({ email: "not an email", password: "x" })).toBeNull();
    expect(await verifyCredentials(undefined)).toBeNull();
  });

  it("refuses a deactivated account", async () => {
    const user = await createUser({ roles: ["staff"], password: "correct horse battery", active: false });
    expect(await verifyCredentials({ email: user.email, password: "correct horse battery" })).toBeNull();
  });

  it("reads roles afresh on every request, so a role taken away takes effect at once", async () => {
    const user = await createUser({ roles: ["manager", "reviewer"] });
    expect((await findActiveActor(user.id, 0))?.roles).toEqual(["manager", "reviewer"]);
    await db().user.update({ where: { id: user.id }, data: { roles: ["reviewer"] } });
    expect((await findActiveActor(user.id, 0))?.roles).toEqual(["reviewer"]);
    await db().user.update({ where: { id: user.id }, data: { active: false } });
    expect(await findActiveActor(user.id, 0)).toBeNull();
  });

  it("ends sessions issued before the account's session version was raised", async () => {
    const user = await createUser({ roles: ["staff"] });
    await db().user.update({ where: { id: user.id }, data: { sessionVersion: 1 } });
    expect(await findActiveActor(user.id, 0)).toBeNull();
    expect(await findActiveActor(user.id, 1)).not.toBeNull();
  });
});
