"use client";

import { useTranslations } from "next-intl";
import { useEffect, useRef, useState, type FormEvent, type RefObject } from "react";
import { signInWithPassword, startSingleSignOn, type SignInOutcome } from "./auth-client";
import { FieldFrame } from "./form-fields";

type Problem = { outcome: Exclude<SignInOutcome, "ok" | "secondFactorRequired">; retryAfterSeconds?: number };

const problemMessages = { rejected: "failed", secondFactorRejected: "codeFailed", secondFactorUnreadable: "codeUnreadable", limited: "limited", unavailable: "unavailable" } as const;

/**
 * Email and password, then — for an account with a second factor — a code
 * from the authenticator app or a recovery code. The password stays in this
 * form's memory for the second step and is sent again with the code: no
 * session exists before both are right.
 */
export function SignInForm({ callbackPath, singleSignOn }: { callbackPath: string; singleSignOn: string | null }) {
  const t = useTranslations("signIn");
  const [pending, setPending] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [credentials, setCredentials] = useState<{ email: string; password: string } | null>(null);
  const codeInput = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (credentials) codeInput.current?.focus();
  }, [credentials]);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (name: string) => {
      const value = form.get(name);
      return typeof value === "string" ? value : "";
    };
    const email = credentials?.email ?? text("email");
    const password = credentials?.password ?? text("password");
    setPending(true);
    setProblem(null);
    const { outcome, retryAfterSeconds } = await signInWithPassword(email, password, text("code"));
    if (outcome === "ok") {
      window.location.assign(callbackPath);
      return;
    }
    setPending(false);
    if (outcome === "secondFactorRequired") setCredentials({ email, password });
    else setProblem({ outcome, retryAfterSeconds });
  }

  return (
    <>
      {/* method="post": a submit before hydration must never put the password in a URL. */}
      <form method="post" onSubmit={onSubmit} className="mt-6 space-y-4" noValidate>
        {problem && (
          <p role="alert" id="sign-in-problem" className="rounded border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-800">
            {t(problemMessages[problem.outcome], { minutes: Math.ceil((problem.retryAfterSeconds ?? 60) / 60) })}
          </p>
        )}
        {credentials ? (
          <>
            <p className="text-sm text-slate-700">{t("codeIntro", { email: credentials.email })}</p>
            <Field name="code" type="text" label={t("code")} hint={t("codeHint")} autoComplete="one-time-code" problem={!!problem} inputRef={codeInput} />
          </>
        ) : (
          <>
            <Field name="email" type="email" label={t("email")} autoComplete="username" problem={!!problem} />
            <Field name="password" type="password" label={t("password")} autoComplete="current-password" />
          </>
        )}
        <button
          type="submit"
          disabled={pending}
          className="w-full rounded bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-800 disabled:opacity-70"
        >
          {pending ? t("submitting") : credentials ? t("submitCode") : t("submit")}
        </button>
      </form>
      {singleSignOn && !credentials && <SingleSignOnButton provider={singleSignOn} callbackPath={callbackPath} />}
    </>
  );
}

/** The way in through the organisation's OpenID Connect provider, beside the password. */
function SingleSignOnButton({ provider, callbackPath }: { provider: string; callbackPath: string }) {
  const t = useTranslations("signIn");
  const [pending, setPending] = useState(false);
  const [failed, setFailed] = useState(false);

  async function onClick() {
    setPending(true);
    setFailed(false);
    if (await startSingleSignOn(callbackPath)) return;
    setPending(false);
    setFailed(true);
  }

  return (
    <div className="mt-6 border-t border-slate-200 pt-6">
      {failed && (
        <p role="alert" className="mb-4 rounded border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-800">
          {t("singleSignOnErrors.failed")}
        </p>
      )}
      <button
        type="button"
        onClick={onClick}
        disabled={pending}
        className="w-full rounded border border-brand-700 px-4 py-2 font-medium text-brand-800 hover:bg-brand-50 disabled:opacity-70"
      >
        {t("singleSignOn", { provider })}
      </button>
    </div>
  );
}

function Field(props: {
  name: string;
  type: "email" | "password" | "text";
  label: string;
  hint?: string;
  autoComplete: string;
  problem?: boolean;
  inputRef?: RefObject<HTMLInputElement | null>;
}) {
  const { name, type, label, hint, autoComplete, problem, inputRef } = props;
  const describedBy = [hint ? `${name}-hint` : null, problem ? "sign-in-problem" : null].filter(Boolean).join(" ") || undefined;
  return (
    <FieldFrame name={name} label={label} hint={hint}>
      <input
        ref={inputRef}
        id={name}
        name={name}
        type={type}
        autoComplete={autoComplete}
        required
        aria-describedby={describedBy}
        className="mt-1 block w-full rounded border border-slate-400 px-3 py-2"
      />
    </FieldFrame>
  );
}
