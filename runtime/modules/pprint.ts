// Python's `pprint`: PrettyPrinter's layout for nested dicts, lists, tuples, sets, frozensets
// and long strings (`width`, `indent`, `depth`, `compact`, `sort_dicts`), with pprint, pformat,
// pp, saferepr, isreadable and isrecursive. Like CPython, an object whose repr fits in the
// space left is written as its (depth-limited) repr; a larger one is split over lines.

import { id } from "../values/builtin-functions.js";
import { builtinFunction } from "../values/builtin-type.js";
import { lt } from "../values/compare.js";
import { Dict } from "../values/dict.js";
import { PyTypeError, ValueError } from "../values/exceptions.js";
import { Kwargs, splitKw, type KwArgs } from "../values/kwargs.js";
import { callMethod } from "../values/methods.js";
import { print } from "../values/print.js";
import { repr } from "../values/repr.js";
import { FrozenSet, PySet } from "../values/set.js";
import { Tuple } from "../values/tuple.js";
import { truthy } from "../values/truth.js";
import { typeName } from "../values/typename.js";
import { pyClass } from "./callable-class.js";
import { moduleObject } from "./module-object.js";
import { extraKind, layoutExtra, type ExtraKind, type PrintContext } from "./pprint-types.js";

type Kind = "dict" | "list" | "tuple" | "set" | "frozenset" | "str" | ExtraKind | null;

/** Marks the `__repr__` of the bases of `class Registry(dict)` (runtime/lang/container-dunders.ts). */
const CONTAINER_REPR = Symbol.for("pyts.containerRepr");

/** The `__repr__` an object's class defines, if any (the built-in containers define none). */
function ownRepr(x: object): unknown {
  return (x as { __repr__?: unknown }).__repr__;
}

/**
 * The container kinds pprint lays out: CPython dispatches on `type(x).__repr__`, so a subclass
 * that keeps its base's repr is laid out as the base is.
 */
function kindOf(x: unknown): Kind {
  if (typeof x === "string") return "str";
  if (typeof x !== "object" || x === null) return null;
  const r = ownRepr(x);
  if (r === undefined || (typeof r === "function" && (r as unknown as Record<symbol, unknown>)[CONTAINER_REPR] === true)) {
    if (Array.isArray(x)) return "list";
    if (x instanceof Tuple) return "tuple";
    if (x instanceof Dict) return "dict";
    if (x instanceof PySet) return "set";
    if (x instanceof FrozenSet) return "frozenset";
  }
  return extraKind(x, r);
}

/** Sort as CPython's _safe_key: by `<` where the items allow it, else by type name. */
function safeSorted<T>(items: T[], key: (x: T) => unknown): T[] {
  return items.slice().sort((a, b) => {
    const x = key(a);
    const y = key(b);
    try {
      return lt(x, y) ? -1 : lt(y, x) ? 1 : 0;
    } catch {
      const tx = `<class '${typeName(x)}'>`;
      const ty = `<class '${typeName(y)}'>`;
      return tx < ty ? -1 : tx > ty ? 1 : 0;
    }
  });
}

export function plen(s: string): number {
  return s.length === Array.from(s).length ? s.length : Array.from(s).length;
}

function nonNegative(value: unknown, name: string, allowZero: boolean): number | null {
  if (value === null || value === undefined) return null;
  const n = Number(value);
  if (allowZero ? n < 0 : n <= 0) throw new ValueError(`${name} must be ${allowZero ? ">= 0" : "> 0"}`);
  return n;
}

/** CPython's `_recursion`: the marker written in place of a container met again inside itself. */
function recursionMark(x: unknown): string {
  return `<Recursion on ${typeName(x)} with id=${id(x)}>`;
}

/** An int as `f"{n:_d}"` writes it (`underscore_numbers=True`). */
function groupDigits(n: bigint): string {
  const digits = (n < 0n ? -n : n).toString();
  const grouped = digits.replace(/\B(?=(\d{3})+$)/g, "_");
  return n < 0n ? "-" + grouped : grouped;
}

export class PrettyPrinter {
  static readonly __module__ = "pprint";
  readonly indentPerLevel: number;
  readonly width: number;
  private readonly depth: number | null;
  private readonly compact: boolean;
  private readonly sortDicts: boolean;
  private readonly underscoreNumbers: boolean;
  private readonly stream: unknown;

