import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { keysetBatches } from "../../server/batches";
import { csvResponse, flattenRow, wantsCsv } from "../../server/csv";
import { ValidationError } from "../../server/errors";

const request = (query: string, accept?: string) => new Request(`http://tracker.test/api/v1/milestones${query}`, { headers: accept ? { accept } : {} });

describe("asking for CSV", () => {
  it("follows ?format= first, then an explicit text/csv in Accept", () => {
    expect(wantsCsv(request(""))).toBe(false);
    expect(wantsCsv(request("?format=csv"))).toBe(true);
    expect(wantsCsv(request("?format=json", "text/csv"))).toBe(false);
    expect(wantsCsv(request("?format=csv", "application/json"))).toBe(true);
    expect(wantsCsv(request("", "text/csv"))).toBe(true);
    expect(wantsCsv(request("", "text/html,application/xhtml+xml,*/*;q=0.8"))).toBe(false);
    expect(wantsCsv(request("", "application/json, text/csv;q=0.5"))).toBe(false);
    expect(wantsCsv(request("", "application/json;q=0.5, text/csv"))).toBe(true);
    expect(wantsCsv(request("", "text/csv;q=0"))).toBe(false);
  });

  it("refuses a format it does not know as a field error", () => {
    expect(() => wantsCsv(request("?format=xlsx"))).toThrow(ValidationError);
  });
});

describe("a CSV row", () => {
  it("flattens nested objects into camelCase columns and joins arrays with ;", () => {
    expect(
      flattenRow({
        id: "m1",
        owner: null,
        commitment: { id: "c1", pillar: { number: 2 } },
        milestonesByStatus: { not_started: 3, at_risk: 0 },
        tags: ["a", "b"],
        agencies: [{ code: "INL", name: "Narcotics" }, { code: "SRE", name: "Foreign affairs" }],
        createdAt: new Date("2024-05-01T10:00:00.000Z"),
        archived: false,
      }),
    ).toEqual({
      id: "m1",
      owner: "",
      commitmentId: "c1",
      commitmentPillarNumber: "2",
      milestonesByStatusNotStarted: "3",
      milestonesByStatusAtRisk: "0",
      tags: "a;b",
      agenciesCode: "INL;SRE",
      agenciesName: "Narcotics;Foreign affairs",
      createdAt: "2024-05-01T10:00:00.000Z",
      archived: "false",
    });
  });

  it("quotes every cell a spreadsheet would read as a formula", () => {
    const cells = flattenRow({ a: "=HYPERLINK(\"http://x\")", b: "+1", c: "-2", d: "@SUM(A1)", e: "\tx", f: "\rx", g: "a=b", h: ["=x", "y"], i: -3 });
    expect(cells).toEqual({ a: "'=HYPERLINK(\"http://x\")", b: "'+1", c: "'-2", d: "'@SUM(A1)", e: "'\tx", f: "'\rx", g: "a=b", h: "'=x;y", i: "'-3" });
  });

  it("quotes a cell that starts with a full-width (or small) formula character, which spreadsheets read as its ASCII twin", () => {
    const cells = flattenRow({ a: "＝HYPERLINK(\"http://x\")", b: "＋1", c: "－2", d: "＠SUM(A1)", e: "a＝b", f: "﹦x" });
    expect(cells).toEqual({ a: "'＝HYPERLINK(\"http://x\")", b: "'＋1", c: "'－2", d: "'＠SUM(A1)", e: "a＝b", f: "'﹦x" });
  });
});

describe("a CSV answer", () => {
  it("is a download with a dated name, a byte-order mark and a header even when empty", async () => {
    const response = await csvResponse("milestones", [], ["id", "title"]);
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("content-disposition")).toMatch(/^attachment; filename="milestones-\d{4}-\d{2}-\d{2}\.csv"$/);
    // text() would drop the byte-order mark, so read the bytes.
    expect(Buffer.from(await response.arrayBuffer()).toString("utf8")).toBe("\uFEFFid,title\n");
  });

  it("reads its rows as the client reads the body, not before", async () => {
    let produced = 0;
    async function* rows() {
      for (let n = 0; n < 5000; n += 1) {
        produced += 1;
        yield { n, text: `row ${n}, with a comma` };
      }
    }
    const response = await csvResponse("test", rows(), ["n", "text"]);
    expect(produced).toBeLessThan(1000);
    const records = parse<{ n: string; text: string }>(await response.text(), { bom: true, columns: true });
    expect(produced).toBe(5000);
    expect(records).toHaveLength(5000);
    expect(records[4999]).toEqual({ n: "4999", text: "row 4999, with a comma" });
  });

  it("stops reading rows when the client goes away", async () => {
    let closed = false;
    async function* rows() {
      try {
        for (let n = 0; ; n += 1) yield { n };
      } finally {
        closed = true;
      }
    }
    const response = await csvResponse("test", rows(), ["n"]);
    await response.body!.cancel();
    expect(closed).toBe(true);
  });

  it("answers a failure of the first rows as an error, before any byte is sent", async () => {
    async function* rows(): AsyncGenerator<object> {
      throw new ValidationError({ pillar: [{ code: "invalid" }] });
    }
    await expect(csvResponse("test", rows(), ["n"])).rejects.toBeInstanceOf(ValidationError);
  });
});

describe("keyset batches", () => {
  it("ask for the next batch after the last row until a short batch", async () => {
    const asked: (number | undefined)[] = [];
    const all = Array.from({ length: 10 }, (_, n) => n);
    const read = async (after: number | undefined) => {
      asked.push(after);
      return all.filter((n) => after === undefined || n > after).slice(0, 4);
    };
    const rows: number[] = [];
    for await (const row of keysetBatches(read, 4)) rows.push(row);
    expect(rows).toEqual(all);
    expect(asked).toEqual([undefined, 3, 7]);
  });
});
