// The packages as a new user gets them: `npm pack` both, install the tarballs into a fresh npm
// project offline, and follow the README's recipe (a TypeScript project that converts Python
// with pyts, compiles it with tsc and runs it with node), also for a program of several modules
// and the README's TypeScript host calling converted code; then a project that installs only
// the runtime runs the compiled output.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, test } from "vitest";
import { ROOT, runProcess, type ProcessResult } from "../support/fixtures.js";
import { startLocalRegistry, type LocalRegistry } from "../support/local-registry.js";

// npm pack writes both tarballs into `dir`; the projects are made in folders inside it.

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pyts-pack-"));
const npm = process.platform === "win32" ? "npm.cmd" : "npm";

let registry: LocalRegistry;

afterAll(async () => {
  await registry?.close();
  fs.rmSync(dir, { recursive: true, force: true });
}, 60_000);

async function ok(command: string, args: string[], cwd: string): Promise<ProcessResult> {
  const result = await runProcess(command, args, { cwd, env: { ...process.env, npm_config_audit: "false", npm_config_fund: "false", npm_config_update_notifier: "false" } });
  if (result.status !== 0) throw new Error(`${command} ${args.join(" ")} failed (${result.status}):\n${result.stdout}\n${result.stderr}`);
  return result;
}

interface PackedFile {
  path: string;
}

async function pack(folder: string): Promise<{ file: string; files: string[] }> {
  // pyts is built by the test run; the tarballs take the build as it is.
  const result = await ok(npm, ["pack", "--json", "--ignore-scripts", "--pack-destination", dir], folder);
  const [info] = JSON.parse(result.stdout) as { filename: string; files: PackedFile[] }[];
  return { file: path.join(dir, info!.filename), files: info!.files.map((f) => f.path) };
}

beforeAll(async () => {
  registry = await startLocalRegistry(path.join(ROOT, "package-lock.json"));
  const [pyts, runtime] = [await pack(ROOT), await pack(path.join(ROOT, "runtime"))];
  expect([path.basename(pyts.file), path.basename(runtime.file)]).toEqual(["pyts-0.1.0.tgz", "pyts-runtime-0.1.0.tgz"]);
  fs.writeFileSync(path.join(dir, "contents.json"), JSON.stringify({ pyts: pyts.files, runtime: runtime.files }));
}, 300_000);

