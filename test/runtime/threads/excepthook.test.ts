// A thread's uncaught exception: CPython's default excepthook report on stderr ("Exception in
// thread NAME:" and the traceback), the program going on and exiting 0. pyts's traceback has
// the program's frames only: CPython's two frames inside threading.py are left out of the
// comparison (and file names are compared by their base name).
import { describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { CLI } from "../../support/fixtures.js";

const PROGRAM = `import threading
import time


def worker(n):
    time.sleep(0.25 * n)  # far apart: CPython prints each traceback whole, even on a loaded machine
    if n == 1:
        raise ValueError(f"bad input {n}")
    print("worker", n, "done")


class Failing(threading.Thread):
    def run(self):
        {}["missing"]


threads = [threading.Thread(target=worker, args=(n,)) for n in range(3)]
threads.append(Failing(name="failing"))
for t in threads:
    t.start()
for t in threads:
    t.join()
print("main done", threading.active_count())
`;

function withoutThreadingFrames(stderr: string): string {
  const lines = stderr.split("\n");
  const kept: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (/^ {2}File ".*threading\.py", line \d+, in /.test(lines[i]!)) {
      i++; // and its source line
      continue;
    }
    kept.push(lines[i]!.replace(/File "[^"]*\/([^"/]+)"/, 'File "$1"'));
  }
  return kept.join("\n");
}

describe("threading.excepthook", () => {
  it("reports a thread's exception as CPython does and the program goes on", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pyts-threads-"));
    try {
      const file = path.join(dir, "prog.py");
      fs.writeFileSync(file, PROGRAM);
      const cpython = spawnSync("python3", [file], { encoding: "utf8", cwd: dir });
      const pyts = spawnSync(process.execPath, [CLI, "run", "--no-cache", file], { encoding: "utf8", cwd: dir });
      expect(pyts.stdout).toBe(cpython.stdout);
      expect(pyts.status).toBe(cpython.status);
      expect(withoutThreadingFrames(pyts.stderr)).toBe(withoutThreadingFrames(cpython.stderr));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
