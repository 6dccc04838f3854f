import { getFormatter, getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { createApiTokenAction, revokeApiTokenAction } from "@/app/actions/api-tokens";
import { updateNotificationPreferencesAction } from "@/app/actions/notifications";
import {
  changePasswordAction,
  confirmSecondFactorAction,
  endMySessionAction,
  removeSecondFactorAction,
  signOutEverywhereAction,
  startSecondFactorAction,
} from "@/app/actions/profile";
import { ClientMessages } from "@/components/client-messages";
import { NotificationPreferencesForm } from "@/components/notifications/preferences-form";
import { CreateApiTokenForm } from "@/components/profile/api-token-forms";
import { ApiTokenTable } from "@/components/profile/api-token-table";
import { EndSessionForm } from "@/components/profile/end-session-form";
import { PasswordForm } from "@/components/profile/password-form";
import { ConfirmSecondFactorForm, RemoveSecondFactorForm, StartSecondFactorForm } from "@/components/profile/second-factor-forms";
import { SignOutEverywhereForm } from "@/components/profile/sign-out-everywhere-form";
import { Table, TableHead } from "@/components/table";
import { apiTokenExpiryRange, listMyApiTokens } from "@/server/api-tokens";
import { getNotificationPreferences } from "@/server/notification-preferences";
import { listMySessions, type Device } from "@/server/auth/sessions";
import { accountForPage, getProfile } from "@/server/profile";
import { currentSessionId } from "@/server/session";

export async function generateMetadata() {
  const t = await getTranslations("profile");
  return { title: t("title") };
}

function Section({ id, title, intro, children }: { id: string; title: string; intro?: string; children: ReactNode }) {
  return (
    <section aria-labelledby={id} className="mt-10 max-w-3xl">
      <h2 id={id} className="text-xl font-semibold">
        {title}
      </h2>
      {intro && <p className="mt-2">{intro}</p>}
      {children}
    </section>
  );
}

export default async function ProfilePage() {
  const { actor, mustEnrolSecondFactor } = await accountForPage();
  const now = new Date();
  // Tokens are for a full session: an account that owes its second factor reaches nothing else.
  const [profile, sessions, tokens, preferences, t, format] = await Promise.all([
    getProfile(actor),
    currentSessionId().then((id) => listMySessions(actor, id)),
    mustEnrolSecondFactor ? [] : listMyApiTokens(actor, now),
    mustEnrolSecondFactor ? [] : getNotificationPreferences(actor),
    getTranslations(),
    getFormatter(),
  ]);
  const secret = profile.pending?.secret.match(/.{1,4}/g)?.join(" ");
  const moment = (value: Date) => format.dateTime(value, { dateStyle: "medium", timeStyle: "short" });
  const deviceName = ({ browser, system }: Device) => {
    const named = browser ?? t("profile.sessions.unknownBrowser");
    return system ? t("profile.sessions.device", { browser: named, system }) : named;
  };
  return (
    <ClientMessages
      of={[
        "components/profile/end-session-form",
        "components/profile/password-form",
        "components/profile/second-factor-forms",
        "components/profile/sign-out-everywhere-form",
        "components/profile/api-token-forms",
        "components/notifications/preferences-form",
      ]}
    >
      <h1 className="text-2xl font-semibold">{t("profile.title")}</h1>
      {mustEnrolSecondFactor && (
        <p className="mt-4 max-w-3xl rounded border border-amber-400 bg-amber-50 px-4 py-3 text-amber-950">{t("profile.enrolmentRequired")}</p>
      )}
      <dl className="mt-6 grid max-w-3xl grid-cols-[max-content_1fr] gap-x-6 gap-y-2">
        <dt className="font-medium">{t("profile.name")}</dt>
        <dd>{actor.name}</dd>
        <dt className="font-medium">{t("profile.email")}</dt>
        <dd>{actor.email}</dd>
        <dt className="font-medium">{t("shell.rolesLabel")}</dt>
        <dd>{actor.roles.map((role) => t(`roles.${role}`)).join(", ")}</dd>
        <dt className="font-medium">{t("profile.agency")}</dt>
        <dd>{profile.agency ? t("profile.agencyName", { code: profile.agency.code, name: profile.agency.name }) : t("profile.noAgency")}</dd>
      </dl>

      <Section id="second-factor" title={t("profile.secondFactor.title")}>
        {profile.secondFactorEnrolled ? (
          <>
            <p className="mt-2">{t("profile.secondFactor.on", { count: profile.recoveryCodesLeft })}</p>
            <RemoveSecondFactorForm action={removeSecondFactorAction} />
          </>
        ) : profile.pending ? (
          <>
            <p className="mt-2">{t("profile.secondFactor.scan")}</p>
            {/* eslint-disable-next-line @next/next/no-img-element -- a data: URL made on this request: next/image has nothing to optimise or cache */}
            <img
              src={`data:image/svg+xml;base64,${Buffer.from(profile.pending.qrSvg).toString("base64")}`}
              alt={t("profile.secondFactor.qrAlt")}
              width={200}
              height={200}
              className="mt-4 border border-slate-300 bg-white"
            />
            <p className="mt-4">{t("profile.secondFactor.typeInstead")}</p>
            <p className="mt-1">
              <code data-testid="totp-secret" className="rounded bg-slate-100 px-2 py-1 font-mono text-lg tracking-wider">
                {secret}
              </code>
            </p>
            <ConfirmSecondFactorForm action={confirmSecondFactorAction} continueTo={mustEnrolSecondFactor ? "/" : "/profile"} />
          </>
        ) : (
          <>
            <p className="mt-2">{t("profile.secondFactor.off")}</p>
            <StartSecondFactorForm action={startSecondFactorAction} />
          </>
        )}
      </Section>

      {!mustEnrolSecondFactor && (
        <Section id="password" title={t("profile.password.title")} intro={t("profile.password.intro")}>
          <PasswordForm action={changePasswordAction} />
        </Section>
      )}

      <Section id="sessions" title={t("profile.sessions.title")} intro={t("profile.sessions.listIntro")}>
        <Table className="mt-4 w-full text-left text-sm" caption={t("profile.sessions.caption")}>
          <TableHead
            columns={[t("profile.sessions.deviceColumn"), t("profile.sessions.startedColumn"), t("profile.sessions.lastSeenColumn"), t("profile.sessions.actionColumn")]}
          />
          <tbody>
            {sessions.map((session) => (
              <tr key={session.id} className="border-b border-slate-100 align-top">
                <td className="py-2 pr-2">{deviceName(session.device)}</td>
                <td className="py-2 pr-2">{moment(session.startedAt)}</td>
                <td className="py-2 pr-2">{moment(session.lastSeenAt)}</td>
                <td className="py-2">
                  {session.current ? (
                    <span className="font-medium">{t("profile.sessions.thisBrowser")}</span>
                  ) : (
                    <EndSessionForm action={endMySessionAction} sessionId={session.id} device={deviceName(session.device)} started={moment(session.startedAt)} />
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </Table>
        <p className="mt-6">{t("profile.sessions.intro")}</p>
        <SignOutEverywhereForm action={signOutEverywhereAction} />
      </Section>

      {!mustEnrolSecondFactor && (
        <Section id="notifications" title={t("notifications.preferences.title")} intro={t("notifications.preferences.intro", { email: actor.email })}>
          <NotificationPreferencesForm action={updateNotificationPreferencesAction} preferences={preferences} />
        </Section>
      )}

      {!mustEnrolSecondFactor && (
        <Section id="api-tokens" title={t("profile.apiTokens.title")} intro={t("profile.apiTokens.intro")}>
          <CreateApiTokenForm action={createApiTokenAction} suggestedExpiry={apiTokenExpiryRange(now).suggested} />
          {tokens.length === 0 ? (
            <p className="mt-4 text-sm">{t("profile.apiTokens.none")}</p>
          ) : (
            <ApiTokenTable tokens={tokens} caption={t("profile.apiTokens.caption")} revokeAction={revokeApiTokenAction} />
          )}
        </Section>
      )}
    </ClientMessages>
  );
}
