"use client";

import { usePathname } from "next/navigation";
import { useEffect, useRef } from "react";

// A session ends after a spell without activity. Pages are rendered where no
// cookie can be set, so the browser renews the session itself through
// next-auth's session endpoint: on every page it shows and, at most once per
// `renewEverySeconds`, when the person clicks or types. An ended session is
// not renewed (server/session.ts); the next request goes to sign-in.
export function SessionRenewal({ renewEverySeconds }: { renewEverySeconds: number }) {
  const pathname = usePathname();
  const lastRenewal = useRef(0);
  useEffect(() => {
    const renew = (force: boolean) => {
      const now = Date.now();
      if (!force && now - lastRenewal.current < renewEverySeconds * 1000) return;
      lastRenewal.current = now;
      fetch("/api/auth/session", { cache: "no-store" }).catch(() => undefined);
    };
    const onActivity = () => renew(false);
    renew(true);
    window.addEventListener("pointerdown", onActivity);
    window.addEventListener("keydown", onActivity);
    return () => {
      window.removeEventListener("pointerdown", onActivity);
      window.removeEventListener("keydown", onActivity);
    };
  }, [pathname, renewEverySeconds]);
  return null;
}
