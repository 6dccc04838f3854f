"use client";

import { usePathname } from "next/navigation";
import { useEffect, useRef } from "react";

// A session ends after a spell without activity. Pages are rendered where no
// cookie can be set, so the browser renews the session itself through
// next-auth's session endpoint: on every page it shows (once the browser is
// idle) and, at most once per `renewEverySeconds`, when the person clicks or
// types. An ended session is not renewed (server/session.ts); the next
// request goes to sign-in.
export function SessionRenewal({ renewEverySeconds }: { renewEverySeconds: number }) {
  const pathname = usePathname();
  const lastRenewal = useRef(0);
  useEffect(() => {
    const renew = (force: boolean) => {
      const now = Date.now();
      if (!force && now - lastRenewal.current < renewEverySeconds * 1000) return;
      lastRenewal.current = now;
      // Read to its end: Chromium keeps a response whose body is never read
      // open, so the page's network never went quiet (Lighthouse waits for it).
      fetch("/api/auth/session", { cache: "no-store" })
        .then((response) => response.arrayBuffer())
        .catch(() => undefined);
    };
    const onActivity = () => renew(false);
    // The renewal for showing the page waits until the browser is idle, so
    // that on a phone it does not compete with the page's own loading.
    const idle = window.requestIdleCallback?.(() => renew(true), { timeout: 3000 }) ?? window.setTimeout(() => renew(true), 1000);
    window.addEventListener("pointerdown", onActivity);
    window.addEventListener("keydown", onActivity);
    return () => {
      if (window.cancelIdleCallback) window.cancelIdleCallback(idle);
      else window.clearTimeout(idle);
      window.removeEventListener("pointerdown", onActivity);
      window.removeEventListener("keydown", onActivity);
    };
  }, [pathname, renewEverySeconds]);
  return null;
}
