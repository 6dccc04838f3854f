// The API (server/http.ts errorResponse) and the forms (server/forms.ts
// runFormAction) answer one error the same way: both read one table
// (server/error-answers.ts).
import { describe, expect, it } from "vitest";
import { db } from "../../server/db/client";
import { ConflictError, ForbiddenError, NotFoundError, UnauthenticatedError, ValidationError } from "../../server/errors";
import { runFormAction } from "../../server/forms";
import { errorResponse } from "../../server/http";
import { createActor } from "../factories";

/** A real "record to update not found" from Prisma (P2025). */
const missingRecordUpdate = () => db().pillar.update({ where: { id: "no-such-pillar" }, data: { name: "Renamed" } });

async function formAnswerTo(error: () => Promise<unknown>) {
  const actor = await createActor(["admin"]);
  const form = new FormData();
  form.append("name", "Renamed");
  return runFormAction(form, error, async () => actor);
}

describe("one error", () => {
  it("Prisma's record-not-found (P2025) answers not found through the API and through a form alike", async () => {
    const thrown = await missingRecordUpdate().catch((error: unknown) => error);
    const response = errorResponse(thrown);
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ error: "not_found", message: "There is no such record." });
    expect(await formAnswerTo(missingRecordUpdate)).toEqual({ status: "failed", message: "notFound", values: { name: "Renamed" } });
  });

  it("each refusal a form can show answers the form as the API answers it", async () => {
    const cases = [
      { error: new NotFoundError(), status: 404, form: { status: "failed", message: "notFound" } },
      { error: new ForbiddenError(null), status: 403, form: { status: "failed", message: "forbidden" } },
      { error: new UnauthenticatedError(), status: 401, form: { status: "failed", message: "unauthenticated" } },
      { error: new ValidationError({ name: [{ code: "required" }] }), status: 400, form: { status: "invalid", fieldErrors: { name: [{ code: "required" }] } } },
      { error: new ConflictError("stale", { version: 2 }), status: 409, form: { status: "conflict", reason: "stale", current: { version: 2 } } },
    ];
    for (const { error, status, form } of cases) {
      expect(errorResponse(error).status).toBe(status);
      expect(
        await formAnswerTo(async () => {
          throw error;
        }),
      ).toEqual({ ...form, values: { name: "Renamed" } });
    }
  });
});
