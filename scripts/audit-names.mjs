#!/usr/bin/env node
// Compares CPython's public names with what pyts provides, for a list of modules (and classes):
//   node scripts/audit-names.mjs [--issue 12] [--json] [FILTER]
// For each entry it runs `sorted(n for n in dir(X) if not n.startswith("_"))` under python3
// and under the built pyts, and prints the names pyts lacks (and, with --extra, the names
// only pyts has). A module pyts refuses counts all of CPython's names as missing.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/** Issue 12's modules, and the classes course code reaches through them. */
const ISSUE_12 = [
  "os", "os.path", "pathlib", "pathlib.PurePath", "pathlib.Path", "tempfile", "shutil", "glob", "fnmatch", "fileinput",
  "csv", "configparser", "configparser.ConfigParser", "argparse", "argparse.ArgumentParser", "getopt", "shlex", "getpass",
  "logging.config", "subprocess", "subprocess.Popen", "signal", "platform", "sys", "socket", "socket.socket", "selectors",
  "select", "http.server", "http.server.BaseHTTPRequestHandler", "http.client", "http.client.HTTPResponse", "urllib.request",
  "urllib.parse", "asyncio.streams", "asyncio.StreamReader", "asyncio.StreamWriter", "asyncio.transports", "asyncio.protocols",
  "asyncio.subprocess", "asyncio.subprocess.Process", "asyncio.AbstractEventLoop", "threading", "threading.Thread",
  "queue", "queue.Queue", "concurrent.futures", "concurrent.futures.ThreadPoolExecutor", "concurrent.futures.Future",
];

const args = process.argv.slice(2);
const json = args.includes("--json");
const extra = args.includes("--extra");
const filter = args.find((a) => !a.startsWith("--")) ?? "";
const targets = ISSUE_12.filter((t) => t.includes(filter));

/** The program printing X's public names; X is `module` or `module.Class` (the longest importable prefix). */
function program(target) {
  const parts = target.split(".");
  const lines = [];
  // import the module part: try the longest dotted prefix that CPython can import
  let module = target;
  for (let i = parts.length; i > 0; i--) {
    const name = parts.slice(0, i).join(".");
    if (spawnSync("python3", ["-c", `import ${name}`]).status === 0) { module = name; break; }
  }
  lines.push(`import ${module}`);
  lines.push(`X = ${target}`);
  lines.push("for n in sorted(n for n in dir(X) if not n.startswith('_')):\n    print(n)");
  return lines.join("\n") + "\n";
}

/**
 * CPython's side: the public API only. A module's own imports are not API (`shutil.os`,
 * `pathlib.attrgetter`, `queue.heappush`): names bound to modules, and to objects defined in
 * another Python module, are left out unless `__all__` lists them. (Objects of C modules,
 * `posix`, `_socket`, `builtins`, stay: the module re-exports them on purpose.)
 */
function oracleProgram(target) {
  return program(target).replace(/for n in sorted[^\n]*\n.*\n$/, `import types as _t
_all = getattr(X, "__all__", None) if isinstance(X, _t.ModuleType) else None
def _api(n):
    if _all is not None and n in _all:
        return True
    v = getattr(X, n)
    if isinstance(v, _t.ModuleType):
        return False
    home = getattr(v, "__module__", None) if isinstance(X, _t.ModuleType) and (callable(v) or isinstance(v, type)) else None
    return not isinstance(home, str) or home.startswith("_") or home in (X.__name__, "builtins", "posix") or X.__name__.startswith(home + ".")
for n in sorted(n for n in dir(X) if not n.startswith("_") and _api(n)):
    print(n)
`);
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pyts-audit-"));
const cli = path.join(root, "dist/src/cli/main.js");
const report = [];
let totalMissing = 0;
for (const target of targets) {
  // (a file named after the module would shadow it)
  const file = path.join(dir, `audit_${target.replace(/\./g, "_")}.py`);
  fs.writeFileSync(file, oracleProgram(target));
  const cpython = spawnSync("python3", [file], { encoding: "utf8" });
  fs.writeFileSync(file, program(target));
  const names = cpython.stdout.split("\n").filter(Boolean);
  const pyts = spawnSync(process.execPath, [cli, "run", "--no-cache", file], { encoding: "utf8", timeout: 60000 });
  const have = new Set(pyts.status === 0 ? pyts.stdout.split("\n").filter(Boolean) : []);
  const missing = names.filter((n) => !have.has(n));
  const only = [...have].filter((n) => !names.includes(n));
  totalMissing += missing.length;
  const error = pyts.status === 0 ? undefined : (pyts.stderr.trim().split("\n").pop() ?? "");
  report.push({ target, cpython: names.length, missing, only, error });
  if (!json) {
    console.log(`${target}: ${missing.length}/${names.length} missing${error ? ` (pyts: ${error})` : ""}`);
    if (missing.length > 0) console.log(`  ${missing.join(" ")}`);
    if (extra && only.length > 0) console.log(`  only pyts: ${only.join(" ")}`);
  }
}
fs.rmSync(dir, { recursive: true, force: true });
if (json) console.log(JSON.stringify(report, null, 1));
else console.log(`total missing: ${totalMissing}`);
