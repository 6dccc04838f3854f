// Controls of a GET filter form: each keeps the value from the URL, so that
// filters work without JavaScript and a filtered page can be linked to.

interface Option {
  value: string;
  label: string;
}

const control = "mt-1 block rounded border border-slate-400 bg-white px-2 py-1";

/** A select whose first, blank choice says "any" (or asks to choose); `groups` set out the options under headings (optgroups). */
export function FilterSelect(props: { name: string; label: string; anyLabel: string; value?: string; options?: Option[]; groups?: { label: string; options: Option[] }[] }) {
  const id = `filter-${props.name}`;
  const optionsOf = (options: Option[]) =>
    options.map((option) => (
      <option key={option.value} value={option.value}>
        {option.label}
      </option>
    ));
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium">
        {props.label}
      </label>
      <select id={id} name={props.name} defaultValue={props.value ?? ""} className={`${control} max-w-xs`}>
        <option value="">{props.anyLabel}</option>
        {props.options && optionsOf(props.options)}
        {props.groups?.map((group) => (
          <optgroup key={group.label} label={group.label}>
            {optionsOf(group.options)}
          </optgroup>
        ))}
      </select>
    </div>
  );
}

/** Commitments, listed in pillar order, as option groups headed by their pillar. */
export function commitmentGroups(
  commitments: { id: string; title: string; titleEs: string | null; pillar: { number: number; name: string; nameEs: string | null } }[],
  heading: (pillar: { number: number; name: string }) => string,
  planText: (en: string, es: string | null) => string,
): { label: string; options: Option[] }[] {
  const groups = new Map<number, { label: string; options: Option[] }>();
  for (const { id, title, titleEs, pillar } of commitments) {
    const group = groups.get(pillar.number) ?? { label: heading({ number: pillar.number, name: planText(pillar.name, pillar.nameEs) }), options: [] };
    group.options.push({ value: id, label: planText(title, titleEs) });
    groups.set(pillar.number, group);
  }
  return [...groups.values()];
}

export function FilterInput(props: { name: string; label: string; type: "date" | "search"; value?: string; hint?: string; className?: string }) {
  const id = `filter-${props.name}`;
  return (
    <div className={props.className}>
      <label htmlFor={id} className="block text-sm font-medium">
        {props.label}
      </label>
      <input
        id={id}
        name={props.name}
        type={props.type}
        defaultValue={props.value ?? ""}
        maxLength={props.type === "search" ? 200 : undefined}
        aria-describedby={props.hint ? `${id}-hint` : undefined}
        className={`${control} w-full`}
      />
      {props.hint && (
        <p id={`${id}-hint`} className="mt-1 text-xs text-slate-600">
          {props.hint}
        </p>
      )}
    </div>
  );
}