  constructor(...args: unknown[]) {
    const [positional, kws] = splitKw(args);
    const names = ["indent", "width", "depth", "stream"];
    const given: KwArgs = Object.create(null) as KwArgs;
    positional.forEach((v, i) => (given[names[i]!] = v));
    for (const [k, v] of Object.entries(kws)) {
      if (![...names, "compact", "sort_dicts", "underscore_numbers"].includes(k)) throw new PyTypeError(`PrettyPrinter.__init__() got an unexpected keyword argument '${k}'`);
      given[k] = v;
    }
    this.indentPerLevel = nonNegative(given["indent"] ?? 1n, "indent", true)!;
    this.width = Number(given["width"] ?? 80n);
    if (this.width === 0) throw new ValueError("width must be != 0");
    this.depth = nonNegative(given["depth"], "depth", false);
    this.compact = truthy(given["compact"] ?? false);
    this.sortDicts = truthy(given["sort_dicts"] ?? true);
    this.underscoreNumbers = truthy(given["underscore_numbers"] ?? false);
    this.stream = given["stream"] ?? null;
  }

  /** `(repr, readable, recursive)` of an object, nested containers limited to `depth`. */
  private safeRepr(x: unknown, context: PrintContext, maxLevels: number | null, level: number): [string, boolean, boolean] {
    if (typeof x === "bigint" && this.underscoreNumbers) return [groupDigits(x), true, false];
    const kind = kindOf(x);
    if (kind === "dict") {
      const d = x as Dict;
      if (d.size === 0) return ["{}", true, false];
      if (maxLevels && level >= maxLevels) return ["{...}", false, context.has(id(x))];
      if (context.has(id(x))) return [recursionMark(x), false, true];
      context.set(id(x), 1n);
      let readable = true;
      let recursive = false;
      let entries = [...d.entries()] as Array<[unknown, unknown]>;
      if (this.sortDicts) entries = safeSorted(entries, (e) => e[0]);
      const parts = entries.map(([k, v]) => {
        const [kr, kRead, kRec] = this.formatPart(k, context, maxLevels, level + 1);
        const [vr, vRead, vRec] = this.formatPart(v, context, maxLevels, level + 1);
        readable = readable && kRead && vRead;
        recursive = recursive || kRec || vRec;
        return `${kr}: ${vr}`;
      });
      context.delete(id(x));
      return [`{${parts.join(", ")}}`, readable, recursive];
    }
    if (kind === "list" || kind === "tuple") {
      const items = kind === "list" ? (x as unknown[]) : (x as Tuple).items;
      const [open, close] = kind === "list" ? ["[", "]"] : items.length === 1 ? ["(", ",)"] : ["(", ")"];
      if (items.length === 0) return [open + (kind === "list" ? "]" : ")"), true, false];
      if (maxLevels && level >= maxLevels) return [`${open}...${close}`, false, context.has(id(x))];
      if (context.has(id(x))) return [recursionMark(x), false, true];
      context.set(id(x), 1n);
      let readable = true;
      let recursive = false;
      const parts = items.map((item) => {
        const [r, read, rec] = this.formatPart(item, context, maxLevels, level + 1);
        readable = readable && read;
        recursive = recursive || rec;
        return r;
      });
      context.delete(id(x));
      return [open + parts.join(", ") + close, readable, recursive];
    }
    const text = repr(x);
    return [text, text !== "" && !text.startsWith("<"), false];
  }

  /**
   * `format(object, context, maxlevels, level)`: `(repr, readable, recursive)`, what a subclass
   * overrides to print some values its own way; every repr the printer makes goes through it.
   */
  format(x: unknown, context: unknown, maxLevels: unknown, level: unknown): any {
    if (!(context instanceof Dict)) throw new PyTypeError(`PrettyPrinter.format() context must be a dict, not ${typeName(context)}`);
    const levels = maxLevels === null || maxLevels === undefined ? null : Number(maxLevels);
    return Tuple.from(this.safeRepr(x, context as PrintContext, levels, Number(level)));
  }

  /** `self.format(...)` unpacked: the runtime's own unless a subclass overrides it. */
  private formatPart(x: unknown, context: PrintContext, maxLevels: number | null, level: number): [string, boolean, boolean] {
    if ((this as { format: unknown }).format === PrettyPrinter.prototype.format) return this.safeRepr(x, context, maxLevels, level);
    const result = callMethod(this, "format", x, context, maxLevels === null ? null : BigInt(maxLevels), BigInt(level));
    const parts = [...(result as Iterable<unknown>)];
    if (parts.length !== 3) throw new ValueError(parts.length > 3 ? "too many values to unpack (expected 3)" : `not enough values to unpack (expected 3, got ${parts.length})`);
    return [parts[0] as string, truthy(parts[1]), truthy(parts[2])];
  }

  /** `_repr`: the depth-limited one-line repr. */
  _repr(x: unknown, context: PrintContext, level: number): string {
    return this.formatPart(x, new Dict(context.entries()), this.depth, level)[0];
  }

