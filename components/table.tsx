import type { ReactNode } from "react";

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
