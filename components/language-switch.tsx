import { getLocale, getTranslations } from "next-intl/server";
import { switchLocale } from "@/app/actions/locale";
import { locales } from "@/i18n/locales";

export async function LanguageSwitch() {
  const t = await getTranslations();
  const current = await getLocale();
  return (
    <form action={switchLocale} className="flex items-center gap-2 text-sm">
      <label htmlFor="locale-select">{t("shell.languageLabel")}</label>
      <select
        id="locale-select"
        name="locale"
        defaultValue={current}
        className="rounded border border-slate-400 bg-white px-2 py-1 text-slate-900"
      >
        {locales.map((locale) => (
          <option key={locale} value={locale} lang={locale}>
            {t(`languages.${locale}`)}
          </option>
        ))}
      </select>
      <button type="submit" className="rounded border border-current px-2 py-1">
        {t("shell.languageSubmit")}
      </button>
    </form>
  );
}
