// The dashboard's filters travel in the address, from the dashboard to the
// pillar it drills into, so that both show the same day and the same scope.

const filterNames = ["asOf", "leadParty", "agency", "from", "to"] as const;

type Query = Record<string, string | string[] | undefined>;

/** The filters present in a page's query, by name; empty values left out. */
export function filterFromQuery(query: Query): Record<string, string> {
  const filter: Record<string, string> = {};
  for (const name of filterNames) {
    const value = query[name];
    if (typeof value === "string" && value !== "") filter[name] = value;
  }
  return filter;
}

/** `?asOf=…&leadParty=…` for the filters given, or "" when there are none. */
export function filterQueryString(filter: Record<string, string | undefined>): string {
  const params = new URLSearchParams();
  for (const name of filterNames) {
    const value = filter[name];
    if (value) params.set(name, value);
  }
  const text = params.toString();
  return text ? `?${text}` : "";
}

/** Whether the filters narrow the plan (lead party, agency or due dates), beyond choosing the day. */
export function narrowsThePlan(filter: Record<string, string | undefined>): boolean {
  return Boolean(filter.leadParty || filter.agency || filter.from || filter.to);
}
