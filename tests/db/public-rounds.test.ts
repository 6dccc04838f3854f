import { createHash } from "node:crypto";
import { createFormatter, createTranslator } from "next-intl";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import en from "../../messages/en.json";
import es from "../../messages/es.json";
import { seedDemoData } from "../../scripts/lib/seed/demo";
import { db } from "../../server/db/client";
import type { AssessmentKind, AssessmentState } from "../../server/db/generated/enums";
import { NotFoundError } from "../../server/errors";
import { publicFeed } from "../../server/public-feed";
import { publicRoundDocument, publicRoundReport, publicRoundReportForPdf, publicRoundReports } from "../../server/public-rounds";
import { publicVerification, verificationQuery } from "../../server/report-verification";
import type { Actor } from "../../server/permissions";
import { roundReport } from "../../server/round-report";
import { closeRound, openRound } from "../../server/rounds";
import { createActor, createAgency, createCommitment, createEvidence, createUser } from "../factories";

// The public site's closed rounds, the check of a report's copy and the Atom
// feed, on the demo data (its two closed rounds frozen at seeding) and a round
// of this file's own, closed here with assessments in every state.

const sha256 = (bytes: string | Uint8Array) => createHash("sha256").update(bytes).digest("hex");
const failure = (promise: Promise<unknown>) => promise.then(() => null, (error: unknown) => error);

const secrets = {
  draft: "Draft narrative nobody may read.",
  submitted: "Submitted narrative awaiting a manager.",
  returned: "Returned narrative to be redone.",
  comment: "Return comment: cite the prosecution figures.",
};
// What a reviewer may type: markup, an ampersand and a control character XML 1.0 forbids.
const publishedNarrative = "Prosecutions rose <script>alert(1)</script> & convictions\u0001 followed.";

let manager: Actor;
let reviewer: { id: string; name: string; email: string };
let staff: { id: string; name: string; email: string };
let agency: { id: string; name: string };
let evidence: { id: string; title: string; publisher: string; url: string | null };
let closedId: string;
let openId: string;

async function assessment(roundId: string, pillarId: string, commitmentId: string, state: AssessmentState, narrative: string, kind: AssessmentKind = "independent") {
  const self = kind === "self_assessment";
  const done = state !== "draft";
  const created = await db().assessment.create({
    data: {
      roundId,
      pillarId,
      kind,
      commitmentId: self ? commitmentId : null,
      agencyId: self ? agency.id : null,
      authorId: self ? staff.id : reviewer.id,
      narrative,
      state: state === "published" ? "submitted" : state,
      ...(done ? { advances: "substantial", results: "moderate", submittedAt: new Date("2019-12-01T12:00:00Z") } : {}),
      ...(state === "returned" ? { returnComment: secrets.comment } : {}),
      // Citations are fixed before publication: the database refuses to change those of a published assessment.
      ...(done ? { citations: { create: [{ evidenceId: evidence.id }] } } : {}),
    },
  });
  if (state === "published") await db().assessment.update({ where: { id: created.id }, data: { state: "published", publishedAt: new Date("2019-12-20T12:00:00Z"), publishedById: manager.id } });
  return created.id;
}

beforeAll(async () => {
  await seedDemoData();
  manager = await createActor(["manager"]);
  reviewer = await createUser({ roles: ["reviewer"] });
  agency = await createAgency();
  staff = await createUser({ roles: ["staff"], agencyId: agency.id });
  const pillar = await db().pillar.findUniqueOrThrow({ where: { number: 1 } });
  const commitment = await createCommitment({ pillarId: pillar.id, agencyIds: [agency.id] });
  evidence = await createEvidence({ commitmentId: commitment.id, publishedOn: "2019-11-02" });

  closedId = (await openRound(manager, { title: "Public test round", periodStart: "2019-01-01", periodEnd: "2019-12-31" })).id;
  await assessment(closedId, pillar.id, commitment.id, "draft", secrets.draft);
  await assessment(closedId, pillar.id, commitment.id, "submitted", secrets.submitted);
  await assessment(closedId, pillar.id, commitment.id, "returned", secrets.returned);
  await assessment(closedId, pillar.id, commitment.id, "published", publishedNarrative);
  await assessment(closedId, pillar.id, commitment.id, "published", "The agency's own view.", "self_assessment");
  await closeRound(manager, closedId);

  openId = (await openRound(manager, { title: "Still open round", periodStart: "2020-01-01", periodEnd: "2020-12-31" })).id;
  await assessment(openId, pillar.id, commitment.id, "published", "Published in a round still open.");
});

afterEach(() => {
  delete process.env.PUBLIC_SITE;
});

