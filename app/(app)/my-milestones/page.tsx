import { getTranslations } from "next-intl/server";
import { MilestoneList, milestoneQuery } from "@/components/milestone-list";
import { listMilestones } from "@/server/milestones";
import { orEmptyOnInvalidFilter, pageAccess } from "@/server/pages";
import { listPillars } from "@/server/pillars";

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata() {
  const t = await getTranslations("myMilestones");
  return { title: t("title") };
}

/** The milestone list (app/(app)/milestones) kept to the staff member's own. */
export default async function MyMilestonesPage({ searchParams }: Props) {
  const { actor, refused } = await pageAccess("milestones.mine");
  const t = await getTranslations();
  if (refused) {
    return (
      <>
        <h1 className="text-2xl font-semibold">{t("myMilestones.title")}</h1>
        <p className="mt-2">{t("myMilestones.forbidden")}</p>
      </>
    );
  }
  const fixed = { mine: "true" };
  const query = { ...milestoneQuery(await searchParams), ...fixed };
  const [[milestones], allMine, pillars] = await Promise.all([
    orEmptyOnInvalidFilter(listMilestones(actor, query), []),
    listMilestones(actor, fixed),
    listPillars(actor),
  ]);
  const commitments = [...new Map(allMine.map((m) => [m.commitment.id, { ...m.commitment, pillar: m.pillar }])).values()].sort((a, b) => a.title.localeCompare(b.title));
  return (
    <>
      <h1 className="text-2xl font-semibold">{t("myMilestones.title")}</h1>
      <p className="mt-2 text-slate-700">{t("myMilestones.intro")}</p>
      <MilestoneList path="/my-milestones" milestones={milestones} query={query} fixed={fixed} pillars={pillars} commitments={commitments} offerMine={false} />
    </>
  );
}
