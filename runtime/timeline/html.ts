// The timeline as one self-contained HTML page: an inline SVG drawn here (one row per lane, a
// time scale on top) and a few lines of script for the hover box. Nothing is loaded from the
// network, so the page opens from disk anywhere.

import { eachLane, type Lane, type Span, type SpanKind } from "./lanes.js";
import type { TimelineRecord } from "./recorder.js";

const LABEL_WIDTH = 190;
const PLOT_WIDTH = 1000;
const LANE_HEIGHT = 34;
const AXIS_HEIGHT = 34;
const BAR = 18;

const COLOURS: Record<SpanKind, string> = {
  iteration: "#4c78a8",
  stall: "#d62728",
  callback: "#9467bd",
  timer: "#8c6bb1",
  step: "#2ca02c",
  await: "#cfe3f7",
  blocking: "#d62728",
};

const LEGEND: [SpanKind, string][] = [
  ["step", "task step (the loop runs the coroutine)"],
  ["await", "suspended: awaiting"],
  ["blocking", "blocking call: the loop stalls"],
  ["iteration", "loop iteration"],
  ["callback", "callback"],
];

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(3)} s`;
}

function escape(text: string): string {
  return text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;").replaceAll('"', "&quot;");
}

/** A tick step of 1, 2 or 5 times a power of ten giving about eight ticks. */
function tickStep(total: number): number {
  const raw = total / 8;
  const power = 10 ** Math.floor(Math.log10(raw));
  for (const m of [1, 2, 5, 10]) if (m * power >= raw) return m * power;
  return 10 * power;
}

function tickLabel(ms: number, step: number): string {
  if (step >= 100) return `${(ms / 1000).toFixed(step >= 1000 ? 0 : 1)} s`;
  return `${ms.toFixed(step >= 1 ? 0 : 1)} ms`;
}

function laneRow(lane: Lane, index: number, x: (t: number) => number): string {
  const top = AXIS_HEIGHT + index * LANE_HEIGHT;
  const mid = top + LANE_HEIGHT / 2;
  const parts: string[] = [];
  parts.push(`<g class="lane" data-lane="${escape(lane.id)}">`);
  parts.push(`<rect x="0" y="${top}" width="${LABEL_WIDTH + PLOT_WIDTH + 20}" height="${LANE_HEIGHT}" fill="${index % 2 ? "#fafafa" : "#ffffff"}"/>`);
  parts.push(`<text class="lane-title" x="8" y="${mid - 2}" font-weight="bold">${escape(lane.title)}</text>`);
  parts.push(`<text x="8" y="${mid + 11}" font-size="10" fill="#666">${escape(lane.subtitle)}</text>`);
  if (lane.alive !== null) {
    parts.push(`<line x1="${x(lane.alive[0])}" x2="${x(lane.alive[1])}" y1="${mid}" y2="${mid}" stroke="#999" stroke-width="1"/>`);
  }
  // Thousands of sub-pixel spans draw as one: keep the first at each half pixel of each kind.
  const drawn = new Map<SpanKind, number>();
  for (const span of lane.spans) {
    const at = Math.round(x(span.start) * 2);
    if (x(span.end) - x(span.start) < 1 && drawn.get(span.kind) === at) continue;
    drawn.set(span.kind, at);
    parts.push(spanRect(span, mid, x));
  }
  for (const mark of lane.marks) {
    const colour = mark.kind === "exception" ? "#d62728" : mark.kind === "cancelled" || mark.kind === "cancel-requested" ? "#ff7f0e" : "#333";
    const glyph = mark.kind === "created" ? "▸" : mark.kind === "done" ? "✓" : mark.kind === "exception" ? "✗" : mark.kind === "cancelled" ? "⊘" : "!";
    const tip = escape(mark.detail);
    parts.push(`<text class="mark" data-tip="${tip}" x="${x(mark.at)}" y="${top + 9}" font-size="10" text-anchor="middle" fill="${colour}">${glyph}<title>${tip}</title></text>`);
  }
  parts.push("</g>");
  return parts.join("");
}

