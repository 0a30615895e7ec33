// pathlib's pure paths (both flavours, as Lib/pathlib.py of 3.11: pathlib-flavour.ts): parsing
// into drive/root/parts, name, suffixes, parents, joinpath and `/`, with_name/with_stem/
// with_suffix, relative_to, match, comparisons (case-insensitive for Windows paths).

import { pathArg } from "../lang/files.js";
import { Bytes } from "../values/bytes.js";
import { compareStrings } from "../values/compare.js";
import { IndexError, PyTypeError, ValueError } from "../values/exceptions.js";
import { pyHash } from "../values/hashing.js";
import { PyIterator } from "../values/iteration.js";
import { isIntLike, toBigInt } from "../values/numeric.js";
import { strRepr } from "../values/repr.js";
import { NotImplemented } from "../values/singletons.js";
import { Tuple } from "../values/tuple.js";
import { typeName } from "../values/typename.js";
import { fnmatchcase } from "./fnmatch.js";
import { POSIX, WINDOWS, formatPartsOf, joinParsed, parsePartsOf, type Flavour, type Parsed } from "./pathlib-flavour.js";

/** `_PosixFlavour.parse_parts` (the concrete paths of this system are POSIX). */
export function parseParts(args: readonly string[]): Parsed {
  return parsePartsOf(POSIX, args);
}

/** One constructor argument as str (a PurePath gives its parts). */
function argParts(args: readonly unknown[]): string[] {
  const out: string[] = [];
  for (const a of args) {
    if (a instanceof PurePath) out.push(...a.partsList);
    else if (typeof a === "string") out.push(a);
    else {
      const method = (a as { __fspath__?: () => unknown } | null)?.__fspath__;
      const s = typeof method === "function" ? method.call(a) : undefined;
      if (typeof s === "string") out.push(s);
      else throw new PyTypeError(`expected str, bytes or os.PathLike object, not ${typeName(a)}`);
    }
  }
  return out;
}


export type PathCtor = new (...args: unknown[]) => PurePath;

export class PurePath {
  static readonly __module__: string = "pathlib";
  drvPart = "";
  rootPart = "";
  partsList: string[] = [];
  private cachedStr: string | undefined;

  constructor(...args: unknown[]) {
    if (new.target.prototype === PurePath.prototype) return new PurePosixPath(...args); // (also through the pyClass proxy)
    const p = parsePartsOf(this.flavour, argParts(args));
    this.drvPart = p.drv;
    this.rootPart = p.root;
    this.partsList = p.parts;
  }

  /** A path of this path's class from parsed parts. */
  protected make(p: Parsed): this {
    const out = Object.create(Object.getPrototypeOf(this)) as this;
    out.drvPart = p.drv;
    out.rootPart = p.root;
    out.partsList = p.parts;
    return out;
  }

  protected fromArgs(args: readonly unknown[]): this {
    return this.make(parsePartsOf(this.flavour, argParts(args)));
  }

  get flavour(): Flavour {
    return POSIX;
  }

  /** `_cparts`: the parts case-folded as the flavour compares them */
  get cparts(): string[] {
    const f = this.flavour;
    return f === POSIX ? this.partsList : this.partsList.map((p) => f.casefold(p));
  }

  get parsed(): Parsed {
    return { drv: this.drvPart, root: this.rootPart, parts: this.partsList };
  }

  __str__(): string {
    return (this.cachedStr ??= formatPartsOf(this.flavour, this.parsed) || ".");
  }

  toString(): string {
    return this.__str__();
  }

  __fspath__(): string {
    return this.__str__();
  }

  as_posix(): string {
    const f = this.flavour;
    return f.sep === "/" ? this.__str__() : this.__str__().split(f.sep).join("/");
  }

  __bytes__(): Bytes {
    return Bytes.fromUtf8(this.__str__());
  }

  __repr__(): string {
    return `${typeName(this)}(${strRepr(this.as_posix())})`;
  }

  as_uri(): string {
    if (!this.is_absolute()) throw new ValueError("relative path can't be expressed as a file URI");
    return this.flavour.makeUri(this.drvPart, this.as_posix());
  }

  private sameFlavour(other: unknown): other is PurePath {
    return other instanceof PurePath && other.flavour === this.flavour;
  }

  __eq__(other: unknown): unknown {
    if (!this.sameFlavour(other)) return NotImplemented;
    const a = this.cparts;
    const b = other.cparts;
    return a.length === b.length && a.every((x, i) => x === b[i]);
  }

  __hash__(): bigint {
    return pyHash(Tuple.of(...this.cparts));
  }

