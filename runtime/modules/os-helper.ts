// The calls of `os` that Node has no binding for but libc has: a short perl program (perl-base
// is part of every Debian-like system) makes the call and prints its result. A descriptor
// argument is handed to the helper as its standard input, so calls that act on the open file
// description (fcntl's status flags, fpathconf, ioctls of a terminal) act on ours.
import { nodeModule } from "../core/host.js";
import { OSError } from "../values/exceptions.js";
import { osErrorByText } from "../lang/os-errors.js";
import { STRERROR } from "./posix-constants-data.js";

const STRERROR_MESSAGES = new Map(STRERROR);

/** CPython's OSError (the subclass its errno picks) for error number `errno`. */
export function osErrorOfErrno(errno: number, filename?: unknown): OSError {
  const text = STRERROR_MESSAGES.get(errno) ?? `Unknown error ${errno}`;
  return osErrorByText(text, filename) ?? (filename === undefined ? new OSError(BigInt(errno), text) : new OSError(BigInt(errno), text, filename));
}

/**
 * Runs `program` under `perl -MPOSIX` with `args` (@ARGV), and `fd` as its standard input when
 * given. The program prints its result; a failure is a line `!<errno>` and becomes that OSError.
 */
export function perlCall(program: string, args: readonly string[], fd: number | null = null, filename?: unknown): string {
  const result = nodeModule("node:child_process").spawnSync("perl", ["-MPOSIX", "-e", program, "--", ...args], {
    stdio: [fd ?? "ignore", "pipe", "pipe"],
    encoding: "utf8",
  });
  if (result.error !== undefined) throw new OSError(`pyts: this call needs perl, which could not run (${result.error.message})`);
  const out = result.stdout ?? "";
  const failed = /^!(\d+)\s*$/.exec(out);
  if (failed !== null) throw osErrorOfErrno(Number(failed[1]), filename);
  if (result.status !== 0) throw new OSError(`pyts: helper failed: ${(result.stderr ?? "").trim()}`);
  return out;
}
