import { publicHref, publicLocale } from "@/components/public/addresses";
import { errorResponse } from "@/server/http";
import { verificationQuery } from "@/server/report-verification";

// The check's form posts here (server/report-verification.ts); the browser
// goes on to the check's page in the form's language, with the answer. Not
// an apiRoute: that takes JSON writes only, and this reads a form and writes
// nothing.
export async function POST(request: Request): Promise<Response> {
  try {
    const [query, locale] = await Promise.all([verificationQuery(request), publicLocale()]);
    return new Response(null, { status: 303, headers: { Location: `${publicHref(locale, "/verify")}?${query}` } });
  } catch (error) {
    return errorResponse(error);
  }
}
