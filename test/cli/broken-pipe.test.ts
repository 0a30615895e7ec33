// A closed stdout (`prog | head -1`): print raises BrokenPipeError at the write, as in CPython;
// caught, the program goes on; uncaught, its traceback and exit status are CPython's.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, test } from "vitest";
import { CLI, runProcess } from "../support/fixtures.js";

let work: string;

beforeAll(() => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), "pyts-pipe-"));
});

afterAll(() => {
  fs.rmSync(work, { recursive: true, force: true });
});

const PROGRAM = `import sys
caught = sys.argv[1:] == ["catch"]
try:
    for i in range(100000):
        print(i)
except BrokenPipeError as e:
    if not caught:
        raise
    print("caught", type(e).__name__, e.errno, e, file=sys.stderr)
    sys.stdout = None
`;

/** Runs `command FILE ARG | head -1` in bash; the program's exit status comes back too. */
async function piped(command: string, arg: string): Promise<{ stdout: string; stderr: string }> {
  const file = path.join(work, "pipe.py");
  const line = `${command} ${file} ${arg} | head -1; echo "status \${PIPESTATUS[0]}"`;
  const { stdout, stderr } = await runProcess("bash", ["-c", line]);
  return { stdout, stderr };
}

test("print to a closed pipe raises BrokenPipeError, caught or not, as CPython", async () => {
  fs.writeFileSync(path.join(work, "pipe.py"), PROGRAM);
  const pyts = `${JSON.stringify(process.execPath)} ${JSON.stringify(CLI)} run`;
  const runs = await Promise.all(
    ["catch", "raise"].flatMap((arg) => [piped("python3", arg), piped(pyts, arg)]),
  );
  const [pyCatch, tsCatch, pyRaise, tsRaise] = runs;
  expect(pyCatch!.stdout).toBe("0\nstatus 0\n");
  expect(tsCatch).toEqual(pyCatch);
  expect(pyRaise!.stdout).toBe("0\nstatus 1\n");
  expect(tsRaise!.stdout).toBe(pyRaise!.stdout);
  // The traceback ends with CPython's line (the frames' paths are each tool's own).
  expect(tsRaise!.stderr.trimEnd().split("\n").at(-1)).toBe("BrokenPipeError: [Errno 32] Broken pipe");
  expect(pyRaise!.stderr.trimEnd().split("\n").at(-1)).toBe("BrokenPipeError: [Errno 32] Broken pipe");
}, 60_000);

test.runIf(fs.existsSync("/dev/full"))("print to a full disk (ENOSPC) raises CPython's OSError at the write, caught or not", async () => {
  const file = path.join(work, "full.py");
  fs.writeFileSync(file, 'import sys\ntry:\n    print("lost")\nexcept OSError as e:\n    print(type(e).__name__, e.errno, e, file=sys.stderr)\nprint("again")\n');
  // -u: CPython's stdout unbuffered, so the write fails at the print, as pyts's does.
  const python = await runProcess("bash", ["-c", `python3 -u ${file} > /dev/full`]);
  const pyts = await runProcess("bash", ["-c", `${JSON.stringify(process.execPath)} ${JSON.stringify(CLI)} run ${file} > /dev/full`]);
  expect(python.stderr.split("\n")[0]).toBe("OSError 28 [Errno 28] No space left on device");
  expect(python.stderr.trimEnd().split("\n").at(-1)).toBe("OSError: [Errno 28] No space left on device");
  expect(pyts.stderr).toBe(python.stderr);
  expect(pyts.status).toBe(python.status);
}, 60_000);
