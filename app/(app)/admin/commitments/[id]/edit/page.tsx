import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { setCommitmentArchivedAction, updateCommitmentAction } from "@/app/actions/plan";
import { ClientMessages } from "@/components/client-messages";
import { ArchiveForm } from "@/components/plan/archive-form";
import { ArchivedBadge } from "@/components/plan/archived-badge";
import { CommitmentForm } from "@/components/plan/commitment-form";
import { getCommitment } from "@/server/commitments";
import { isoDate } from "@/server/validation";
import { actorForPageWith, orNotFound } from "@/server/pages";
import { getPlanFormOptions } from "@/server/plan-admin";

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata() {
  const t = await getTranslations("planAdmin");
  return { title: t("commitmentEditTitle") };
}

export default async function EditCommitmentPage({ params }: Props) {
  const actor = await actorForPageWith("plan.manage");
  const { id } = await params;
  const [commitment, options, t] = await Promise.all([orNotFound(getCommitment(actor, id)), getPlanFormOptions(actor), getTranslations("planAdmin")]);
  const archived = commitment.archivedAt !== null;
  return (
    <ClientMessages of={["components/plan/archive-form", "components/plan/commitment-form"]}>
      <p className="text-sm">
        <Link href={`/commitments/${commitment.id}`} className="text-brand-700 underline-offset-2 hover:underline">
          {t("viewCommitment", { title: commitment.title })}
        </Link>
      </p>
      <h1 className="mt-1 text-2xl font-semibold">
        {t("commitmentEditTitle")}
        {archived && <ArchivedBadge />}
      </h1>
      <CommitmentForm
        action={updateCommitmentAction.bind(null, commitment.id)}
        options={options}
        commitment={{
          pillarId: commitment.pillarId,
          title: commitment.title,
          description: commitment.description,
          leadParty: commitment.leadParty,
          agencyIds: commitment.agencies.map(({ agencyId }) => agencyId),
          startDate: isoDate(commitment.startDate),
          targetDate: isoDate(commitment.targetDate),
          sourceCitation: commitment.sourceCitation,
          ownerId: commitment.ownerId,
          version: commitment.version,
        }}
      />
      <section aria-labelledby="archive-heading" className="mt-10 max-w-3xl rounded border border-slate-300 bg-white p-4">
        <h2 id="archive-heading" className="text-lg font-semibold">
          {archived ? t("restoreHeading") : t("archiveHeading")}
        </h2>
        <p className="mt-1 mb-3 text-sm">{archived ? t("restoreCommitmentHelp") : t("archiveCommitmentHelp")}</p>
        <ArchiveForm action={setCommitmentArchivedAction.bind(null, commitment.id, !archived)} version={commitment.version} archived={archived} kind="commitment" />
      </section>
    </ClientMessages>
  );
}
