// `os`'s extended attributes (getxattr, setxattr, listxattr, removexattr): Node has no binding,
// so the perl helper makes the Linux system call by number (the l* calls for
// follow_symlinks=False, the f* calls on a descriptor handed over as its standard input).
import { nodeModule } from "../core/host.js";
import { Bytes } from "../values/bytes.js";
import { OSError, PyTypeError } from "../values/exceptions.js";
import { splitKw } from "../values/kwargs.js";
import { truthy } from "../values/truth.js";
import { typeName } from "../values/typename.js";
import { toInt } from "./callable-class.js";
import { fspath } from "./os-path.js";
import { perlCall } from "./os-helper.js";

/** Syscall numbers: [path, lpath, fd] variants of get, set, list, remove, per architecture. */
const SYSCALLS: Record<string, Record<"get" | "set" | "list" | "remove", [number, number, number]>> = {
  x64: { set: [188, 189, 190], get: [191, 192, 193], list: [194, 195, 196], remove: [197, 198, 199] },
  arm64: { set: [5, 6, 7], get: [8, 9, 10], list: [11, 12, 13], remove: [14, 15, 16] },
};

function syscallNumber(call: "get" | "set" | "list" | "remove", variant: 0 | 1 | 2): number {
  const table = SYSCALLS[nodeModule("node:os").arch()];
  if (table === undefined) throw new OSError(95n, "Operation not supported");
  return table[call][variant];
}

/** The target of a call: a path (followed or not) or a descriptor. */
interface Target {
  variant: 0 | 1 | 2;
  path: string;
  fd: number | null;
  filename: unknown;
}

function targetOf(path: unknown, follow: boolean): Target {
  if (typeof path === "bigint") return { variant: 2, path: "", fd: toInt(path), filename: undefined };
  const file = path instanceof Uint8Array ? new TextDecoder().decode(path) : fspath(path);
  return { variant: follow ? 0 : 1, path: file, fd: null, filename: path };
}

function attributeName(attribute: unknown): string {
  if (attribute instanceof Uint8Array) return new TextDecoder().decode(attribute);
  if (typeof attribute !== "string") throw new PyTypeError(`expected str, bytes or os.PathLike object, not ${typeName(attribute)}`);
  return attribute;
}

function hex(data: Uint8Array): string {
  return Array.from(data, (b) => b.toString(16).padStart(2, "0")).join("");
}

function fromHex(text: string): Uint8Array {
  const out = new Bytes(text.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(text.slice(2 * i, 2 * i + 2), 16);
  return out;
}

// @ARGV: syscall number, variant (0/1 path, 2 descriptor), path, then the call's own arguments
const PROGRAM = `my ($n, $v, $p, $op, @rest) = @ARGV; my $t = $v == 2 ? 0 : $p; my $r;
if ($op eq "get" || $op eq "list") { my $buf = "\\0" x 65536; my @a = $op eq "get" ? ($t, pack("H*", $rest[0]), $buf, 65536) : ($t, $buf, 65536);
  $r = syscall($n + 0, @a); if ($r >= 0) { print unpack("H*", substr($op eq "get" ? $a[2] : $a[1], 0, $r)); exit } }
elsif ($op eq "set") { my $val = pack("H*", $rest[1]); $r = syscall($n + 0, $t, pack("H*", $rest[0]), $val, length($val), $rest[2] + 0) }
else { $r = syscall($n + 0, $t, pack("H*", $rest[0])) }
if ($r < 0) { print "!", $! + 0 } else { print "" }`;

function run(call: "get" | "set" | "list" | "remove", target: Target, rest: string[]): string {
  const n = syscallNumber(call, target.variant);
  return perlCall(PROGRAM, [String(n), String(target.variant), target.path, call, ...rest], target.fd, target.filename).trim();
}

function options(args: unknown[], names: string[]): [unknown[], boolean] {
  const [pos, kws] = splitKw(args);
  const values = names.map((name, i) => pos[i] ?? kws[name]);
  return [values, truthy(kws["follow_symlinks"] ?? true)];
}

export const osXattrs = {
  getxattr: (...args: unknown[]): Uint8Array => {
    const [[path, attribute], follow] = options(args, ["path", "attribute"]);
    const name = hex(new TextEncoder().encode(attributeName(attribute)));
    return Bytes.fromArray(fromHex(run("get", targetOf(path, follow), [name])));
  },
  setxattr: (...args: unknown[]): null => {
    const [[path, attribute, value, flags], follow] = options(args, ["path", "attribute", "value", "flags"]);
    if (!(value instanceof Uint8Array)) throw new PyTypeError(`a bytes-like object is required, not '${typeName(value)}'`);
    const name = hex(new TextEncoder().encode(attributeName(attribute)));
    run("set", targetOf(path, follow), [name, hex(value), String(toInt(flags ?? 0n))]);
    return null;
  },
  listxattr: (...args: unknown[]): string[] => {
    const [[path], follow] = options(args, ["path"]);
    const listed = new TextDecoder().decode(fromHex(run("list", targetOf(path ?? ".", follow), [])));
    return listed.split("\0").filter((n) => n !== "");
  },
  removexattr: (...args: unknown[]): null => {
    const [[path, attribute], follow] = options(args, ["path", "attribute"]);
    run("remove", targetOf(path, follow), [hex(new TextEncoder().encode(attributeName(attribute)))]);
    return null;
  },
};
