// `os.stat_result`: CPython's struct sequence of 19 fields on Linux. Ten are items of the
// tuple (mode, inode, device, links, owner, group, size and the three times in whole
// seconds, the times' items unnamed); the float times, the nanosecond times, st_blksize,
// st_blocks and st_rdev are named only.
import type * as nodeFs from "node:fs";
import { Dict } from "../values/dict.js";
import { PyTypeError } from "../values/exceptions.js";
import { iterable } from "../values/iteration.js";
import { repr } from "../values/repr.js";
import { pyClass } from "./callable-class.js";
import { structSequence, TupleSubclass } from "./struct-sequence.js";

/** The named items, then the named-only fields (in CPython's order: what a 19-sequence gives). */
const ITEM_NAMES = ["st_mode", "st_ino", "st_dev", "st_nlink", "st_uid", "st_gid", "st_size"] as const;
const NAMED_ONLY = ["st_atime", "st_mtime", "st_ctime", "st_atime_ns", "st_mtime_ns", "st_ctime_ns", "st_blksize", "st_blocks", "st_rdev"] as const;
const SEQUENCE_LENGTH = 10;
const FIELD_COUNT = SEQUENCE_LENGTH + NAMED_ONLY.length;

/** `os.stat_result(sequence, dict=None)`. */
export class stat_result extends TupleSubclass<unknown> {
  static readonly __module__ = "os";
  readonly #named: unknown[];

  constructor(sequence: unknown, dict: unknown = null) {
    const values = Array.from(iterable(sequence));
    if (values.length < SEQUENCE_LENGTH) throw new PyTypeError(`os.stat_result() takes an at least ${SEQUENCE_LENGTH}-sequence (${values.length}-sequence given)`);
    if (values.length > FIELD_COUNT) throw new PyTypeError(`os.stat_result() takes an at most ${FIELD_COUNT}-sequence (${values.length}-sequence given)`);
    super(values.slice(0, SEQUENCE_LENGTH));
    const named = NAMED_ONLY.map((name, i): unknown => {
      if (SEQUENCE_LENGTH + i < values.length) return values[SEQUENCE_LENGTH + i];
      return dict instanceof Dict && dict.has(name) ? dict.get(name) : null;
    });
    // (a float time not given is the item's whole seconds, as CPython's __new__ fills it)
    for (let i = 0; i < 3; i++) if (named[i] === null) named[i] = values[7 + i];
    this.#named = named;
  }

  /** The result for what Node's `fs.statSync(path, { bigint: true })` gave. */
  static fromStats(s: nodeFs.BigIntStats): stat_result {
    const seconds = (ns: bigint): bigint => (ns >= 0n ? ns / 1_000_000_000n : -((-ns + 999_999_999n) / 1_000_000_000n));
    const times = [s.atimeNs, s.mtimeNs, s.ctimeNs];
    return new stat_result([s.mode, s.ino, s.dev, s.nlink, s.uid, s.gid, s.size, ...times.map(seconds), ...times.map((ns) => Number(ns) / 1e9), ...times, s.blksize, s.blocks, s.rdev]);
  }

  get st_mode(): any { return this.items[0]; }
  get st_ino(): any { return this.items[1]; }
  get st_dev(): any { return this.items[2]; }
  get st_nlink(): any { return this.items[3]; }
  get st_uid(): any { return this.items[4]; }
  get st_gid(): any { return this.items[5]; }
  get st_size(): any { return this.items[6]; }
  get st_atime(): any { return this.#named[0]; }
  get st_mtime(): any { return this.#named[1]; }
  get st_ctime(): any { return this.#named[2]; }
  get st_atime_ns(): any { return this.#named[3]; }
  get st_mtime_ns(): any { return this.#named[4]; }
  get st_ctime_ns(): any { return this.#named[5]; }
  get st_blksize(): any { return this.#named[6]; }
  get st_blocks(): any { return this.#named[7]; }
  get st_rdev(): any { return this.#named[8]; }

  __repr__(): string {
    const items = ITEM_NAMES.map((name, i) => `${name}=${repr(this.items[i])}`);
    const times = ["st_atime", "st_mtime", "st_ctime"].map((name, i) => `${name}=${repr(this.items[7 + i])}`);
    return `os.stat_result(${[...items, ...times].join(", ")})`;
  }
}
Object.defineProperty(stat_result, "pythonName", { value: "stat_result" });
structSequence(stat_result, FIELD_COUNT, SEQUENCE_LENGTH, 3);

/** The class as Python calls it (`os.stat_result(seq)`); `type(os.stat(p)) is os.stat_result`. */
export const StatResultClass = pyClass(stat_result);
