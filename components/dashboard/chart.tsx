// Shared by the dashboard's small line charts, which draw a point for every
// round or observation of every pillar or indicator: the page carries each
// point twice (in its HTML and in its RSC payload), so points are kept short.

/** A coordinate to a tenth of a unit: finer than a pixel at the charts' size. */
export const tenth = (value: number) => Math.round(value * 10) / 10;

/**
 * The size of a chart and of the plot inside it. The margins hold the words of
 * the axes (scale words, values, days) at a size that reads at a glance once
 * the chart spans its column, as each does.
 */
export function chartFrame(margin: { left: number; right: number }) {
  const width = 440;
  const height = 230;
  return { width, height, left: margin.left, right: width - margin.right, top: 26, bottom: height - 44, labelSize: 11 };
}

/** The marker attributes that draw marker `id` at every point of a line, instead of an element per point. */
export const markEveryPoint = (id: string) => ({ markerStart: `url(#${id})`, markerMid: `url(#${id})`, markerEnd: `url(#${id})` });

/** The markers lines refer to by id: rendered once in a section, before its charts. */
export function ChartMarkers({ markers }: { markers: { id: string; shape: "dot" | "square"; className: string }[] }) {
  return (
    <svg width="0" height="0" className="absolute" aria-hidden="true" focusable="false">
      {markers.map(({ id, shape, className }) => (
        <marker key={id} id={id} viewBox="0 0 6 6" refX="3" refY="3" markerWidth="6" markerHeight="6" markerUnits="userSpaceOnUse">
          {shape === "dot" ? <circle cx="3" cy="3" r="3" className={className} /> : <rect width="6" height="6" className={className} />}
        </marker>
      ))}
    </svg>
  );
}
