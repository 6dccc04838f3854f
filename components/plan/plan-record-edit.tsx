import { Link } from "@/components/link";
import { getTranslations } from "next-intl/server";
import { ClientMessages } from "@/components/client-messages";
import { ArchiveForm } from "@/components/plan/archive-form";
import { ArchivedBadge } from "@/components/plan/archived-badge";
import type { FormAction } from "@/components/form-state";

// The parts the edit pages of a commitment and of a milestone share around
// their forms.

/** The way to the record's own page, and the page's title, marked when the record is archived. */
export function EditHeading({ href, viewLabel, title, archived }: { href: string; viewLabel: string; title: string; archived: boolean }) {
  return (
    <>
      <p className="text-sm">
        <Link href={href} className="text-brand-700 underline-offset-2 hover:underline">
          {viewLabel}
        </Link>
      </p>
      <h1 className="mt-1 text-2xl font-semibold">
        {title}
        {archived && <ArchivedBadge />}
      </h1>
    </>
  );
}

/** Archiving the record, or restoring it when it is archived. `action` is bound to do the one the record needs. */
export async function ArchiveSection({ kind, action, version, archived }: { kind: "commitment" | "milestone"; action: FormAction; version: number; archived: boolean }) {
  const t = await getTranslations("planAdmin");
  const help = { commitment: [t("archiveCommitmentHelp"), t("restoreCommitmentHelp")], milestone: [t("archiveMilestoneHelp"), t("restoreMilestoneHelp")] }[kind];
  return (
    <section aria-labelledby="archive-heading" className="mt-10 max-w-3xl rounded border border-slate-300 bg-white p-4">
      <h2 id="archive-heading" className="text-lg font-semibold">
        {archived ? t("restoreHeading") : t("archiveHeading")}
      </h2>
      <p className="mt-1 mb-3 text-sm">{archived ? help[1] : help[0]}</p>
      <ClientMessages of={["components/plan/archive-form"]}>
        <ArchiveForm action={action} version={version} archived={archived} kind={kind} />
      </ClientMessages>
    </section>
  );
}
