import { getTranslations } from "next-intl/server";
import { CopyButton } from "@/components/copy-button";
import { publicLocale } from "@/components/public/addresses";
import { publicOrigin } from "@/server/env";
import { escapeHtml } from "@/server/html";

/**
 * The code another site pastes to show a public page's embeddable card
 * (`path`, under /embed) in a frame: an iframe at the tracker's public origin,
 * in the page's language, with the title a screen reader names the frame by.
 * The code is text in a read-only field, so that it can be selected and copied
 * without scripts; the button copies it where they run.
 */
export async function EmbedSnippet({ path, frameTitle, height }: { path: string; frameTitle: string; height: number }) {
  const [t, locale] = await Promise.all([getTranslations("public.embed"), publicLocale()]);
  const source = `${publicOrigin()}${path}?lang=${locale}`;
  const code = `<iframe src="${escapeHtml(source)}" title="${escapeHtml(frameTitle)}" width="400" height="${height}" style="border:0" loading="lazy"></iframe>`;
  return (
    <section aria-labelledby="embed-heading" className="mt-10 max-w-3xl">
      <h2 id="embed-heading" className="text-xl font-semibold">
        {t("heading")}
      </h2>
      <p className="mt-1 text-sm text-slate-700">{t("intro")}</p>
      <label htmlFor="embed-code" className="mt-3 block text-sm font-medium">
        {t("codeLabel")}
      </label>
      <textarea id="embed-code" readOnly rows={4} defaultValue={code} data-testid="embed-code" className="mt-1 block w-full rounded border border-slate-400 bg-white p-2 font-mono text-xs" />
      <CopyButton target="embed-code" label={t("copy")} copied={t("copied")} failed={t("copyFailed")} />
    </section>
  );
}