describe("closed rounds in public", () => {
  it("lists the closed rounds, the last closed first, each with its two digests, and no open round", async () => {
    const rounds = await publicRoundReports();
    expect(rounds.map((round) => [round.position, round.title])).toEqual([
      [3, "Public test round"],
      [2, "May 2018 review"],
      [1, "April 2011 two-year review"],
    ]);
    for (const round of rounds) {
      expect(round.sha256).toMatch(/^[0-9a-f]{64}$/);
      expect(round.chainDigest).toMatch(/^[0-9a-f]{64}$/);
    }
  });

  it("serves a closed round's frozen document byte for byte: its bytes hash to the stored SHA-256", async () => {
    const [latest] = await publicRoundReports();
    const document = await publicRoundDocument(closedId);
    expect(sha256(new TextEncoder().encode(document.text))).toBe(latest!.sha256);
    expect(document.sha256).toBe(latest!.sha256);
    expect((JSON.parse(document.text) as { round: { id: string } }).round.id).toBe(closedId);
  });

  it("shows a closed round's published assessments per pillar on both scales, with narrative and cited evidence, and nothing short of published", async () => {
    const report = await publicRoundReport(closedId);
    expect(report.digests.position).toBe(3);
    const pillar = report.pillars.find((shown) => shown.number === 1)!;
    expect(pillar.verdicts.map((verdict) => [verdict.kind, verdict.advances, verdict.results, verdict.narrative, verdict.reviewer, verdict.agency])).toEqual([
      ["independent", "substantial", "moderate", publishedNarrative, reviewer.name, null],
      ["self_assessment", "substantial", "moderate", "The agency's own view.", null, agency.name],
    ]);
    expect(pillar.verdict?.id).toBe(pillar.verdicts[0]!.id);
    expect(pillar.verdicts[0]!.evidence).toEqual([{ id: evidence.id, title: evidence.title, publisher: evidence.publisher, publishedOn: new Date("2019-11-02T00:00:00Z"), url: evidence.url, retraction: null }]);
    expect(report.pillars.map((shown) => shown.number)).toEqual([1, 2, 3, 4, 5]);
    expect(report.asOf).toBe("2019-12-31");
    const everything = JSON.stringify(report);
    for (const secret of [...Object.values(secrets), staff.name, staff.email, reviewer.email]) expect(everything).not.toContain(secret);
  });

  it("prints the PDF from the frozen document alone, as the signed-in report is", async () => {
    const report = await publicRoundReportForPdf(closedId);
    expect(report).toEqual(await roundReport(manager, closedId));
    expect(report.frozen).toMatchObject({ position: 3 });
  });

  it("finds no report of an open round, an unknown one or an address that names none", async () => {
    for (const id of [openId, "no-such-round-0000", "../../etc/passwd"]) {
      for (const read of [publicRoundReport, publicRoundDocument, publicRoundReportForPdf]) {
        expect(await failure(read(id)), id).toBeInstanceOf(NotFoundError);
      }
    }
  });
});

/** A form posted to the check, as a browser sends it. */
function posted(file: Uint8Array | string | null, field = "report") {
  const form = new FormData();
  if (file !== null) form.set(field, new Blob([typeof file === "string" ? file : new Uint8Array(file)], { type: "application/json" }), "round-report.json");
  return new Request("http://localhost/public/verify/upload", { method: "POST", body: form });
}

const queryOf = async (request: Request) => Object.fromEntries(await verificationQuery(request));

describe("checking a copy of a round report", () => {
  it("says a downloaded document is exactly the frozen report of its round, and that the later rounds' chain digests follow from it", async () => {
    const rounds = (await publicRoundReports()).toReversed();
    const first = await publicRoundDocument(rounds[0]!.roundId);
    const query = await queryOf(posted(first.text));
    expect(query).toEqual({ sha256: rounds[0]!.sha256, claims: rounds[0]!.roundId });
    const shown = await publicVerification(query);
    expect(shown).toMatchObject({ status: "checked", match: { roundId: rounds[0]!.roundId, position: 1, chainDigest: rounds[0]!.chainDigest }, claimed: null });
    if (shown.status !== "checked") throw new Error("checked");
    expect(shown.later.map((link) => [link.position, link.chainDigest, link.follows])).toEqual([
      [2, rounds[1]!.chainDigest, true],
      [3, rounds[2]!.chainDigest, true],
    ]);
    expect(shown.chain).toMatchObject({ length: 3, head: rounds[2]!.chainDigest, brokenAt: null });
  });

  it("says a copy changed by one character matches no frozen report, naming the round it claims to be", async () => {
    const document = await publicRoundDocument(closedId);
    const query = await queryOf(posted(document.text.replace("Prosecutions rose", "Prosecutions rise")));
    expect(query.claims).toBe(closedId);
    expect(await publicVerification(query)).toMatchObject({ status: "checked", match: null, claimed: { roundId: closedId, title: "Public test round" }, later: [] });
    expect(await publicVerification(await queryOf(posted('{"round":{"id":"elsewhere"}}')))).toMatchObject({ status: "checked", match: null, claimed: null });
  });

  it("answers an empty, missing, oversized or non-JSON upload with what was wrong", async () => {
    expect(await queryOf(posted(""))).toEqual({ problem: "empty" });
    expect(await queryOf(posted(null))).toEqual({ problem: "empty" });
    expect(await queryOf(posted("{}", "other"))).toEqual({ problem: "empty" });
    expect(await queryOf(new Request("http://localhost/public/verify/upload", { method: "POST", body: "{}", headers: { "content-type": "application/json" } }))).toEqual({ problem: "empty" });
    expect(await queryOf(posted("not json"))).toEqual({ problem: "notJson" });
    expect(await queryOf(posted(new Uint8Array([0x7b, 0xff, 0x7d])))).toEqual({ problem: "notJson" });
    // Sent without its length, the body is read only until it passes the cap.
    expect(await queryOf(posted(new Uint8Array(5 * 1024 * 1024 + 1).fill(0x20)))).toEqual({ problem: "tooLarge" });
    // Declared larger, it is refused before anything is read.
    const declared = new Request("http://localhost/public/verify/upload", { method: "POST", body: "x", headers: { "content-length": String(6 * 1024 * 1024), "content-type": "multipart/form-data; boundary=x" } });
    expect(await queryOf(declared)).toEqual({ problem: "tooLarge" });
    for (const problem of ["empty", "tooLarge", "notJson"]) expect(await publicVerification({ problem })).toEqual({ status: "problem", problem });
  });

  it("shows the empty form for an address edited by hand", async () => {
    for (const query of [{}, { sha256: "not-a-digest" }, { problem: "other" }, { sha256: ["a", "b"] }]) expect(await publicVerification(query)).toEqual({ status: "idle" });
  });
});