function spanRect(span: Span, mid: number, x: (t: number) => number): string {
  const left = x(span.start);
  const width = Math.max(1, x(span.end) - left);
  const height = span.kind === "await" ? BAR - 6 : span.kind === "blocking" ? BAR - 8 : BAR;
  const y = mid - height / 2;
  const tip = escape(span.detail.filter((line) => line !== "").join("\n"));
  const stroke = span.kind === "await" ? ` stroke="#6baed6" stroke-dasharray="3 2"` : "";
  let out = `<rect class="span ${span.kind}" data-tip="${tip}" x="${left.toFixed(2)}" y="${y}" width="${width.toFixed(2)}" height="${height}" fill="${COLOURS[span.kind]}"${stroke}><title>${tip}</title></rect>`;
  // Text only where it fits (about 6 px a character).
  if (span.kind !== "iteration" && span.kind !== "step" && width > span.label.length * 6 + 6) {
    const colour = span.kind === "await" ? "#08306b" : "#fff";
    out += `<text x="${(left + 4).toFixed(2)}" y="${mid + 4}" font-size="10" fill="${colour}" pointer-events="none">${escape(span.label)}</text>`;
  }
  return out;
}

const SCRIPT = `
const tip = document.getElementById("tip");
document.querySelectorAll("[data-tip]").forEach((el) => {
  el.addEventListener("mousemove", (e) => {
    tip.textContent = el.getAttribute("data-tip");
    tip.style.display = "block";
    tip.style.left = e.pageX + 14 + "px";
    tip.style.top = e.pageY + 14 + "px";
  });
  el.addEventListener("mouseleave", () => { tip.style.display = "none"; });
});`;

/** Task lanes a page draws at most (the Chrome trace has them all). */
const MAX_TASK_LANES = 100;

export function timelineHtml(record: TimelineRecord): string {
  // The lanes are made one at a time: the ones past those drawn never are.
  const lanes: Lane[] = [];
  for (const lane of eachLane(record)) {
    lanes.push(lane);
    if (lanes.length >= 2 + MAX_TASK_LANES) break;
  }
  const hidden = 2 + record.tasks.length - lanes.length;
  const total = Math.max(record.end, 1);
  const x = (t: number): number => LABEL_WIDTH + (Math.min(Math.max(t, 0), total) / total) * PLOT_WIDTH;
  const height = AXIS_HEIGHT + lanes.length * LANE_HEIGHT + 8;
  const width = LABEL_WIDTH + PLOT_WIDTH + 20;
  const axis: string[] = [];
  const step = tickStep(total);
  for (let t = 0; t <= total + 1e-9; t += step) {
    axis.push(`<line x1="${x(t)}" x2="${x(t)}" y1="${AXIS_HEIGHT - 6}" y2="${height - 8}" stroke="#ddd"/>`);
    axis.push(`<text x="${x(t)}" y="${AXIS_HEIGHT - 10}" font-size="10" text-anchor="middle" fill="#444">${tickLabel(t, step)}</text>`);
  }
  const rows = lanes.map((lane, i) => laneRow(lane, i, x)).join("\n");
  // Axis lines under the rows' backgrounds would vanish: draw the rows, then the grid over them.
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" id="timeline" width="${width}" height="${height}" font-family="sans-serif" font-size="12">
${rows}
<g class="axis" pointer-events="none">${axis.join("")}</g>
</svg>`;
  const legend = LEGEND.map(([kind, text]) => `<span><i style="background:${COLOURS[kind]}"></i>${escape(text)}</span>`).join("");
  const taskCount = record.tasks.length;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>pyts timeline: ${escape(record.file)}</title>
<style>
body { font-family: sans-serif; margin: 16px; color: #222; }
h1 { font-size: 16px; margin: 0 0 4px; }
p.summary { margin: 0 0 8px; color: #555; font-size: 13px; }
.legend { font-size: 12px; margin-bottom: 8px; }
.legend span { margin-right: 14px; }
.legend i { display: inline-block; width: 12px; height: 10px; margin-right: 4px; vertical-align: middle; }
#tip { position: absolute; display: none; white-space: pre; background: #fffbe6; border: 1px solid #aaa; padding: 4px 6px; font: 12px monospace; pointer-events: none; }
</style>
</head>
<body>
<h1>pyts timeline: ${escape(record.file)}</h1>
<p class="summary">${escape(`${taskCount} task${taskCount === 1 ? "" : "s"} over ${seconds(record.end)} of the loop's clock${hidden > 0 ? ` (the first ${MAX_TASK_LANES} drawn; a .json trace holds all)` : ""}. Hover a bar for its source line.`)}</p>
<div class="legend">${legend}</div>
${svg}
<div id="tip"></div>
<script>${SCRIPT}</script>
</body>
</html>
`;
}
