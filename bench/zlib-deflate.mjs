// zlib compression speed, pyts's deflate (runtime/modules/zlib-deflate.ts) against CPython's
// zlib on the same data: 2 MB of text-like words and 2 MB of random bytes (both made by
// python3 from seed 1), levels 1, 6 and 9, best of 5 by CPU time, with each output's md5 (the
// bytes must be the same). `node bench/zlib-deflate.mjs` after `npm run build`.
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const { Deflater, Z_FINISH } = await import(pathToFileURL(path.join(root, "runtime/dist/modules/zlib-deflate.js")).href);
const dir = mkdtempSync(path.join(tmpdir(), "pyts-zlib-"));
const python = `
import hashlib, random, sys, time, zlib
random.seed(1)
words = "the quick brown fox jumps over lazy dog lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor incididunt ut labore et dolore magna aliqua 1234 2026".split() + ["\\n"]
data = {"text": " ".join(random.choice(words) for _ in range(400000)).encode()[:2_000_000], "random": random.randbytes(2_000_000)}
for name, blob in data.items():
    open(f"{sys.argv[1]}/{name}.bin", "wb").write(blob)
    for level in (1, 6, 9):
        best = min((lambda t: (zlib.compress(blob, level), time.process_time() - t)[1])(time.process_time()) for _ in range(5))
        out = zlib.compress(blob, level)
        print(f"{name} {level} {len(blob) / best / 1e6:.1f} {hashlib.md5(out).hexdigest()[:12]}")
`;
const cpython = spawnSync("python3", ["-c", python, dir], { encoding: "utf8" });
if (cpython.status !== 0) throw new Error(cpython.stderr);
const expected = new Map(cpython.stdout.trim().split("\n").map((line) => { const [name, level, speed, md5] = line.split(" "); return [`${name} ${level}`, { speed, md5 }]; }));

// one output buffer per data set, written once before timing: fresh memory costs a page fault
// a page when first written (tens of ms for 2 MB on a loaded machine), which CPython's rounds
// don't pay either once its allocator reuses the memory of the previous round
function compress(input, level, output) {
  const d = new Deflater(level, 1, 15, 8, 0);
  d.input = input;
  d.nextIn = 0;
  d.availIn = input.length;
  d.output = output;
  d.nextOut = 0;
  d.availOut = d.output.length;
  d.deflate(Z_FINISH);
  return d.output.subarray(0, d.nextOut);
}

console.log("data    level   pyts MB/s  CPython MB/s  same bytes");
for (const name of ["text", "random"]) {
  const data = new Uint8Array(readFileSync(path.join(dir, `${name}.bin`)));
  const output = new Uint8Array(data.length + 1024).fill(1);
  for (const level of [1, 6, 9]) {
    let best = Infinity, out;
    for (let r = 0; r < 5; r++) {
      const start = process.cpuUsage();
      out = compress(data, level, output);
      const used = process.cpuUsage(start);
      best = Math.min(best, (used.user + used.system) / 1e6);
    }
    const { speed, md5 } = expected.get(`${name} ${level}`);
    const same = createHash("md5").update(out).digest("hex").slice(0, 12) === md5;
    console.log(`${name.padEnd(8)}${String(level).padStart(5)}${(data.length / best / 1e6).toFixed(1).padStart(12)}${speed.padStart(14)}  ${same}`);
  }
}
rmSync(dir, { recursive: true });
