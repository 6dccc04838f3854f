import "server-only";
import { z } from "zod";
import { reportUploadMegabytes } from "@/domain/limits";
import { PayloadTooLargeError } from "./errors";
import { reportFingerprint, verifyReport } from "./frozen-reports";
import { readBody } from "./http";
import { ensurePublicSite } from "./public-record";
import { recordId } from "./validation";

// The public check of a copy of a round report (/public/verify). Its plain
// form posts the file to a route handler, which reads it under a cap and
// sends the browser on (303) to the page with what the file is in the
// address: its SHA-256 and the round it names, or why it could not be read.
// The page looks that up against the chain. So the check works without
// JavaScript, a reload posts nothing again, and no file is kept.

/** The form field of the file. */
export const reportUploadField = "report";

const uploadLimitBytes = reportUploadMegabytes * 1024 * 1024;
/** Room for the form's own parts around the file: its boundaries and the part's headers. */
const formOverheadBytes = 16 * 1024;

const uploadProblems = ["empty", "tooLarge", "notJson"] as const;
type UploadProblem = (typeof uploadProblems)[number];

/**
 * The file of a form posted to the check, read no further than the cap: a
 * body declared larger is refused before any of it is read, and one sent
 * without its length as soon as the bytes read pass it.
 */
async function uploadedFile(request: Request): Promise<Uint8Array | UploadProblem> {
  const bodyLimit = uploadLimitBytes + formOverheadBytes;
  if (Number(request.headers.get("content-length")) > bodyLimit) return "tooLarge";
  let form: FormData;
  try {
    const body = await readBody(request, bodyLimit);
    form = await new Response(new Uint8Array(body), { headers: { "content-type": request.headers.get("content-type") ?? "" } }).formData();
  } catch (error) {
    if (error instanceof PayloadTooLargeError) return "tooLarge";
    // Not a form at all, or one cut short: no file came.
    return "empty";
  }
  const file = form.get(reportUploadField);
  if (!(file instanceof File) || file.size === 0) return "empty";
  if (file.size > uploadLimitBytes) return "tooLarge";
  return new Uint8Array(await file.arrayBuffer());
}

/** The query of the check's page that tells what the posted file is. */
export async function verificationQuery(request: Request): Promise<URLSearchParams> {
  ensurePublicSite();
  const file = await uploadedFile(request);
  if (typeof file === "string") return new URLSearchParams({ problem: file });
  const { sha256, json, claimedRoundId } = reportFingerprint(file);
  if (!json) return new URLSearchParams({ problem: "notJson" });
  return new URLSearchParams({ sha256, ...(claimedRoundId && recordId.safeParse(claimedRoundId).success ? { claims: claimedRoundId } : {}) });
}

// A hand-edited address shows the empty form rather than an error.
const verificationAddress = z.object({
  problem: z.enum(uploadProblems).optional().catch(undefined),
  sha256: z.string().regex(/^[0-9a-f]{64}$/).optional().catch(undefined),
  claims: recordId.optional().catch(undefined),
});

/**
 * What the check's page shows for its address: nothing yet, why the file
 * could not be checked, or whether it is exactly a frozen report and how the
 * chain goes on from it.
 */
export async function publicVerification(query: Record<string, string | string[] | undefined>) {
  ensurePublicSite();
  const { problem, sha256, claims } = verificationAddress.parse(query);
  if (problem) return { status: "problem", problem } as const;
  if (!sha256) return { status: "idle" } as const;
  const result = await verifyReport({ sha256, claimedRoundId: claims ?? null });
  const { match } = result;
  return {
    status: "checked",
    ...result,
    // The rounds closed after the matching one, whose chain digests vouch for it.
    later: match ? result.chain.links.filter((link) => link.position > match.position) : [],
  } as const;
}
