import { NotFoundError } from "@/server/errors";
import { apiRoute } from "@/server/http";

// An address under /api/v1 that no route has is answered like every API
// error, in JSON; Next.js would answer its HTML not-found page.
const noSuchRoute = apiRoute(async () => {
  throw new NotFoundError();
});

export { noSuchRoute as GET, noSuchRoute as POST, noSuchRoute as PUT, noSuchRoute as PATCH, noSuchRoute as DELETE };
