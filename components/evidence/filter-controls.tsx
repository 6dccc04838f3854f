// Controls of a GET filter form: each keeps the value from the URL, so that
// filters work without JavaScript and a filtered page can be linked to.
import { escapeHtml } from "@/server/html";

interface Option {
  value: string;
  label: string;
}

const control = "mt-1 block rounded border border-slate-400 bg-white px-2 py-1";

/** The options as HTML, the one of `value` selected. */
function optionsHtml(options: Option[], value: string): string {
  return options.map((option) => `<option value="${escapeHtml(option.value)}"${option.value === value ? " selected" : ""}>${escapeHtml(option.label)}</option>`).join("");
}

/**
 * A select whose first, blank choice says "any" (or asks to choose); `groups` set out the options under headings (optgroups).
 * The options are one string of HTML rather than React elements: a commitment filter lists every commitment (2,000 on the
 * benchmark's plan), and as elements each option was a row of the page's RSC payload and a node React hydrated on every
 * load, on a phone's slow main thread (docs/benchmarks.md, fifteenth measurement).
 */
export function FilterSelect(props: { name: string; label: string; anyLabel: string; value?: string; options?: Option[]; groups?: { label: string; options: Option[] }[] }) {
  const id = `filter-${props.name}`;
  const value = props.value ?? "";
  const html =
    optionsHtml([{ value: "", label: props.anyLabel }, ...(props.options ?? [])], value) +
    (props.groups ?? []).map((group) => `<optgroup label="${escapeHtml(group.label)}">${optionsHtml(group.options, value)}</optgroup>`).join("");
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium">
        {props.label}
      </label>
      {/* The browser selects the option marked `selected`; React's `defaultValue` would look for option elements of its own. */}
      <select id={id} name={props.name} className={`${control} max-w-xs`} dangerouslySetInnerHTML={{ __html: html }} />
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
