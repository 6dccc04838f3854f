import { getTranslations } from "next-intl/server";
import { MilestoneList, milestoneQuery } from "@/components/milestone-list";
import { listCommitments } from "@/server/commitments";
import { listMilestones } from "@/server/milestones";
import { actorForPage, orEmptyOnInvalidFilter } from "@/server/pages";
import { can } from "@/server/permissions";
import { listPillars } from "@/server/pillars";

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata() {
  const t = await getTranslations("milestoneList");
  return { title: t("title") };
}

export default async function MilestonesPage({ searchParams }: Props) {
  const actor = await actorForPage();
  const query = milestoneQuery(await searchParams);
  const [[milestones], commitments, pillars, t] = await Promise.all([
    orEmptyOnInvalidFilter(listMilestones(actor, query), []),
    listCommitments(actor, {}),
    listPillars(actor),
    getTranslations("milestoneList"),
  ]);
  return (
    <>
      <h1 className="text-2xl font-semibold">{t("title")}</h1>
      <p className="mt-2 text-slate-700">{t("intro")}</p>
      <MilestoneList
        path="/milestones"
        milestones={milestones}
        query={query}
        pillars={pillars}
        commitments={commitments}
        offerMine={can(actor, "milestones.mine")}
      />
    </>
  );
}
