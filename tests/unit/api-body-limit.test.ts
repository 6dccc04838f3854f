import { afterEach, describe, expect, it } from "vitest";
import { apiBodyLimitBytes, apiRoute, json, readJson } from "../../server/http";

const kilobyte = 1024;

/** A route that echoes its JSON body, answering errors as every API route does. */
const echo = apiRoute(async (request: Request) => json({ received: await readJson(request) }));

/** A streamed body of `chunks` chunks of `size` bytes each, counting how many were pulled. */
function streamedBody(chunks: number, size: number) {
  const pulled = { count: 0 };
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (pulled.count === chunks) return controller.close();
      pulled.count += 1;
      controller.enqueue(new Uint8Array(size).fill(0x20));
    },
  });
  return { stream, pulled };
}

function post(body: BodyInit, headers: Record<string, string> = {}) {
  return new Request("http://tracker.test/api/v1/echo", { method: "POST", body, headers: { "content-type": "application/json", ...headers }, duplex: "half" } as RequestInit);
}

afterEach(() => {
  delete process.env.API_BODY_LIMIT_BYTES;
});

describe("the size limit of API request bodies", () => {
  it("is 1 MB unless API_BODY_LIMIT_BYTES sets another, and never more than the proxy holds", () => {
    expect(apiBodyLimitBytes()).toBe(1024 * kilobyte);
    process.env.API_BODY_LIMIT_BYTES = "2048";
    expect(apiBodyLimitBytes()).toBe(2048);
    process.env.API_BODY_LIMIT_BYTES = "not a number";
    expect(apiBodyLimitBytes()).toBe(1024 * kilobyte);
    process.env.API_BODY_LIMIT_BYTES = String(50 * 1024 * kilobyte);
    expect(apiBodyLimitBytes()).toBe(10 * 1024 * kilobyte);
  });

  it("refuses a body whose Content-Length is over the limit with 413 and a message, before reading any of it", async () => {
    process.env.API_BODY_LIMIT_BYTES = String(4 * kilobyte);
    const { stream, pulled } = streamedBody(8, kilobyte);
    const response = await echo(post(stream, { "content-length": String(8 * kilobyte) }), undefined);
    expect(response.status).toBe(413);
    expect(await response.json()).toEqual({ error: "payload_too_large", message: "The request body is larger than 4 KB." });
    expect(pulled.count).toBeLessThanOrEqual(1);
  });

  it("refuses a chunked body without Content-Length as soon as what was read passes the limit", async () => {
    process.env.API_BODY_LIMIT_BYTES = String(4 * kilobyte);
    const { stream, pulled } = streamedBody(1000, kilobyte);
    const response = await echo(post(stream), undefined);
    expect(response.status).toBe(413);
    expect(((await response.json()) as { error: string }).error).toBe("payload_too_large");
    // Five chunks pass 4 KB; the stream may have one more in flight, never the rest.
    expect(pulled.count).toBeLessThan(8);
  });

  it("reads a chunked body up to the limit", async () => {
    process.env.API_BODY_LIMIT_BYTES = String(4 * kilobyte);
    const text = JSON.stringify({ note: "x".repeat(4 * kilobyte - 20) });
    const encoded = new TextEncoder().encode(text);
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let offset = 0; offset < encoded.length; offset += 1000) controller.enqueue(encoded.slice(offset, offset + 1000));
        controller.close();
      },
    });
    const response = await echo(post(stream), undefined);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ received: JSON.parse(text) });
  });

  it("answers 400 with a field message for a body that is not JSON in UTF-8", async () => {
    for (const body of [new Uint8Array([0x7b, 0x22, 0xff, 0x22, 0x7d]), "{not json", ""]) {
      const response = await echo(post(body), undefined);
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ fields: { _form: [{ code: "invalidJson", message: "The request body is not valid JSON." }] } });
    }
  });
});
