import { useId, type ReactNode } from "react";

/**
 * A table that scrolls sideways inside its own region when it is wider than
 * the screen, so that the page itself never does. The region is named by the
 * table's caption and takes keyboard focus, so that it can be scrolled with the
 * arrow keys. It is positioned so that text hidden for screen readers inside
 * the table (absolutely positioned) scrolls with it instead of widening the page.
 */
export function Table({
  caption,
  captionClassName = "sr-only",
  className,
  testId,
  children,
}: {
  caption: ReactNode;
  captionClassName?: string;
  className: string;
  testId?: string;
  children: ReactNode;
}) {
  const captionId = useId();
  return (
    <div role="region" aria-labelledby={captionId} tabIndex={0} className="relative max-w-full overflow-x-auto">
      <table className={className} data-testid={testId}>
        <caption id={captionId} className={captionClassName}>
          {caption}
        </caption>
        {children}
      </table>
    </div>
  );
}

/** A table's header row: one column header per label, scoped for screen readers. */
export function TableHead({ columns }: { columns: ReactNode[] }) {
  return (
    <thead>
      <tr className="border-b border-slate-300">
        {columns.map((column, index) => (
          <th key={index} scope="col" className="py-1 pr-2">
            {column}
          </th>
        ))}
      </tr>
    </thead>
  );
}
