import { answerUnsubscribe } from "@/server/unsubscribe";

// An email's unsubscribe link, with no sign-in (server/unsubscribe.ts): GET
// shows what it stops, POST (the page's form, or a mail client's RFC 8058
// one-click) stops it.

export const dynamic = "force-dynamic";

export const GET = (request: Request) => answerUnsubscribe(request);
export const POST = (request: Request) => answerUnsubscribe(request);
