import { NextResponse, type NextRequest } from "next/server";

// An optimistic check only: a request without a session cookie is sent to sign
// in before any page work. The real check is the session choke point
// (server/session.ts), which every page, action and route goes through.
const sessionCookies = ["next-auth.session-token", "__Secure-next-auth.session-token"];

export function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-tracker-path", `${pathname}${search}`);
  const hasSession = sessionCookies.some((name) => request.cookies.has(name));
  if (!hasSession && !pathname.startsWith("/api/") && pathname !== "/signin") {
    const url = request.nextUrl.clone();
    url.pathname = "/signin";
    url.search = `?callbackUrl=${encodeURIComponent(`${pathname}${search}`)}`;
    return NextResponse.redirect(url);
  }
  return NextResponse.next({ request: { headers: requestHeaders } });
}

export const config = {
  matcher: ["/((?!_next/static|_next/image|favicon.ico).*)"],
};
