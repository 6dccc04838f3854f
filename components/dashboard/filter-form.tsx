import { getTranslations } from "next-intl/server";

const control = "mt-1 block rounded border border-slate-400 bg-white px-3 py-2";

/** The dashboard's filters as a GET form, so a filtered view is a link anyone can share. */
export async function DashboardFilterForm(props: {
  values: Record<string, string | undefined>;
  agencies: { id: string; code: string; name: string }[];
}) {
  const t = await getTranslations();
  const { values } = props;
  return (
    <form method="get" aria-label={t("dashboard.filters")} className="mt-4 flex flex-wrap items-end gap-4 rounded border border-slate-200 bg-white p-4 text-sm">
      <div>
        <label htmlFor="asOf" className="block font-medium">
          {t("dashboard.asOf")}
        </label>
        {/* No `max`: the browser would refuse a later day without a word; the page says why it cannot be shown. */}
        <input id="asOf" name="asOf" type="date" defaultValue={values.asOf ?? ""} aria-describedby="asOf-hint" className={control} />
        <p id="asOf-hint" className="mt-1 max-w-48 text-xs text-slate-600">
          {t("dashboard.asOfHint")}
        </p>
      </div>
      <div>
        <label htmlFor="leadParty" className="block font-medium">
          {t("dashboard.leadParty")}
        </label>
        <select id="leadParty" name="leadParty" defaultValue={values.leadParty ?? ""} className={control}>
          <option value="">{t("dashboard.any")}</option>
          {(["us", "mx", "joint"] as const).map((party) => (
            <option key={party} value={party}>
              {t(`leadParty.${party}`)}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="agency" className="block font-medium">
          {t("dashboard.agency")}
        </label>
        <select id="agency" name="agency" defaultValue={values.agency ?? ""} className={`${control} max-w-64`}>
          <option value="">{t("dashboard.any")}</option>
          {props.agencies.map((agency) => (
            <option key={agency.id} value={agency.id}>
              {agency.code} · {agency.name}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="from" className="block font-medium">
          {t("dashboard.dueFrom")}
        </label>
        <input id="from" name="from" type="date" defaultValue={values.from ?? ""} className={control} />
      </div>
      <div>
        <label htmlFor="to" className="block font-medium">
          {t("dashboard.dueTo")}
        </label>
        <input id="to" name="to" type="date" defaultValue={values.to ?? ""} className={control} />
      </div>
      <button type="submit" className="rounded bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-800">
        {t("dashboard.apply")}
      </button>
      {/* A plain link, so a full load: a client navigation would keep what the fields hold, as they are uncontrolled. */}
      <a href="/overview" className="py-2 text-brand-700 underline">
        {t("dashboard.reset")}
      </a>
    </form>
  );
}
