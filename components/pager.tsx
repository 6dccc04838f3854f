import { Link } from "@/components/link";

const link = "text-brand-700 underline-offset-2 hover:underline";

/**
 * Previous and next links of a paged list whose filters live in the URL, and
 * where the page stands; nothing when everything fits on one page. A page
 * past the last offers the way back to the last.
 */
export function Pager(props: {
  page: number;
  pageCount: number;
  href: (page: number) => string;
  labels: { pages: string; previous: string; next: string; pageOf: string };
}) {
  const { page, pageCount, href, labels } = props;
  if (pageCount <= 1 && page <= 1) return null;
  return (
    <nav aria-label={labels.pages} className="mt-6 flex flex-wrap items-center gap-6 text-sm">
      {page > 1 && (
        <Link href={href(Math.min(page - 1, pageCount))} className={link}>
          {labels.previous}
        </Link>
      )}
      {page <= pageCount && <span>{labels.pageOf}</span>}
      {page < pageCount && (
        <Link href={href(page + 1)} className={link}>
          {labels.next}
        </Link>
      )}
    </nav>
  );
}
