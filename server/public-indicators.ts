import "server-only";
import { cache } from "react";
import { z } from "zod";
import { db } from "./db/client";
import { BetterDirection } from "./db/generated/enums";
import { queryRows, rawRow } from "./db/raw-rows";
import { NotFoundError } from "./errors";
import { ensurePublicSite } from "./public-record";
import { dateOnly, isoDate, recordId, todayIso } from "./validation";

// The indicators in public (/public/indicators/{id}, the pillar pages and the
// embeddable cards): each one's name, unit, baseline, target and the values
// observed up to today with the evidence that reports them. Never an
// observation's note, nor who recorded it: those are the staff's.

const publicIndicatorRow = rawRow("publicIndicator", {
  id: z.string(),
  name: z.string(),
  nameEs: z.string().nullable(),
  unit: z.string(),
  unitEs: z.string().nullable(),
  better: z.enum(BetterDirection),
  baselineValue: z.number().nullable(),
  baselineDate: z.date().nullable(),
  targetValue: z.number().nullable(),
  targetDate: z.date().nullable(),
  latestValue: z.number().nullable(),
  latestObservedOn: z.date().nullable(),
});

/** A pillar's indicators, by name, each with its baseline, target and latest value observed by `today`. */
export async function publicPillarIndicators(pillarNumber: number, today: string = todayIso()) {
  ensurePublicSite();
  // The latest observation of each indicator is picked by the database, one row an indicator, rather than every observation sent here to be sorted.
  const rows = await queryRows(publicIndicatorRow)`
    SELECT i.id, i.name, i."nameEs", i.unit, i."unitEs", i.better,
           i."baselineValue", i."baselineDate", i."targetValue", i."targetDate",
           latest.value AS "latestValue", latest."observedOn" AS "latestObservedOn"
    FROM "Indicator" i
    JOIN "Pillar" p ON p.id = i."pillarId"
    LEFT JOIN LATERAL (
      SELECT o.value, o."observedOn" FROM "Observation" o
      WHERE o."indicatorId" = i.id AND o."observedOn" <= ${dateOnly(today)}::date
      ORDER BY o."observedOn" DESC, o."createdAt" DESC
      LIMIT 1
    ) latest ON true
    WHERE p.number = ${pillarNumber}
    ORDER BY i.name, i.id`;
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    nameEs: row.nameEs,
    unit: row.unit,
    unitEs: row.unitEs,
    better: row.better,
    baselineValue: row.baselineValue,
    baselineDate: isoDate(row.baselineDate),
    targetValue: row.targetValue,
    targetDate: isoDate(row.targetDate),
    latest: row.latestValue === null || row.latestObservedOn === null ? null : { value: row.latestValue, observedOn: isoDate(row.latestObservedOn) },
  }));
}

export type PublicIndicatorSummary = Awaited<ReturnType<typeof publicPillarIndicators>>[number];

/**
 * One indicator in public: its pillar (and commitment, unless archived), its
 * baseline and target, and every value observed by `today`, oldest first,
 * each with the evidence that reports it (title, publisher, day, link and
 * retraction, as the published assessments cite evidence).
 */
// Cached per request: a page's metadata and its body read the indicator once.
export const publicIndicator = cache(async (id: string, today: string = todayIso()) => {
  ensurePublicSite();
  if (!recordId.safeParse(id).success) throw new NotFoundError();
  const indicator = await db().indicator.findUnique({
    where: { id },
    select: {
      id: true,
      name: true,
      nameEs: true,
      unit: true,
      unitEs: true,
      better: true,
      baselineValue: true,
      baselineDate: true,
      targetValue: true,
      targetDate: true,
      pillar: { select: { number: true, name: true, nameEs: true } },
      commitment: { select: { title: true, titleEs: true, archivedAt: true } },
      observations: {
        where: { observedOn: { lte: dateOnly(today) } },
        orderBy: [{ observedOn: "asc" }, { createdAt: "asc" }],
        select: {
          id: true,
          value: true,
          observedOn: true,
          evidence: { select: { title: true, language: true, publisher: true, publishedOn: true, url: true, retraction: { select: { reason: true, createdAt: true } } } },
        },
      },
    },
  });
  if (!indicator) throw new NotFoundError();
  const { commitment, observations, ...rest } = indicator;
  return {
    ...rest,
    baselineDate: isoDate(indicator.baselineDate),
    targetDate: isoDate(indicator.targetDate),
    commitment: commitment && !commitment.archivedAt ? { title: commitment.title, titleEs: commitment.titleEs } : null,
    observations: observations.map((observation) => ({
      id: observation.id,
      value: observation.value,
      observedOn: isoDate(observation.observedOn),
      source: observation.evidence && {
        ...observation.evidence,
        publishedOn: isoDate(observation.evidence.publishedOn),
        retraction: observation.evidence.retraction ? { reason: observation.evidence.retraction.reason, retractedOn: observation.evidence.retraction.createdAt } : null,
      },
    })),
  };
});

export type PublicIndicator = Awaited<ReturnType<typeof publicIndicator>>;