  /** `_format`: the object at `indent`, split over lines when its repr does not fit. */
  _format(x: unknown, out: string[], indent: number, allowance: number, context: PrintContext, level: number): void {
    if (context.has(id(x)) && typeof x === "object") {
      out.push(recursionMark(x));
      return;
    }
    const text = this._repr(x, context, level);
    const maxWidth = this.width - indent - allowance;
    const kind = kindOf(x);
    if (plen(text) > maxWidth && kind !== null) {
      context.set(id(x), 1n);
      this.layout(kind, x, out, indent, allowance, context, level + 1);
      context.delete(id(x));
      return;
    }
    out.push(text);
  }

  private layout(kind: Exclude<Kind, null>, x: unknown, out: string[], indent: number, allowance: number, context: PrintContext, level: number): void {
    switch (kind) {
      case "dict": {
        out.push("{");
        if (this.indentPerLevel > 1) out.push(" ".repeat(this.indentPerLevel - 1));
        const d = x as Dict;
        if (d.size > 0) this._format_dict_items(this._dict_entries(d), out, indent, allowance + 1, context, level);
        out.push("}");
        return;
      }
      case "list":
        out.push("[");
        this._format_items(x as unknown[], out, indent, allowance + 1, context, level);
        out.push("]");
        return;
      case "tuple": {
        const items = (x as Tuple).items as unknown[];
        const end = items.length === 1 ? ",)" : ")";
        out.push("(");
        this._format_items(items, out, indent, allowance + end.length, context, level);
        out.push(end);
        return;
      }
      case "set":
      case "frozenset": {
        const items = [...(x as Iterable<unknown>)];
        if (items.length === 0) {
          out.push(repr(x));
          return;
        }
        let end = "}";
        const exact = (x as object).constructor === (kind === "set" ? PySet : FrozenSet);
        if (kind === "set" && exact) out.push("{");
        else {
          // A subclass (and frozenset) writes its name: `Bag({...})`.
          const name = typeName(x);
          out.push(name + "({");
          end = "})";
          indent += name.length + 1;
        }
        this._format_items(safeSorted(items, (i) => i), out, indent, allowance + end.length, context, level);
        out.push(end);
        return;
      }
      case "str":
        this._string(x as string, out, indent, allowance, level);
        return;
      default:
        layoutExtra(this, kind, x, out, indent, allowance, context, level);
    }
  }

  /** A dict's items, sorted by key when `sort_dicts`. */
  _dict_entries(d: Dict): Array<[unknown, unknown]> {
    const entries = [...d.entries()] as Array<[unknown, unknown]>;
    return this.sortDicts ? safeSorted(entries, (e) => e[0]) : entries;
  }

  /** `_format_dict_items`: `key: value` pairs, one a line. */
  _format_dict_items(entries: Array<[unknown, unknown]>, out: string[], indent: number, allowance: number, context: PrintContext, level: number): void {
    const inner = indent + this.indentPerLevel;
    entries.forEach(([k, v], i) => {
      const last = i === entries.length - 1;
      const keyText = this._repr(k, context, level);
      out.push(keyText, ": ");
      this._format(v, out, inner + plen(keyText) + 2, last ? allowance : 1, context, level);
      if (!last) out.push(",\n" + " ".repeat(inner));
    });
  }

  /** `_format_namespace_items`: `name=value` pairs, one a line (dataclasses, namespaces). */
  _format_namespace_items(entries: Array<[string, unknown]>, out: string[], indent: number, allowance: number, context: PrintContext, level: number): void {
    entries.forEach(([k, v], i) => {
      const last = i === entries.length - 1;
      out.push(k, "=");
      if (typeof v === "object" && v !== null && context.has(id(v))) out.push("...");
      else this._format(v, out, indent + plen(k) + 1, last ? allowance : 1, context, level);
      if (!last) out.push(",\n" + " ".repeat(indent));
    });
  }

  /** `_format_items`: a sequence's items, one a line (or packed when `compact`). */
  _format_items(items: unknown[], out: string[], indent: number, allowance: number, context: PrintContext, level: number): void {
    indent += this.indentPerLevel;
    if (this.indentPerLevel > 1) out.push(" ".repeat(this.indentPerLevel - 1));
    const newline = ",\n" + " ".repeat(indent);
    let delim = "";
    let width = this.width - indent + 1;
    let maxWidth = width;
    items.forEach((item, i) => {
      const last = i === items.length - 1;
      if (last) {
        maxWidth -= allowance;
        width -= allowance;
      }
      if (this.compact) {
        const text = this._repr(item, context, level);
        const w = plen(text) + 2;
        if (width < w) {
          width = maxWidth;
          if (delim) delim = newline;
        }
        if (width >= w) {
          width -= w;
          out.push(delim, text);
          delim = ", ";
          return;
        }
      }
      out.push(delim);
      delim = newline;
      this._format(item, out, indent, last ? allowance : 1, context, level);
    });
  }