test("each package ships a LICENSE and its build, and no tests or fixtures", () => {
  const contents = JSON.parse(fs.readFileSync(path.join(dir, "contents.json"), "utf8")) as { pyts: string[]; runtime: string[] };
  for (const files of [contents.pyts, contents.runtime]) {
    expect(files).toContain("LICENSE");
    expect(files).toContain("package.json");
    expect(files.filter((f) => /(^|\/)(fixtures|test|bench|scripts)\//.test(f) || f.endsWith(".py"))).toEqual([]);
  }
  expect(contents.pyts).toContain("dist/src/cli/main.js");
  expect(contents.pyts).toContain("dist/src/esbuild.js");
  expect(contents.runtime).toContain("dist/index.js");
  expect(contents.runtime).toContain("dist/index.d.ts");
  // no TypeScript sources or maps pointing at them
  expect(contents.runtime.filter((f) => !f.endsWith(".js") && !f.endsWith(".d.ts") && !["LICENSE", "package.json", "README.md"].includes(f))).toEqual([]);
});

test("the runtime package has no dependencies and pyts needs no esbuild to run", () => {
  const runtime = JSON.parse(fs.readFileSync(path.join(ROOT, "runtime/package.json"), "utf8")) as Record<string, unknown>;
  expect(runtime["dependencies"]).toBeUndefined();
  const pyts = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")) as { dependencies: Record<string, string> };
  expect(Object.keys(pyts.dependencies)).not.toContain("esbuild");
});

/** The README's recipe: its tsconfig.json and commands, run in order in a fresh folder beside the tarballs. */
const TSCONFIG = {
  compilerOptions: { target: "ES2022", module: "NodeNext", moduleResolution: "NodeNext", strict: true, types: ["node"], rootDir: "src", outDir: "dist", skipLibCheck: true, sourceMap: true },
  include: ["src/**/*.ts"],
};
const RECIPE = [
  "npm init -y",
  "npm pkg set type=module",
  "npm install ../pyts-0.1.0.tgz ../pyts-runtime-0.1.0.tgz",
  "npm install --save-dev @typescript/native-preview @types/node",
  "npx pyts build py --out-dir src",
  "npx tsgo -p .",
  "node dist/co_sum.js",
];
const DEPLOY = ["npm init -y", "npm pkg set type=module", "npm install ../pyts-runtime-0.1.0.tgz", "node co_sum.js"];

async function step(command: string, cwd: string): Promise<ProcessResult> {
  const [program, ...args] = command.split(" ");
  // Offline: pyts from the tarballs, everything else from npm's cache of the packages this
  // repository's lock file names (the local registry describes them; it serves no tarball).
  const env = { ...process.env, npm_config_registry: registry.url + "/", npm_config_prefer_offline: "true", npm_config_audit: "false", npm_config_fund: "false", npm_config_update_notifier: "false" };
  const result = await runProcess(program === "node" ? process.execPath : program!, args, { cwd, env });
  if (result.status !== 0) throw new Error(`${command} failed (${result.status}):\n${result.stdout}\n${result.stderr}`);
  return result;
}

/** The fenced block of `language` that follows `after` in the README. */
function readmeBlock(after: string, language: string): string {
  const readme = fs.readFileSync(path.join(ROOT, "README.md"), "utf8");
  const start = readme.indexOf(after);
  expect(start, after).toBeGreaterThan(-1);
  const block = new RegExp("```" + language + "\\n([\\s\\S]*?)```").exec(readme.slice(start));
  expect(block, after).not.toBeNull();
  return block![1]!;
}

test("the README shows the recipe this test runs", () => {
  const readme = fs.readFileSync(path.join(ROOT, "README.md"), "utf8");
  const version = (JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")) as { version: string }).version;
  expect(version).toBe("0.1.0"); // the tarball names below
  for (const command of [...RECIPE, ...DEPLOY]) expect(readme).toContain(command);
  expect(readme).toContain(JSON.stringify(TSCONFIG, null, 2));
});

test("the README's recipe works in a fresh npm project installed offline from the tarballs", async () => {
  const app = path.join(dir, "app");
  fs.mkdirSync(path.join(app, "py"), { recursive: true });
  const lecture = path.join(ROOT, "fixtures/lecture");
  fs.copyFileSync(path.join(lecture, "03_co_sum.py"), path.join(app, "py/co_sum.py"));
  fs.writeFileSync(path.join(app, "tsconfig.json"), JSON.stringify(TSCONFIG, null, 2));
  const expected = fs.readFileSync(path.join(lecture, "03_co_sum.out"), "utf8");
  let last: ProcessResult | null = null;
  for (const command of RECIPE) last = await step(command, app);
  expect(last!.stdout).toBe(expected);
  // `pyts run` from the installed package, with no esbuild anywhere in the project
  expect(fs.existsSync(path.join(app, "node_modules/esbuild"))).toBe(false);
  expect((await step("npx pyts run py/co_sum.py", app)).stdout).toBe(expected);

  // The same project with a program of several modules (a package with relative imports) and
  // the README's TypeScript host calling a converted function and awaiting a converted coroutine.
  const program = path.join(ROOT, "fixtures/modules/package_relative");
  fs.cpSync(program, path.join(app, "py"), { recursive: true, filter: (from) => !from.endsWith(".ts") && !from.endsWith(".out") });
  fs.writeFileSync(path.join(app, "py/helper.py"), readmeBlock("With `helper.py`", "python"));
  fs.writeFileSync(path.join(app, "src/host.ts"), readmeBlock("a TypeScript file beside it reads", "ts"));
  await step("npx pyts build py --out-dir src", app);
  await step("npx tsgo -p .", app);
  expect((await step("node dist/main.js", app)).stdout).toBe(fs.readFileSync(path.join(program, "main.out"), "utf8"));
  expect((await step("node dist/host.js", app)).stdout).toBe("Hello, TypeScript!\nHello, coroutine!\n");

  // A project that only runs converted code installs only the runtime.
  const deploy = path.join(dir, "deploy");
  fs.mkdirSync(deploy);
  fs.copyFileSync(path.join(app, "dist/co_sum.js"), path.join(deploy, "co_sum.js"));
  for (const command of DEPLOY) last = await step(command, deploy);
  expect(last!.stdout).toBe(expected);
  expect(registry.misses).toEqual([]);
  expect(fs.readdirSync(path.join(deploy, "node_modules")).filter((n) => !n.startsWith("."))).toEqual(["@pyts"]);
}, 600_000);
