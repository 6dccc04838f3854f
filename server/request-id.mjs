// The id of one web request: the audit trail records it with every change the
// request makes (server/audit.ts), and the request's log line carries it.
// scripts/serve.mjs gives it before any route runs; proxy.ts gives it when
// the app is served otherwise (`next dev`, `next start`).

const wellFormed = /^[\w.:-]{1,128}$/;

/** A well-formed id a proxy in front already gave is kept; any other gets a fresh one. */
export function requestIdOf(header) {
  return typeof header === "string" && wellFormed.test(header) ? header : globalThis.crypto.randomUUID();
}
