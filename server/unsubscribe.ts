import "server-only";
import { createHmac } from "node:crypto";
import type { NotificationKind } from "./db/generated/enums";
import { publicOrigin } from "./env";

// The one-click unsubscribe link of an email: a token that names a person and
// the kinds of notification the email was sent for, signed with a key derived
// from NEXTAUTH_SECRET, so that the link works without signing in and no one
// can make one for another person or kind.

function signingKey(): Buffer {
  const secret = process.env.NEXTAUTH_SECRET;
  if (!secret) throw new Error("NEXTAUTH_SECRET is not set: it signs the unsubscribe links of emails (npm start generates one).");
  // A key of its own, so that this signature can never pass for one of the secret's other uses.
  return createHmac("sha256", secret).update("tracker.unsubscribe.v1").digest();
}

const signatureOf = (payload: string) => createHmac("sha256", signingKey()).update(payload).digest("base64url");

/** The token of (person, kinds): the pair in base64url, a dot, and its HMAC-SHA256 in base64url. */
function unsubscribeToken(userId: string, kinds: readonly NotificationKind[]): string {
  const payload = Buffer.from(`${userId}:${[...kinds].sort().join(",")}`, "utf8").toString("base64url");
  return `${payload}.${signatureOf(payload)}`;
}

/** The absolute unsubscribe link of (person, kinds), for an email's footer and its List-Unsubscribe header. */
export function unsubscribeUrl(userId: string, kinds: readonly NotificationKind[]): string {
  return `${publicOrigin()}/unsubscribe?token=${unsubscribeToken(userId, kinds)}`;
}
