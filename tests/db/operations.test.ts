import { afterEach, describe, expect, it, vi } from "vitest";
import { errorResponse } from "../../server/http";
import { logger } from "../../server/log";

// What operators read of the running tracker.

afterEach(() => {
  vi.restoreAllMocks();
});

describe("a fault in the API", () => {
  it("is logged with its stack, and the caller is told only that something went wrong", async () => {
    const logged = vi.spyOn(logger, "error").mockImplementation(() => undefined);
    const fault = new Error("relation secret_table does not exist");
    const answer = errorResponse(fault);
    expect(answer.status).toBe(500);
    const body = await answer.text();
    expect(body).not.toContain("secret_table");
    expect(JSON.parse(body)).toEqual({ error: "internal", message: "Something went wrong on our side. Nothing was saved; try again." });
    await vi.waitFor(() => expect(logged).toHaveBeenCalledWith({ err: fault, requestId: null }, "An API request failed"));
  });
});
