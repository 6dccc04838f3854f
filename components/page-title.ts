import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";

type RecordKind =
  | "milestone"
  | "commitment"
  | "evidence"
  | "round"
  | "report"
  | "independent"
  | "self_assessment"
  | "editMilestone"
  | "editCommitment"
  | "editPillar"
  | "user";

/**
 * A record page's metadata: its title names the record, then the kind of
 * page, so that tabs and the history of several records can be told apart;
 * the root layout's title template adds the app's name.
 */
export async function recordPageMetadata(name: string, kind: RecordKind): Promise<Metadata> {
  const t = await getTranslations("pageTitle");
  return { title: t("record", { name, kind: t(`kind.${kind}`) }) };
}