function words(locale: "en" | "es") {
  return { locale, t: createTranslator({ locale, messages: locale === "en" ? en : es }), format: createFormatter({ locale, timeZone: "UTC" }), origin: "https://tracker.example" };
}

describe("the Atom feed", () => {
  it("lists the published assessments and the closed rounds with their two digests, newest first, in the reader's language", async () => {
    const feed = await publicFeed(words("en"));
    expect(feed).toMatch(/^<\?xml version="1\.0" encoding="utf-8"\?>\n<feed xmlns="http:\/\/www\.w3\.org\/2005\/Atom" xml:lang="en">/);
    expect(feed).toContain("<id>https://tracker.example/public/en/feed.xml</id>");
    expect(feed).toContain('<link rel="self" href="https://tracker.example/public/en/feed.xml" type="application/atom+xml"/>');
    for (const round of await publicRoundReports()) {
      const entry = feed.slice(feed.indexOf(`<id>https://tracker.example/public/rounds/${round.roundId}</id>`));
      expect(entry.slice(0, entry.indexOf("</entry>"))).toMatch(new RegExp(`<title>Report: ${round.title}</title>.*${round.sha256}.*${round.chainDigest}`, "s"));
    }
    const published = await db().assessment.count({ where: { state: "published" } });
    expect(feed.match(/<entry>/g)).toHaveLength(published + 3);
    // Both a closed round's assessment and one of a round still open, each linked to its place on its pillar's page.
    expect(feed).toContain("Published in a round still open.");
    expect(feed).toMatch(/<link rel="alternate" href="https:\/\/tracker\.example\/public\/en\/pillars\/1#assessment-\w+" type="text\/html"\/>/);
    const updated = [...feed.matchAll(/<entry><id>[^<]*<\/id><title>[^<]*<\/title><updated>([^<]+)<\/updated>/g)].map((match) => match[1]!);
    expect(updated).toEqual(updated.toSorted().toReversed());
    expect(feed).toContain("<updated>2019-12-20T12:00:00.000Z</updated>");

    const spanish = await publicFeed(words("es"));
    expect(spanish).toContain('xml:lang="es"');
    expect(spanish).toContain("<title>Cooperación en cuatro pilares: evaluaciones publicadas e informes de las rondas</title>");
  });

  it("writes what people typed as escaped text, without the characters XML forbids, and nothing short of published", async () => {
    const feed = await publicFeed(words("en"));
    expect(feed).toContain("<content>Prosecutions rose &lt;script&gt;alert(1)&lt;/script&gt; &amp; convictions followed.</content>");
    expect(feed).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/);
    expect(feed).toContain(`<author><name>${reviewer.name}</name></author>`);
    for (const secret of [...Object.values(secrets), staff.name, staff.email, reviewer.email]) expect(feed).not.toContain(secret);
  });
});

describe("with PUBLIC_SITE=off", () => {
  it("finds none of it", async () => {
    process.env.PUBLIC_SITE = "off";
    for (const read of [publicRoundReports(), publicRoundReport(closedId), publicRoundDocument(closedId), publicVerification({}), verificationQuery(posted("{}")), publicFeed(words("en"))]) {
      expect(await failure(read)).toBeInstanceOf(NotFoundError);
    }
  });
});
