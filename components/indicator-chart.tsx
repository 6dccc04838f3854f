import { chartFrame, markEveryPoint, tenth } from "@/components/dashboard/chart";

// An indicator's line chart, on the dashboard and in the public record (its
// page and its embeddable card). It takes its words as props, so that each
// caller gives them in the language of its page. Its points are drawn with the
// "observation" marker, which the caller renders once (ChartMarkers) before its charts.

/** What the chart draws of an indicator: days as ISO dates. */
interface ChartedIndicator {
  baselineValue: number | null;
  baselineDate: string | null;
  targetValue: number | null;
  targetDate: string | null;
  observations: { value: number; observedOn: string }[];
}

/** The words of the axes and levels, and how numbers and days are written, in the page's language. */
interface ChartWords {
  unit: string;
  baseline: string;
  target: string;
  number: (value: number) => string;
  day: (iso: string) => string;
}

// The plot sits between the value scale on the left and the baseline and
// target named at their lines' right ends; the days run along the bottom.
const { width, height, left, right, top, bottom, labelSize } = chartFrame({ left: 64, right: 76 });

/** Observations as a line, with the baseline and target as dashed levels, on labelled axes: values in the indicator's unit, days. */
export function IndicatorChart({ indicator, label, words }: { indicator: ChartedIndicator; label: string; words: ChartWords }) {
  const values = [...indicator.observations.map((o) => o.value), indicator.baselineValue, indicator.targetValue].filter((v): v is number => v !== null);
  const days = [...indicator.observations.map((o) => o.observedOn), indicator.baselineDate, indicator.targetDate].filter((d): d is string => d !== null);
  if (values.length === 0 || days.length === 0) return null;
  const [low, high] = [Math.min(...values), Math.max(...values)];
  const [first, last] = [days.reduce((a, b) => (a < b ? a : b)), days.reduce((a, b) => (a > b ? a : b))];
  const [firstTime, lastTime] = [Date.parse(first), Date.parse(last)];
  const x = (day: string) => tenth(left + 10 + (lastTime === firstTime ? (right - left - 20) / 2 : ((right - left - 20) * (Date.parse(day) - firstTime)) / (lastTime - firstTime)));
  const y = (value: number) => tenth(bottom - (high === low ? 0.5 : (value - low) / (high - low)) * (bottom - top));
  const points = indicator.observations.map((o) => `${x(o.observedOn)},${y(o.value)}`).join(" ");
  const levels = [
    { key: "baseline", value: indicator.baselineValue, word: words.baseline, className: "stroke-slate-600", textClass: "fill-slate-700", dash: "2 3" },
    { key: "target", value: indicator.targetValue, word: words.target, className: "stroke-emerald-700", textClass: "fill-emerald-800", dash: "6 3" },
  ];
  // The lowest and highest values, and a round one between them to read the others against.
  const ticks = [...new Set(high === low ? [low] : [low, Number(((low + high) / 2).toPrecision(2)), high])];
  return (
    <svg viewBox={`0 0 ${width} ${height}`} className="mt-2 h-auto w-full" role="img" aria-label={label} data-testid="indicator-chart">
      <g fontSize={labelSize}>
        <text x={left} y={top - 12} className="fill-slate-700 font-semibold">
          {words.unit}
        </text>
        {ticks.map((value) => (
          <g key={value} className="fill-slate-700">
            <line x1={left - 4} x2={left} y1={y(value)} y2={y(value)} className="stroke-slate-500" />
            <text x={left - 6} y={y(value)} dy="0.35em" textAnchor="end">
              {words.number(value)}
            </text>
          </g>
        ))}
        <line x1={left} x2={left} y1={top} y2={bottom} className="stroke-slate-500" />
        <line x1={left} x2={right} y1={bottom} y2={bottom} className="stroke-slate-500" />
        {[...new Set([first, last])].map((day) => (
          <text key={day} x={x(day)} y={bottom + 16} textAnchor="middle" className="fill-slate-700">
            {words.day(day)}
          </text>
        ))}
        {levels.map(
          (level) =>
            level.value !== null && (
              <g key={level.key}>
                <line x1={left} x2={right} y1={y(level.value)} y2={y(level.value)} className={level.className} strokeDasharray={level.dash} />
                <text x={right + 6} y={y(level.value)} dy="0.35em" className={level.textClass}>
                  {level.word}
                </text>
              </g>
            ),
        )}
      </g>
      <polyline points={points} className="fill-none stroke-brand-700" strokeWidth={2.5} {...markEveryPoint("observation")} />
    </svg>
  );
}
