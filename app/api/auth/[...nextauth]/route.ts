import { authRouteHandler } from "@/server/session";

export { authRouteHandler as GET, authRouteHandler as POST };
