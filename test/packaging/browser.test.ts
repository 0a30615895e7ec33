// Converted programs that use no Node-only facility bundle for the browser (esbuild,
// platform "browser": a static import of a Node built-in would fail the build) and run in
// headless Chromium with CPython's output. `.ci/run` installs Debian's chromium.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { spawnSync } from "node:child_process";
import { build } from "esbuild";
import { afterAll, expect, test } from "vitest";
import pyts from "../../src/esbuild.js";
import { ROOT, runProcess } from "../support/fixtures.js";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pyts-browser-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function chromium(): string {
  for (const name of ["chromium", "chromium-browser"]) {
    const found = spawnSync("which", [name], { encoding: "utf8" });
    if (found.status === 0) return found.stdout.trim();
  }
  throw new Error("headless Chromium is needed for this test: apt-get install -y chromium");
}

/** A page that runs the bundle inline (module scripts cannot load from file://) and shows the console in <pre>. */
function page(bundle: string): string {
  const capture = `
    const out = document.getElementById("out");
    const show = (prefix, args) => { out.textContent += prefix + args.map(String).join(" ") + "\\n"; };
    console.log = (...args) => show("", args);
    console.error = (...args) => show("stderr: ", args);
    // An error the program's own handler took over (preventDefault) is not the browser's to report.
    addEventListener("error", (e) => setTimeout(() => e.defaultPrevented || show("error: ", [e.message])));
    addEventListener("unhandledrejection", (e) => setTimeout(() => e.defaultPrevented || show("error: ", [e.reason])));`;
  return `<!doctype html>\n<meta charset="utf-8">\n<pre id="out"></pre>\n<script>${capture}</script>\n<script type="module">\n${bundle.replaceAll("</script", "<\\/script")}\n</script>\n`;
}

function unescapeHtml(text: string): string {
  return text.replaceAll("&lt;", "<").replaceAll("&gt;", ">").replaceAll("&quot;", '"').replaceAll("&#39;", "'").replaceAll("&amp;", "&");
}

for (const name of ["03_co_sum", "04b_co_sleep"]) {
  test(`${name} bundled for the browser prints CPython's lines in headless Chromium`, async () => {
    const entry = path.join(ROOT, "fixtures/lecture", name + ".py");
    const result = await build({ entryPoints: [entry], bundle: true, format: "esm", platform: "browser", target: "es2022", write: false, outfile: path.join(dir, name + ".js"), metafile: true, plugins: [pyts()], logLevel: "silent" });
    const bundle = result.outputFiles[0]!.text;
    // The runtime's sideEffects declaration lets esbuild drop the library modules the program
    // does not import (among them the Node-only aiohttp, urllib and logging).
    const inputs = Object.values(result.metafile.outputs)[0]!.inputs;
    const modules = Object.keys(inputs).filter((file) => /runtime\/dist\/modules\//.test(file) && inputs[file]!.bytesInOutput > 0);
    expect(modules.map((file) => path.basename(file)).filter((file) => ["aiohttp.js", "urllib.js", "logging.js", "json.js", "datetime.js"].includes(file))).toEqual([]);
    const html = path.join(dir, name + ".html");
    fs.writeFileSync(html, page(bundle));
    // Virtual time: the programs' asyncio.sleep() calls pass instantly, and the DOM is dumped
    // once nothing is left to run.
    const run = await runProcess(chromium(), ["--headless", "--no-sandbox", "--disable-gpu", "--virtual-time-budget=60000", "--dump-dom", "file://" + html], { cwd: dir });
    const shown = /<pre id="out">([\s\S]*?)<\/pre>/.exec(run.stdout);
    expect(shown, run.stderr).not.toBeNull();
    expect(unescapeHtml(shown![1]!)).toBe(fs.readFileSync(path.join(ROOT, "fixtures/lecture", name + ".out"), "utf8"));
  }, 120_000);
}

/** A page that loads the bundle from its file (Chromium then needs --allow-file-access-from-files), so its source map is readable. */
function pageLoading(script: string): string {
  const capture = `
    const out = document.getElementById("out");
    const show = (prefix, args) => { out.textContent += prefix + args.map(String).join(" ") + "\\n"; };
    console.log = (...args) => show("", args);
    console.error = (...args) => show("stderr: ", args);`;
  return `<!doctype html>\n<meta charset="utf-8">\n<pre id="out"></pre>\n<script>${capture}</script>\n<script type="module" src="${script}"></script>\n`;
}

test("a program of several modules bundled for the browser runs in headless Chromium; an uncaught exception prints CPython's traceback, its frames read from the bundle's source map", async () => {
  const program = path.join(dir, "several");
  fs.mkdirSync(path.join(program, "shop"), { recursive: true });
  fs.writeFileSync(path.join(program, "shop", "__init__.py"), "from .cart import Cart\n");
  fs.writeFileSync(path.join(program, "shop", "cart.py"), "class Cart:\n    def __init__(self):\n        self.items = []\n\n    def add(self, item):\n        self.items.append(item)\n        return len(self.items)\n");
  fs.writeFileSync(path.join(program, "helper.py"), 'print("helper loaded as", __name__)\n\n\ndef divide(a, b):\n    return a / b\n\n\ndef check(n):\n    if n > 1:\n        raise ValueError(f"bad {n}")\n    return n\n');
  fs.writeFileSync(
    path.join(program, "main.py"),
    'import helper\nfrom shop import Cart\n\ncart = Cart()\nprint(cart.add("apple"), cart.add("pear"), __name__)\nprint(helper.divide(1, 4))\n\n\ndef main():\n    helper.check(1)\n    helper.check(2)\n\n\nif __name__ == "__main__":\n    main()\n',
  );
  // Run by its absolute path, CPython names every file absolutely, as the page's frames do.
  const python = await runProcess("python3", [path.join(program, "main.py")], { cwd: program });
  expect(python.stderr).toContain('line 10, in check\n    raise ValueError(f"bad {n}")\nValueError: bad 2');
  const outfile = path.join(dir, "several.js");
  await build({ entryPoints: [path.join(program, "main.py")], bundle: true, format: "esm", platform: "browser", target: "es2022", sourcemap: "inline", outfile, plugins: [pyts()], logLevel: "silent" });
  const html = path.join(dir, "several.html");
  fs.writeFileSync(html, pageLoading("several.js"));
  const run = await runProcess(chromium(), ["--headless", "--no-sandbox", "--disable-gpu", "--allow-file-access-from-files", "--virtual-time-budget=60000", "--dump-dom", "file://" + html], { cwd: dir });
  const shown = /<pre id="out">([\s\S]*?)<\/pre>/.exec(run.stdout);
  expect(shown, run.stderr).not.toBeNull();
  const stderr = python.stderr.replace(/\n$/, "").split("\n").map((line) => `stderr: ${line}\n`).join("");
  expect(unescapeHtml(shown![1]!)).toBe(python.stdout + stderr);
}, 120_000);
