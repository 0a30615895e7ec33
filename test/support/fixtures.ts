// Fixture discovery and the checks shared by the golden tests and the update script.
//
// fixtures/<group>/<name>.py     the Python program
// fixtures/<group>/<name>.ts     the golden TypeScript pyts emits for it
// fixtures/<group>/<name>.out    CPython's stdout for it (never written by hand)
// fixtures/<group>/<name>.status CPython's exit status, when it is not 0
// fixtures/<group>/<name>.args   command-line arguments, one a line; $SERVER is the base
//                                URL of the local test HTTP server
// fixtures/<group>/<name>.err    CPython's stderr, for fixtures whose stderr is checked too
//                                (create it empty to opt in; the oracle fills it)
// fixtures/<group>/<name>.in     the program's standard input (else stdin is empty)
import fs from "node:fs";
import path from "node:path";
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

/** The project root: the nearest folder above this file with pyts's package.json. */
function findRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!fs.existsSync(path.join(dir, "package.json")) || !fs.readFileSync(path.join(dir, "package.json"), "utf8").includes('"name": "pyts"')) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error("pyts project root not found");
    dir = parent;
  }
  return dir;
}

export const ROOT = findRoot();
export const FIXTURES = path.join(ROOT, "fixtures");
export const CLI = path.join(ROOT, "dist/src/cli/main.js");

export interface Fixture {
  group: string;
  name: string;
  py: string;
  ts: string;
  out: string;
  status: string;
  args: string;
  err: string;
  input: string;
}

export function listFixtures(): Fixture[] {
  const found: Fixture[] = [];
  for (const group of fs.readdirSync(FIXTURES).sort()) {
    const dir = path.join(FIXTURES, group);
    if (!fs.statSync(dir).isDirectory()) continue;
    for (const file of fs.readdirSync(dir).sort()) {
      if (!file.endsWith(".py")) continue;
      const base = path.join(dir, file.slice(0, -3));
      found.push({ group, name: file.slice(0, -3), py: base + ".py", ts: base + ".ts", out: base + ".out", status: base + ".status", args: base + ".args", err: base + ".err", input: base + ".in" });
    }
  }
  return found;
}

export function fixtureArgs(fixture: Fixture, serverUrl: string): string[] {
  if (!fs.existsSync(fixture.args)) return [];
  return fs
    .readFileSync(fixture.args, "utf8")
    .split("\n")
    .filter((line) => line !== "")
    .map((line) => line.replaceAll("$SERVER", serverUrl));
}

/** The fixture's standard input, when it has a .in file. */
export function fixtureInput(fixture: Fixture): string | undefined {
  return fs.existsSync(fixture.input) ? fs.readFileSync(fixture.input, "utf8") : undefined;
}

export function expectedStatus(fixture: Fixture): number {
  return fs.existsSync(fixture.status) ? Number(fs.readFileSync(fixture.status, "utf8").trim()) : 0;
}

/**
 * Output that differs between any two runs, of CPython as of pyts, is normalised: clock
 * readings (datetime stamps) and object addresses. Nothing else.
 */
export function normalise(text: string): string {
  return text
    .split(ROOT + path.sep)
    .join("<root>/") // a traceback names the checkout's absolute path (stored .err files hold <root>)
    .replace(/\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(\.\d+)?/g, "<datetime>")
    .replace(/ at 0x[0-9a-f]+/g, " at 0x<address>");
}

export interface ProcessResult {
  stdout: string;
  stderr: string;
  status: number | null;
}

export function runProcess(command: string, args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv; input?: string } = {}): Promise<ProcessResult> {
  return new Promise((resolve, reject) => {
    const stdin = options.input === undefined ? "ignore" : "pipe";
    const child = spawn(command, args, { cwd: options.cwd ?? ROOT, env: options.env ?? process.env, stdio: [stdin, "pipe", "pipe"] });
    if (options.input !== undefined) child.stdin!.end(options.input);
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (d: string) => (stdout += d));
    child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
    child.on("error", reject);
    child.on("close", (status) => resolve({ stdout, stderr, status }));
  });
}

export function runPyts(args: string[], options: { cwd?: string; input?: string } = {}): Promise<ProcessResult> {
  return runProcess(process.execPath, [CLI, ...args], options);
}
