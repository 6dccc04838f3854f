"use client";

import { useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";
import { signInWithPassword } from "./auth-client";

export function SignInForm({ callbackPath }: { callbackPath: string }) {
  const t = useTranslations("signIn");
  const [pending, setPending] = useState(false);
  const [problem, setProblem] = useState<"rejected" | "unavailable" | null>(null);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    setProblem(null);
    const outcome = await signInWithPassword(String(form.get("email") ?? ""), String(form.get("password") ?? ""));
    if (outcome === "ok") {
      window.location.assign(callbackPath);
      return;
    }
    setPending(false);
    setProblem(outcome);
  }

  return (
    // method="post": a submit before hydration must never put the password in a URL.
    <form method="post" onSubmit={onSubmit} className="mt-6 space-y-4" noValidate>
      {problem && (
        <p role="alert" id="sign-in-problem" className="rounded border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-800">
          {problem === "rejected" ? t("failed") : t("unavailable")}
        </p>
      )}
      <div>
        <label htmlFor="email" className="block text-sm font-medium">
          {t("email")}
        </label>
        <input
          id="email"
          name="email"
          type="email"
          autoComplete="username"
          required
          aria-describedby={problem ? "sign-in-problem" : undefined}
          className="mt-1 block w-full rounded border border-slate-400 px-3 py-2"
        />
      </div>
      <div>
        <label htmlFor="password" className="block text-sm font-medium">
          {t("password")}
        </label>
        <input
          id="password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
          className="mt-1 block w-full rounded border border-slate-400 px-3 py-2"
        />
      </div>
      <button
        type="submit"
        disabled={pending}
        className="w-full rounded bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-800 disabled:opacity-70"
      >
        {pending ? t("submitting") : t("submit")}
      </button>
    </form>
  );
}
