import { createHash } from "node:crypto";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { seedDemoData } from "../../scripts/lib/seed/demo";
import { db } from "../../server/db/client";
import type { AssessmentKind, AssessmentState } from "../../server/db/generated/enums";
import { NotFoundError } from "../../server/errors";
import { publicRoundDocument, publicRoundReport, publicRoundReportForPdf, publicRoundReports } from "../../server/public-rounds";
import type { Actor } from "../../server/permissions";
import { roundReport } from "../../server/round-report";
import { closeRound, openRound } from "../../server/rounds";
import { createActor, createAgency, createCommitment, createEvidence, createUser } from "../factories";

// The public site's closed rounds, on the demo data (its two closed rounds
// frozen at seeding) and a round of this file's own, closed here with
// assessments in every state.

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

describe("with PUBLIC_SITE=off", () => {
  it("finds none of it", async () => {
    process.env.PUBLIC_SITE = "off";
    for (const read of [publicRoundReports(), publicRoundReport(closedId), publicRoundDocument(closedId), publicRoundReportForPdf(closedId)]) {
      expect(await failure(read)).toBeInstanceOf(NotFoundError);
    }
  });
});