  /** A long str as adjacent literals, split at line ends and then between words. */
  _string(s: string, out: string[], indent: number, allowance: number, level: number): void {
    if (s.length === 0) {
      out.push(repr(s));
      return;
    }
    const chunks: string[] = [];
    const lines = callMethod(s, "splitlines", true) as string[];
    if (level === 1) {
      indent += 1;
      allowance += 1;
    }
    let maxWidth1 = this.width - indent;
    const maxWidth = maxWidth1;
    let text = "";
    lines.forEach((line, i) => {
      text = repr(line);
      if (i === lines.length - 1) maxWidth1 -= allowance;
      if (plen(text) <= maxWidth1) {
        chunks.push(text);
        return;
      }
      const parts = line.match(/\S*\s*/gu)!.filter((p, j, all) => p !== "" || j < all.length - 1);
      if (parts[parts.length - 1] === "") parts.pop();
      let maxWidth2 = maxWidth;
      let current = "";
      parts.forEach((part, j) => {
        const candidate = current + part;
        if (j === parts.length - 1 && i === lines.length - 1) maxWidth2 -= allowance;
        if (plen(repr(candidate)) > maxWidth2) {
          if (current) chunks.push(repr(current));
          current = part;
        } else current = candidate;
      });
      if (current) chunks.push(repr(current));
    });
    if (chunks.length === 1) {
      out.push(text);
      return;
    }
    if (level === 1) out.push("(");
    chunks.forEach((chunk, i) => {
      if (i > 0) out.push("\n" + " ".repeat(indent));
      out.push(chunk);
    });
    if (level === 1) out.push(")");
  }

  pformat(x: unknown): any {
    const out: string[] = [];
    this._format(x, out, 0, 0, new Dict(), 0);
    return out.join("");
  }

  pprint(x: unknown): any {
    const text = this.pformat(x) as string;
    if (this.stream === null) print(text);
    else callMethod(this.stream, "write", text + "\n");
    return null;
  }

  oneLine(x: unknown): string {
    return this.safeRepr(x, new Dict(), null, 0)[0];
  }

  // Like CPython's, these two look at the whole object: the printer's depth does not apply.
  isreadable(x: unknown): any {
    const [, readable, recursive] = this.formatPart(x, new Dict(), null, 0);
    return readable && !recursive;
  }

  isrecursive(x: unknown): any {
    return this.formatPart(x, new Dict(), null, 0)[2];
  }
}

/** The object and a PrettyPrinter from a call's other arguments (`names`: positional ones). */
function printer(args: unknown[], names: string[], defaults: Record<string, unknown> = {}): [unknown, PrettyPrinter] {
  const [positional, kws] = splitKw(args);
  if (positional.length === 0 && !("object" in kws)) throw new PyTypeError("missing 1 required positional argument: 'object'");
  const object = positional.length > 0 ? positional[0] : kws["object"];
  const options: KwArgs = Object.assign(Object.create(null) as KwArgs, defaults);
  positional.slice(1).forEach((v, i) => (options[names[i]!] = v));
  for (const [k, v] of Object.entries(kws)) if (k !== "object") options[k] = v;
  return [object, new PrettyPrinter(new Kwargs(options))];
}

function pformat(...args: unknown[]): any {
  const [object, p] = printer(args, ["indent", "width", "depth"]);
  return p.pformat(object);
}

function pprint(...args: unknown[]): any {
  const [object, p] = printer(args, ["stream", "indent", "width", "depth"]);
  return p.pprint(object);
}

function pp(...args: unknown[]): any {
  const [object, p] = printer(args, ["stream", "indent", "width", "depth"], { sort_dicts: false });
  return p.pprint(object);
}

const shared = new PrettyPrinter();

export const pprintModule = moduleObject("pprint", {
  __all__: ["pprint", "pformat", "isreadable", "isrecursive", "saferepr", "PrettyPrinter", "pp"],
  PrettyPrinter: pyClass(PrettyPrinter),
  pprint: builtinFunction(pprint, "pprint"),
  pformat: builtinFunction(pformat, "pformat"),
  pp: builtinFunction(pp, "pp"),
  saferepr: builtinFunction((x: unknown) => safeRepr(x), "saferepr"),
  isreadable: builtinFunction((x: unknown) => shared.isreadable(x), "isreadable"),
  isrecursive: builtinFunction((x: unknown) => shared.isrecursive(x), "isrecursive"),
});

/** `saferepr`: the one-line repr, dicts sorted, recursion marked. */
function safeRepr(x: unknown): string {
  return shared.oneLine(x);
}
