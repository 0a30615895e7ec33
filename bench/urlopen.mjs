// `node bench/urlopen.mjs [N]`: what a blocking `urllib.request.urlopen(url).read()` adds
// to a request over the server's own delay, under CPython and under `pyts run`, in one run.
// A local HTTP server (a child Node process, so it answers while the clients block) replies
// after DELAY ms (0 and 20); each client makes N sequential requests (after 3 untimed ones)
// and prints its mean milliseconds per request; overhead = mean - DELAY. Target (issue 10):
// pyts adds at most 2 ms. Needs `npm run build` first.
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const cli = path.join(root, "dist/src/cli/main.js");
const requests = Number(process.argv[2] ?? 50);
const delays = [0, 20];

const SERVER = `
const http = require("node:http");
const server = http.createServer((req, res) => {
  const delay = Number(new URL(req.url, "http://x").searchParams.get("delay") ?? 0);
  const reply = () => res.end("x".repeat(1000));
  if (delay > 0) setTimeout(reply, delay);
  else reply();
});
server.listen(0, "127.0.0.1", () => console.log(server.address().port));
`;

const CLIENT = `
import sys
import time
import urllib.request

url, n = sys.argv[1], int(sys.argv[2])
for _ in range(3):
    urllib.request.urlopen(url).read()
start = time.perf_counter()
for _ in range(n):
    with urllib.request.urlopen(url) as response:
        response.read()
print("ms per request: %.3f" % ((time.perf_counter() - start) * 1000 / n))
`;

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pyts-bench-urlopen-"));
const client = path.join(dir, "urlopen_client.py");
fs.writeFileSync(client, CLIENT);
const server = spawn(process.execPath, ["-e", SERVER], { stdio: ["ignore", "pipe", "inherit"] });
try {
  const port = await new Promise((resolve, reject) => {
    server.stdout.once("data", (data) => resolve(Number(String(data).trim())));
    server.once("exit", () => reject(new Error("the bench server ended")));
  });
  /** Mean ms per request of one client run, or an error text. */
  const run = (command, args) => {
    const child = spawnSync(command, args, { cwd: root, encoding: "utf8", timeout: 300_000 });
    const match = /ms per request: ([\d.]+)/.exec(child.stdout ?? "");
    return match === null ? { error: (child.stderr || child.stdout || "").trim().split("\n").pop() } : { ms: Number(match[1]) };
  };
  const rows = [];
  for (const delay of delays) {
    const url = `http://127.0.0.1:${port}/?delay=${delay}`;
    const cpython = run("python3", [client, url, String(requests)]);
    const pyts = run(process.execPath, [cli, "run", client, url, String(requests)]);
    const show = (r) => r.error ?? `${r.ms.toFixed(2)} (+${(r.ms - delay).toFixed(2)})`;
    const extra = cpython.ms !== undefined && pyts.ms !== undefined ? (pyts.ms - cpython.ms).toFixed(2) : "-";
    rows.push([`${delay} ms`, show(cpython), show(pyts), extra]);
  }
  console.log(`blocking urlopen: ms per request (+ over the server's delay), mean of ${requests} sequential requests`);
  const header = ["server delay", "CPython", "pyts", "pyts - CPython"];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (r) => r.map((v, i) => (i === 0 ? v.padEnd(widths[i]) : v.padStart(widths[i]))).join("  ");
  console.log(line(header));
  console.log(widths.map((w) => "-".repeat(w)).join("  "));
  for (const r of rows) console.log(line(r));
} finally {
  server.kill();
  fs.rmSync(dir, { recursive: true, force: true });
}
