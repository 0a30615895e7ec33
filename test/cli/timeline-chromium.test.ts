// The timeline page renders in headless Chromium (Debian's `chromium`, as the browser test
// uses): one lane per task with its label. The screenshots it takes of 04a and 04b are the
// README's images (docs/timeline-04a.png, docs/timeline-04b.png): written there only when asked
// (`PYTS_UPDATE_SCREENSHOTS=1 npx vitest run test/cli/timeline-chromium.test.ts`), otherwise to a
// temporary directory, so that running the tests leaves the tree clean.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { spawnSync } from "node:child_process";
import { afterAll, expect, test } from "vitest";
import { ROOT, runProcess, runPyts } from "../support/fixtures.js";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pyts-timeline-chromium-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Where a screenshot goes: the README's docs/ when asked, else the temporary directory. */
function screenshotPath(name: string): string {
  const target = process.env["PYTS_UPDATE_SCREENSHOTS"] === "1" ? path.join(ROOT, "docs") : dir;
  return path.join(target, `timeline-${name}.png`);
}

function chromium(): string {
  for (const name of ["chromium", "chromium-browser"]) {
    const found = spawnSync("which", [name], { encoding: "utf8" });
    if (found.status === 0) return found.stdout.trim();
  }
  throw new Error("headless Chromium is needed for this test: apt-get install -y chromium");
}

const HEADLESS = ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars"];

/** Records a lecture example's timeline page (the path shown on it is relative to the repository). */
async function timelinePage(name: string): Promise<string> {
  const page = path.join(dir, name + ".html");
  const run = await runPyts(["run", "--timeline", page, `fixtures/lecture/${name}.py`], { cwd: ROOT });
  expect(run.status, run.stderr).toBe(0);
  return page;
}

/** Width and height from a PNG's IHDR chunk. */
function pngSize(file: string): [number, number] {
  const data = fs.readFileSync(file);
  expect(data.subarray(1, 4).toString("latin1")).toBe("PNG");
  return [data.readUInt32BE(16), data.readUInt32BE(20)];
}

// What the browser laid out: each lane's title and the size of its first step's bar.
const PROBE = `<pre id="probe"></pre><script>
const rows = [...document.querySelectorAll("g.lane")].map((g) => {
  const title = g.querySelector(".lane-title").textContent;
  const step = g.querySelector("rect.step, rect.iteration, rect.timer, rect.callback");
  const box = step ? step.getBoundingClientRect() : null;
  return [title, box ? Math.round(box.width * 10) / 10 : 0, box ? box.height : 0].join("|");
});
document.getElementById("probe").textContent = rows.join("\\n");
</script>`;

test("the 04b timeline renders in headless Chromium with one lane per task, and its screenshot is taken", async () => {
  const page = await timelinePage("04b_co_sleep");
  const probed = path.join(dir, "probe.html");
  fs.writeFileSync(probed, fs.readFileSync(page, "utf8").replace("</body>", PROBE + "\n</body>"));
  const dom = await runProcess(chromium(), [...HEADLESS, "--dump-dom", "file://" + probed], { cwd: dir });
  const shown = /<pre id="probe">([\s\S]*?)<\/pre>/.exec(dom.stdout);
  expect(shown, dom.stderr).not.toBeNull();
  const rows = shown![1]!.split("\n").map((row) => row.split("|"));
  expect(rows.map((row) => row[0])).toEqual(["event loop", "callbacks", "Task-1", "Task-2", "Task-3", "Task-4"]);
  // Every task lane drew its first step as a visible bar.
  for (const row of rows.slice(2)) {
    expect(Number(row[1])).toBeGreaterThan(0);
    expect(Number(row[2])).toBeGreaterThan(0);
  }
  const shot = screenshotPath("04b");
  fs.mkdirSync(path.dirname(shot), { recursive: true });
  fs.rmSync(shot, { force: true });
  const saved = await runProcess(chromium(), [...HEADLESS, `--screenshot=${shot}`, "--window-size=1240,350", "file://" + page], { cwd: dir });
  expect(fs.existsSync(shot), saved.stderr).toBe(true);
  expect(pngSize(shot)).toEqual([1240, 350]);
}, 120_000);

test("the 04a timeline's screenshot is taken (saved for the README when asked)", async () => {
  const page = await timelinePage("04a_co_sleep");
  const shot = screenshotPath("04a");
  fs.mkdirSync(path.dirname(shot), { recursive: true });
  fs.rmSync(shot, { force: true });
  const saved = await runProcess(chromium(), [...HEADLESS, `--screenshot=${shot}`, "--window-size=1240,350", "file://" + page], { cwd: dir });
  expect(fs.existsSync(shot), saved.stderr).toBe(true);
  expect(pngSize(shot)).toEqual([1240, 350]);
}, 120_000);
