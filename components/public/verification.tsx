import { getTranslations } from "next-intl/server";
import { publicHref, publicLocale } from "@/components/public/addresses";
import { Section } from "@/components/section";
import { Table, TableHead } from "@/components/table";
import { reportUploadMegabytes } from "@/domain/limits";
import type { publicVerification } from "@/server/report-verification";

type Verification = Exclude<Awaited<ReturnType<typeof publicVerification>>, { status: "idle" }>;
type Checked = Extract<Verification, { status: "checked" }>;

const digestClass = "break-all font-mono text-xs";

/** The answer of the check of a round report's copy: why the file could not be checked, or what it is and how the chain goes on from it. */
export async function VerificationResult({ verification }: { verification: Verification }) {
  const t = await getTranslations("public.verify");
  return (
    <Section id="result-heading" title={t("resultHeading")} className="mt-6 rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
      {verification.status === "problem" ? (
        <p role="alert" data-testid="verify-outcome" className="mt-2 rounded border border-amber-400 bg-amber-50 px-3 py-2 text-sm text-amber-950">
          {t(verification.problem, { megabytes: reportUploadMegabytes })}
        </p>
      ) : (
        <CheckedFile verification={verification} />
      )}
    </Section>
  );
}

async function CheckedFile({ verification: { sha256, match, claimed, chain, later } }: { verification: Checked }) {
  const [t, locale] = await Promise.all([getTranslations("public.verify"), publicLocale()]);
  const roundHref = (roundId: string) => publicHref(locale, `/rounds/${roundId}`);
  return (
    <>
      <dl className="mt-2 text-sm">
        <dt className="font-medium">{t("fileDigest")}</dt>
        <dd className={digestClass}>{sha256}</dd>
      </dl>
      {match ? (
        <div data-testid="verify-outcome" className="mt-3 rounded border border-green-700 bg-green-50 px-3 py-2 text-sm text-green-950">
          <p className="font-medium">{t("matched", { title: match.title, position: match.position })}</p>
          <p className="mt-1">
            <a href={roundHref(match.roundId)} className="underline underline-offset-2">
              {t("openReport", { title: match.title })}
            </a>
          </p>
        </div>
      ) : (
        <div data-testid="verify-outcome" className="mt-3 rounded border border-amber-400 bg-amber-50 px-3 py-2 text-sm text-amber-950">
          <p className="font-medium">{t("unmatched")}</p>
          {claimed && (
            <>
              <p className="mt-1">{t("claimed", { title: claimed.title })}</p>
              <dl className="mt-1">
                <dt className="font-medium">{t("claimedDigest", { title: claimed.title })}</dt>
                <dd className={digestClass}>{claimed.sha256}</dd>
              </dl>
            </>
          )}
        </div>
      )}

      <h3 className="mt-6 text-lg font-semibold">{t("chainHeading")}</h3>
      <p className="mt-1 max-w-3xl text-sm text-slate-700">{t("chainIntro")}</p>
      {match && (
        <>
          <dl className="mt-3 text-sm">
            <dt className="font-medium">{t("chainDigest")}</dt>
            <dd className={digestClass} data-testid="matched-chain-digest">
              {match.chainDigest}
            </dd>
          </dl>
          <p className="mt-3 text-sm">{t("laterIntro", { count: later.length })}</p>
          {later.length > 0 && (
            <Table className="mt-2 w-full text-left text-sm" testId="later-rounds" caption={t("laterCaption")}>
              <TableHead columns={[t("positionColumn"), t("roundColumn"), t("chainDigestColumn"), t("followsColumn")]} />
              <tbody>
                {later.map((link) => (
                  <tr key={link.roundId} className="border-b border-slate-100 align-top">
                    <td className="py-1 pr-2 tabular-nums">{link.position}</td>
                    <th scope="row" className="py-1 pr-2 font-normal">
                      <a href={roundHref(link.roundId)} className="text-brand-700 underline underline-offset-2">
                        {link.title}
                      </a>
                    </th>
                    <td className={`py-1 pr-2 ${digestClass}`}>{link.chainDigest}</td>
                    <td className="py-1">{link.follows ? t("follows") : t("doesNotFollow")}</td>
                  </tr>
                ))}
              </tbody>
            </Table>
          )}
        </>
      )}
      <p className="mt-3 text-sm">{t("chainState", { count: chain.length })}</p>
      {chain.length > 0 && (
        <>
          <p className={`mt-1 ${digestClass}`} data-testid="chain-head">
            {chain.head}
          </p>
          <p className="mt-2 text-sm font-medium">{chain.brokenAt === null ? t("intact") : t("broken", { position: chain.brokenAt })}</p>
        </>
      )}
    </>
  );
}