  private compare(other: unknown): number | null {
    if (!this.sameFlavour(other)) return null;
    const a = this.cparts;
    const b = other.cparts;
    for (let i = 0; i < Math.min(a.length, b.length); i++) {
      const c = compareStrings(a[i]!, b[i]!);
      if (c !== 0) return c;
    }
    return a.length - b.length;
  }

  __lt__(other: unknown): unknown {
    const c = this.compare(other);
    return c === null ? NotImplemented : c < 0;
  }

  __le__(other: unknown): unknown {
    const c = this.compare(other);
    return c === null ? NotImplemented : c <= 0;
  }

  __gt__(other: unknown): unknown {
    const c = this.compare(other);
    return c === null ? NotImplemented : c > 0;
  }

  __ge__(other: unknown): unknown {
    const c = this.compare(other);
    return c === null ? NotImplemented : c >= 0;
  }

  get drive(): string {
    return this.drvPart;
  }

  get root(): string {
    return this.rootPart;
  }

  get anchor(): string {
    return this.drvPart + this.rootPart;
  }

  get name(): string {
    const parts = this.partsList;
    if (parts.length === (this.drvPart || this.rootPart ? 1 : 0)) return "";
    return parts[parts.length - 1]!;
  }

  get suffix(): string {
    const name = this.name;
    const i = name.lastIndexOf(".");
    return i > 0 && i < name.length - 1 ? name.slice(i) : "";
  }

  get suffixes(): string[] {
    const name = this.name;
    if (name.endsWith(".")) return [];
    return name
      .replace(/^\.+/, "")
      .split(".")
      .slice(1)
      .map((s) => "." + s);
  }

  get stem(): string {
    const name = this.name;
    const i = name.lastIndexOf(".");
    return i > 0 && i < name.length - 1 ? name.slice(0, i) : name;
  }

  with_name(name: unknown): this {
    if (!this.name) throw new ValueError(`${this.__repr__()} has an empty name`);
    const s = pathArg(name);
    const f = this.flavour;
    const p = parsePartsOf(f, [s]);
    if (!s || s.endsWith(f.sep) || (f.altsep !== "" && s.endsWith(f.altsep)) || p.drv || p.root || p.parts.length !== 1) throw new ValueError(`Invalid name ${strRepr(s)}`);
    return this.make({ drv: this.drvPart, root: this.rootPart, parts: [...this.partsList.slice(0, -1), s] });
  }

  with_stem(stem: unknown): this {
    if (typeof stem !== "string") throw new PyTypeError(`can only concatenate str (not "${typeName(stem)}") to str`);
    return this.with_name(stem + this.suffix);
  }

  with_suffix(suffix: unknown): this {
    if (typeof suffix !== "string") throw new PyTypeError(`argument of type '${typeName(suffix)}' is not iterable`);
    if (suffix.includes(this.flavour.sep) || (this.flavour.altsep !== "" && suffix.includes(this.flavour.altsep))) throw new ValueError(`Invalid suffix ${strRepr(suffix)}`);
    if ((suffix && !suffix.startsWith(".")) || suffix === ".") throw new ValueError(`Invalid suffix ${strRepr(suffix)}`);
    let name = this.name;
    if (!name) throw new ValueError(`${this.__repr__()} has an empty name`);
    const old = this.suffix;
    name = old ? name.slice(0, -old.length) + suffix : name + suffix;
    return this.make({ drv: this.drvPart, root: this.rootPart, parts: [...this.partsList.slice(0, -1), name] });
  }

  relative_to(...other: unknown[]): this {
    if (other.length === 0) throw new PyTypeError("need at least one argument");
    const root = this.rootPart;
    const drv = this.drvPart;
    const f = this.flavour;
    const abs = root ? [drv, root, ...this.partsList.slice(1)] : this.partsList;
    const to = parsePartsOf(f, argParts(other));
    const toAbs = to.root ? [to.drv, to.root, ...to.parts.slice(1)] : to.parts;
    const n = toAbs.length;
    const mismatch = n === 0 ? Boolean(root || drv) : abs.length < n || abs.slice(0, n).some((x, i) => f.casefold(x) !== f.casefold(toAbs[i]!));
    if (mismatch) {
      throw new ValueError(`${strRepr(this.__str__())} is not in the subpath of ${strRepr(formatPartsOf(f, to))} OR one path is relative and the other is absolute.`);
    }
    return this.make({ drv: "", root: n === 1 ? root : "", parts: abs.slice(n) });
  }

