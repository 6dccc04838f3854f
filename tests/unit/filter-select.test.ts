import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { FilterSelect } from "@/components/evidence/filter-controls";

// FilterSelect writes its options as HTML itself, so what React would have escaped and selected is checked here.
const rendered = (props: Parameters<typeof FilterSelect>[0]) => renderToStaticMarkup(createElement(FilterSelect, props));

describe("a filter's select", () => {
  it("offers \"any\" first, then the options and the groups, with the URL's value selected", () => {
    const html = rendered({
      name: "commitment",
      label: "Commitment",
      anyLabel: "Any",
      value: "c2",
      groups: [{ label: "Pillar 1", options: [{ value: "c1", label: "First" }, { value: "c2", label: "Second" }] }],
    });
    expect(html).toContain('<select id="filter-commitment" name="commitment"');
    expect(html).toContain('<option value="">Any</option><optgroup label="Pillar 1"><option value="c1">First</option><option value="c2" selected>Second</option></optgroup></select>');
  });

  it("selects \"any\" without a value", () => {
    expect(rendered({ name: "kind", label: "Kind", anyLabel: "Any", options: [{ value: "report", label: "Report" }] })).toContain('<option value="" selected>Any</option><option value="report">Report</option>');
  });

  it("escapes the values, labels and group headings it writes", () => {
    const html = rendered({ name: "actor", label: "Actor", anyLabel: "<Any>", value: 'a"b', groups: [{ label: "R&D <x>", options: [{ value: 'a"b', label: "<script>alert(1)</script>" }] }] });
    expect(html).toContain('<option value="">&lt;Any&gt;</option><optgroup label="R&amp;D &lt;x&gt;"><option value="a&quot;b" selected>&lt;script&gt;alert(1)&lt;/script&gt;</option></optgroup>');
    expect(html).not.toContain("<script>");
  });
});
