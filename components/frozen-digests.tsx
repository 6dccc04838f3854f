import { getTranslations } from "next-intl/server";
import { Section } from "@/components/section";

/** The digests of a closed round's frozen report, which anyone can check a copy against. */
export async function FrozenDigests({ frozen }: { frozen: { sha256: string; chainDigest: string; position: number } }) {
  const t = await getTranslations();
  return (
    <Section id="frozen-heading" title={t("report.frozenHeading")} className="mt-6">
      <p className="mt-1 text-sm">{t("report.frozenIntro")}</p>
      <dl className="mt-2 text-sm" data-testid="frozen-digests">
        <dt className="font-medium">{t("report.sha256Label")}</dt>
        <dd className="break-all font-mono text-xs">{frozen.sha256}</dd>
        <dt className="mt-1 font-medium">{t("report.chainDigestLabel", { position: frozen.position })}</dt>
        <dd className="break-all font-mono text-xs">{frozen.chainDigest}</dd>
      </dl>
    </Section>
  );
}