  is_relative_to(...other: unknown[]): boolean {
    try {
      this.relative_to(...other);
      return true;
    } catch (e) {
      if (e instanceof ValueError) return false;
      throw e;
    }
  }

  get parts(): Tuple<string> {
    return Tuple.of(...this.partsList);
  }

  joinpath(...args: unknown[]): this {
    const f = this.flavour;
    return this.make(joinParsed(f, this.parsed, parsePartsOf(f, argParts(args))));
  }

  __truediv__(key: unknown): unknown {
    if (!(key instanceof PurePath) && typeof key !== "string" && typeof (key as { __fspath__?: unknown } | null)?.__fspath__ !== "function") return NotImplemented;
    return this.joinpath(key);
  }

  __rtruediv__(key: unknown): unknown {
    if (typeof key !== "string" && typeof (key as { __fspath__?: unknown } | null)?.__fspath__ !== "function") return NotImplemented;
    return this.fromArgs([key, ...this.partsList]);
  }

  get parent(): this {
    const parts = this.partsList;
    if (parts.length === 1 && (this.drvPart || this.rootPart)) return this;
    return this.make({ drv: this.drvPart, root: this.rootPart, parts: parts.slice(0, -1) });
  }

  get parents(): PathParents {
    return new PathParents(this);
  }

  is_absolute(): boolean {
    if (!this.rootPart) return false;
    return !this.flavour.hasDrv || Boolean(this.drvPart);
  }

  is_reserved(): boolean {
    return this.flavour.isReserved(this.partsList);
  }

  match(pattern: unknown): boolean {
    if (typeof pattern !== "string") throw new PyTypeError(`argument should be a str object or an os.PathLike object returning str, not ${strRepr(typeName(pattern))}`);
    const f = this.flavour;
    const pat = parsePartsOf(f, [f.casefold(pattern)]);
    if (pat.parts.length === 0) throw new ValueError("empty pattern");
    if (pat.drv && pat.drv !== f.casefold(this.drvPart)) return false;
    if (pat.root && pat.root !== f.casefold(this.rootPart)) return false;
    const parts = this.cparts;
    let patParts = pat.parts;
    if (pat.drv || pat.root) {
      if (patParts.length !== parts.length) return false;
      patParts = patParts.slice(1);
    } else if (patParts.length > parts.length) return false;
    for (let i = 1; i <= patParts.length; i++) {
      if (!fnmatchcase(parts[parts.length - i]!, patParts[patParts.length - i]!)) return false;
    }
    return true;
  }
}

/** `path.parents`: a sequence of the logical ancestors. */
export class PathParents {
  static readonly __module__: string = "pathlib";
  static readonly pythonName = "_PathParents";
  constructor(private readonly path: PurePath) {}

  private count(): number {
    const p = this.path;
    return p.drvPart || p.rootPart ? p.partsList.length - 1 : p.partsList.length;
  }

  __len__(): bigint {
    return BigInt(this.count());
  }

  __getitem__(index: unknown): unknown {
    const n = this.count();
    if (!isIntLike(index)) {
      const slice = index as { indices?: (n: bigint) => Tuple<bigint> };
      if (typeof slice?.indices === "function") {
        const [start, stop, step] = slice.indices(BigInt(n)).items.map(Number) as [number, number, number];
        const out: unknown[] = [];
        for (let i = start; step > 0 ? i < stop : i > stop; i += step) out.push(this.__getitem__(BigInt(i)));
        return Tuple.of(...out);
      }
      throw new PyTypeError(`'${typeName(index)}' object cannot be interpreted as an integer`);
    }
    let i = Number(toBigInt(index));
    if (i >= n || i < -n) throw new IndexError(BigInt(i));
    if (i < 0) i += n;
    const p = this.path;
    return (p as unknown as { make(p: Parsed): PurePath }).make({ drv: p.drvPart, root: p.rootPart, parts: p.partsList.slice(0, p.partsList.length - i - 1) });
  }

  *[Symbol.iterator](): Iterator<unknown> {
    const n = this.count();
    for (let i = 0; i < n; i++) yield this.__getitem__(BigInt(i));
  }

  __iter__(): PyIterator {
    return new PyIterator(this[Symbol.iterator]());
  }

  __repr__(): string {
    return `<${typeName(this.path)}.parents>`;
  }
}

/** (pathlib.ts makes every Path one too: PosixPath has it as a second base.) */
export class PurePosixPath extends PurePath {}

export class PureWindowsPath extends PurePath {
  override get flavour(): Flavour {
    return WINDOWS;
  }
}
