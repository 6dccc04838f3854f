// Talks to next-auth's HTTP endpoints from the browser with plain fetch, so
// that no client code imports next-auth (server/session.ts is its only user).

async function csrfToken(): Promise<string> {
  const response = await fetch("/api/auth/csrf", { cache: "no-store" });
  if (!response.ok) throw new Error("csrf");
  return ((await response.json()) as { csrfToken: string }).csrfToken;
}

async function postAuthForm(path: string, fields: Record<string, string>): Promise<Response> {
  const body = new URLSearchParams({ ...fields, csrfToken: await csrfToken(), json: "true" });
  return fetch(path, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded", "X-Auth-Return-Redirect": "1" },
    body,
  });
}

export type SignInOutcome = "ok" | "rejected" | "secondFactorRequired" | "secondFactorRejected" | "secondFactorUnreadable" | "limited" | "unavailable";

export interface SignInAnswer {
  outcome: SignInOutcome;
  /** With "limited": how long until another attempt is heard. */
  retryAfterSeconds?: number;
}

// The errors server/session.ts gives when the password alone is not enough.
const secondFactorErrors: Record<string, SignInOutcome> = {
  SecondFactorRequired: "secondFactorRequired",
  SecondFactorRejected: "secondFactorRejected",
  SecondFactorUnreadable: "secondFactorUnreadable",
};

/** Signs in with email and password, and the second factor's code once the first answer asked for it. */
export async function signInWithPassword(email: string, password: string, code = ""): Promise<SignInAnswer> {
  try {
    const response = await postAuthForm("/api/auth/callback/credentials", { email, password, code, callbackUrl: "/" });
    if (response.status === 429) {
      const { retryAfterSeconds } = (await response.json()) as { retryAfterSeconds?: number };
      return { outcome: "limited", retryAfterSeconds };
    }
    if (!response.ok && response.status !== 401) return { outcome: "unavailable" };
    const { url } = (await response.json()) as { url?: string };
    if (!url) return { outcome: "unavailable" };
    const error = new URL(url, window.location.origin).searchParams.get("error");
    if (!error) return { outcome: "ok" };
    return { outcome: error === "CredentialsSignin" ? "rejected" : (secondFactorErrors[error] ?? "unavailable") };
  } catch {
    return { outcome: "unavailable" };
  }
}

/**
 * Starts a sign-in through the OpenID Connect provider: next-auth answers with
 * the provider's address, which the browser then visits. False when that
 * address could not be had.
 */
export async function startSingleSignOn(callbackPath: string): Promise<boolean> {
  try {
    const response = await postAuthForm("/api/auth/signin/oidc", { callbackUrl: callbackPath });
    const { url } = (await response.json()) as { url?: string };
    if (!response.ok || !url) return false;
    window.location.assign(url);
    return true;
  } catch {
    return false;
  }
}
