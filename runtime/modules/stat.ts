// The `stat` module: CPython's constants on Linux (posix-constants-data.ts), the S_IS* tests,
// S_IMODE/S_IFMT and filemode, with the C module's (_stat's) argument checks and its '?' for
// an unknown file type.
import { OverflowError, PyTypeError } from "../values/exceptions.js";
import { moduleObject } from "./module-object.js";
import { STAT_CONSTANTS } from "./posix-constants-data.js";

const IFMT = 0o170000;
const at = (name: keyof typeof STAT_CONSTANTS): number => Number(STAT_CONSTANTS[name]);

/** A mode_t as _stat reads it: an int that fits 32 unsigned bits. */
export function modeArg(mode: unknown): number {
  if (typeof mode === "boolean") return mode ? 1 : 0;
  if (typeof mode !== "bigint") throw new PyTypeError("an integer is required");
  if (mode < 0n) throw new OverflowError("can't convert negative value to unsigned int");
  if (mode >= 1n << 64n) throw new OverflowError("Python int too large to convert to C unsigned long");
  if (mode > 0xffffffffn) throw new OverflowError("mode out of range");
  return Number(mode);
}

/** `S_ISDIR(mode)` and its kin: the file type bits equal `kind` (never, where Linux has no such type). */
function typeTest(kind: keyof typeof STAT_CONSTANTS): (mode: unknown) => boolean {
  const bits = at(kind);
  return (mode: unknown) => {
    const m = modeArg(mode);
    return bits !== 0 && (m & IFMT) === bits;
  };
}

/** The letter `ls -l` shows for a mode's file type. */
const TYPE_LETTERS: ReadonlyArray<readonly [keyof typeof STAT_CONSTANTS, string]> = [
  ["S_IFREG", "-"], ["S_IFDIR", "d"], ["S_IFLNK", "l"], ["S_IFBLK", "b"], ["S_IFCHR", "c"], ["S_IFIFO", "p"], ["S_IFSOCK", "s"],
];

/** `stat.filemode(mode)`: the `-rwxr-xr-x` string of a mode. */
function filemode(mode: unknown): string {
  const m = modeArg(mode);
  const type = TYPE_LETTERS.find(([name]) => (m & IFMT) === at(name))?.[1] ?? "?";
  const triple = (r: number, w: number, x: number, special: number, letter: string): string => {
    const exec = m & special ? (m & x ? letter : letter.toUpperCase()) : m & x ? "x" : "-";
    return (m & r ? "r" : "-") + (m & w ? "w" : "-") + exec;
  };
  return (
    type +
    triple(0o400, 0o200, 0o100, 0o4000, "s") +
    triple(0o040, 0o020, 0o010, 0o2000, "s") +
    triple(0o004, 0o002, 0o001, 0o1000, "t")
  );
}

export const statModule = moduleObject("stat", {
  ...STAT_CONSTANTS,
  S_ISDIR: typeTest("S_IFDIR"),
  S_ISCHR: typeTest("S_IFCHR"),
  S_ISBLK: typeTest("S_IFBLK"),
  S_ISREG: typeTest("S_IFREG"),
  S_ISFIFO: typeTest("S_IFIFO"),
  S_ISLNK: typeTest("S_IFLNK"),
  S_ISSOCK: typeTest("S_IFSOCK"),
  S_ISDOOR: typeTest("S_IFDOOR"),
  S_ISPORT: typeTest("S_IFPORT"),
  S_ISWHT: typeTest("S_IFWHT"),
  S_IMODE: (mode: unknown): bigint => BigInt(modeArg(mode) & 0o7777),
  S_IFMT: (mode: unknown): bigint => BigInt(modeArg(mode) & IFMT),
  filemode,
});
