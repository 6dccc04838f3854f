import "server-only";
// The session choke point: the only module that touches next-auth. Pages,
// server actions and route handlers ask it for the actor; nothing else
// imports next-auth.
import NextAuth, { getServerSession, type NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { cookies } from "next/headers";
import { cache } from "react";
import { UnauthenticatedError } from "./errors";
import type { Actor } from "./permissions";
import { findActiveActor, verifyCredentials } from "./users";

const TWELVE_HOURS = 12 * 60 * 60;

const authOptions: NextAuthOptions = {
  secret: process.env.NEXTAUTH_SECRET,
  session: { strategy: "jwt", maxAge: TWELVE_HOURS },
  pages: { signIn: "/signin", error: "/signin" },
  providers: [
    CredentialsProvider({
      name: "email",
      credentials: { email: { type: "email" }, password: { type: "password" } },
      async authorize(credentials) {
        const account = await verifyCredentials(credentials);
        return account ? { id: account.id, sessionVersion: account.sessionVersion } : null;
      },
    }),
  ],
  callbacks: {
    // The token carries the user id and session version only; roles, name and
    // language are read from the database on every request.
    jwt({ token, user }) {
      if (user) {
        token.sub = user.id;
        token.sessionVersion = (user as { sessionVersion?: number }).sessionVersion ?? 0;
      }
      return token;
    },
    session({ session, token }) {
      return { expires: session.expires, userId: token.sub, sessionVersion: token.sessionVersion } as typeof session;
    },
  },
};

/** next-auth's route handler, mounted at app/api/auth/[...nextauth]. */
export const authRouteHandler = NextAuth(authOptions);

/** The signed-in actor of this request, or null. */
export const getActor = cache(async (): Promise<Actor | null> => {
  const session = (await getServerSession(authOptions)) as { userId?: string; sessionVersion?: number } | null;
  if (!session?.userId) return null;
  return findActiveActor(session.userId, session.sessionVersion ?? 0);
});

/** The signed-in actor; throws UnauthenticatedError when there is none. */
export async function requireActor(): Promise<Actor> {
  const actor = await getActor();
  if (!actor) throw new UnauthenticatedError();
  return actor;
}

const sessionCookieNames = ["next-auth.session-token", "__Secure-next-auth.session-token"];

/**
 * Ends this browser's session by removing next-auth's session cookie. Done in
 * a server action so that signing out works from a plain form, before (or
 * without) any client JavaScript.
 */
export async function endSession(): Promise<void> {
  const store = await cookies();
  for (const name of sessionCookieNames) if (store.has(name)) store.delete(name);
}
