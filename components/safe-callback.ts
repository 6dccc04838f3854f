/**
 * The path to follow after sign-in, or "/" when the callback would lead off
 * the tracker or back to sign-in. The callback is resolved as a browser
 * resolves an address, with the WHATWG URL parser against the tracker's own
 * origin, so that what a browser would make of it (a tab or newline dropped,
 * a backslash taken for a slash: `/\t/evil.example`, `/\evil.example`) is
 * what is checked. Only the resolved path, query and fragment are given back,
 * percent-encoded by the parser: never another origin, never a control
 * character.
 */
export function safeCallbackPath(value: unknown, origin: string): string {
  if (typeof value !== "string" || value === "") return "/";
  let url: URL;
  try {
    url = new URL(value, origin);
  } catch {
    return "/";
  }
  if (url.origin !== new URL(origin).origin || /^\/signin(\/|$)/.test(url.pathname)) return "/";
  return `${url.pathname}${url.search}${url.hash}`;
}
