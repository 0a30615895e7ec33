// pprint's layouts for the types beyond dict/list/tuple/set/str, as CPython 3.11's
// PrettyPrinter dispatches them (on `type(x).__repr__`, so a subclass that keeps its base's
// repr is laid out as the base): OrderedDict, defaultdict, Counter, ChainMap, deque,
// UserDict/UserList/UserString, bytes, bytearray, mappingproxy, SimpleNamespace, and dataclass
// instances whose repr is the generated one.

import { Bytes } from "../values/bytes.js";
import { ByteArray } from "../values/bytearray.js";
import { Dict } from "../values/dict.js";
import { callMethod } from "../values/methods.js";
import { repr } from "../values/repr.js";
import { Tuple } from "../values/tuple.js";
import { typeName } from "../values/typename.js";
import { ChainMap } from "./collections.js";
import { Counter, DefaultDict, OrderedDict } from "./collections-mappings.js";
import { UserDict, UserList, UserString } from "./collections-user.js";
import { Deque } from "./deque.js";
import { MappingProxyType, SimpleNamespace } from "./types.js";

export type ExtraKind = "ordereddict" | "defaultdict" | "counter" | "chainmap" | "deque" | "user" | "bytes" | "bytearray" | "mappingproxy" | "namespace" | "dataclass";

/** The containers being printed, as CPython keeps them: `{id(obj): 1}` (what `format` receives). */
export type PrintContext = Dict<bigint, bigint>;

/** What the layouts use of a PrettyPrinter (pprint.ts). */
export interface Layouts {
  readonly indentPerLevel: number;
  readonly width: number;
  _repr(x: unknown, context: PrintContext, level: number): string;
  _format(x: unknown, out: string[], indent: number, allowance: number, context: PrintContext, level: number): void;
  _format_items(items: unknown[], out: string[], indent: number, allowance: number, context: PrintContext, level: number): void;
  _format_dict_items(entries: Array<[unknown, unknown]>, out: string[], indent: number, allowance: number, context: PrintContext, level: number): void;
  _dict_entries(d: Dict): Array<[unknown, unknown]>;
  _format_namespace_items(entries: Array<[string, unknown]>, out: string[], indent: number, allowance: number, context: PrintContext, level: number): void;
}

/** The fields a dataclass's generated `__repr__` shows (dataclasses.ts marks it). */
const DATACLASS_REPR_FIELDS = Symbol.for("pyts.dataclassReprFields");

type ReprFields = Array<{ name: string; repr: boolean }>;

function dataclassFields(r: unknown): ReprFields | undefined {
  return typeof r === "function" ? (r as unknown as { [DATACLASS_REPR_FIELDS]?: ReprFields })[DATACLASS_REPR_FIELDS] : undefined;
}

/** The kind of `x` (an object whose class's `__repr__` is `r`), or null. */
export function extraKind(x: object, r: unknown): ExtraKind | null {
  const keeps = (cls: { prototype: object }): boolean => r === (cls.prototype as { __repr__?: unknown }).__repr__;
  if (x instanceof Dict) {
    if (x instanceof Counter) return keeps(Counter) ? "counter" : null;
    if (x instanceof DefaultDict) return keeps(DefaultDict) ? "defaultdict" : null;
    if (x instanceof OrderedDict) return keeps(OrderedDict) ? "ordereddict" : null;
    return null;
  }
  if (x instanceof Bytes) {
    if (r !== undefined) return null;
    return x instanceof ByteArray ? "bytearray" : "bytes";
  }
  if (x instanceof Deque) return keeps(Deque) ? "deque" : null;
  if (x instanceof ChainMap) return keeps(ChainMap) ? "chainmap" : null;
  if (x instanceof UserDict) return keeps(UserDict) ? "user" : null;
  if (x instanceof UserList) return keeps(UserList) ? "user" : null;
  if (x instanceof UserString) return keeps(UserString) ? "user" : null;
  if (x instanceof MappingProxyType) return keeps(MappingProxyType) ? "mappingproxy" : null;
  if (x instanceof SimpleNamespace) return keeps(SimpleNamespace) ? "namespace" : null;
  if (typeof x !== "function" && dataclassFields(r) !== undefined) return "dataclass";
  return null;
}

/** The class's `__name__` (CPython's layouts write `object.__class__.__name__`). */
function className(x: object): string {
  return typeName(x);
}

function bytesChunks(b: Uint8Array, width: number, allowance: number): string[] {
  const out: string[] = [];
  const text = (from: number, to: number): string => repr(Bytes.fromArray(b.subarray(from, to)));
  let start = 0;
  let end = 0;
  const last = Math.floor(b.length / 4) * 4;
  for (let i = 0; i < b.length; i += 4) {
    const stop = Math.min(i + 4, b.length);
    if (i === last) width -= allowance;
    if (text(start, stop).length > width) {
      if (end > start) out.push(text(start, end));
      start = i;
    }
    end = stop;
  }
  if (end > start) out.push(text(start, end));
  return out;
}

function layoutBytes(p: Layouts, b: Uint8Array, out: string[], indent: number, allowance: number, level: number): void {
  if (b.length <= 4) {
    out.push(repr(Bytes.fromArray(b)));
    return;
  }
  const parens = level === 1;
  if (parens) {
    indent += 1;
    allowance += 1;
    out.push("(");
  }
  bytesChunks(b, p.width - indent, allowance).forEach((chunk, i) => {
    if (i > 0) out.push("\n" + " ".repeat(indent));
    out.push(chunk);
  });
  if (parens) out.push(")");
}

/** Lay `x` of kind `kind` out over lines (its one-line repr does not fit). */
export function layoutExtra(p: Layouts, kind: ExtraKind, x: unknown, out: string[], indent: number, allowance: number, context: PrintContext, level: number): void {
  const obj = x as object;
  switch (kind) {
    case "ordereddict": {
      const d = obj as Dict;
      if (d.size === 0) return void out.push(repr(d));
      const name = className(obj);
      out.push(name + "(");
      p._format([...d.entries()].map(([k, v]) => Tuple.from([k, v])), out, indent + name.length + 1, allowance + 1, context, level);
      out.push(")");
      return;
    }
    case "defaultdict": {
      const d = obj as DefaultDict;
      if (d.size === 0) return void out.push(repr(d));
      const factory = p._repr(d.default_factory, context, level);
      const name = className(obj);
      indent += name.length + 1;
      out.push(`${name}(${factory},\n${" ".repeat(indent)}`);
      plainDict(p, d, out, indent, allowance + 1, context, level);
      out.push(")");
      return;
    }
    case "counter": {
      const c = obj as Counter;
      if (c.size === 0) return void out.push(repr(c));
      const name = className(obj);
      out.push(name + "({");
      if (p.indentPerLevel > 1) out.push(" ".repeat(p.indentPerLevel - 1));
      const entries = c.most_common().map((t) => [t.items[0], t.items[1]] as [unknown, unknown]);
      p._format_dict_items(entries, out, indent + name.length + 1, allowance + 2, context, level);
      out.push("})");
      return;
    }
    case "chainmap": {
      const maps = (obj as ChainMap).maps;
      if (maps.length === 0) return void out.push(repr(obj));
      const name = className(obj);
      out.push(name + "(");
      indent += name.length + 1;
      maps.forEach((m, i) => {
        if (i === maps.length - 1) {
          p._format(m, out, indent, allowance + 1, context, level);
          out.push(")");
        } else {
          p._format(m, out, indent, 1, context, level);
          out.push(",\n" + " ".repeat(indent));
        }
      });
      return;
    }
    case "deque": {
      const d = obj as Deque;
      const items = [...d];
      if (items.length === 0) return void out.push(repr(d));
      const name = className(obj);
      out.push(name + "(");
      indent += name.length + 1;
      out.push("[");
      if (d.maxlen === null) {
        p._format_items(items, out, indent, allowance + 2, context, level);
        out.push("])");
      } else {
        p._format_items(items, out, indent, 2, context, level);
        out.push(`],\n${" ".repeat(indent)}maxlen=${p._repr(d.maxlen, context, level)})`);
      }
      return;
    }
    case "user":
      p._format((obj as { data: unknown }).data, out, indent, allowance, context, level - 1);
      return;
    case "bytes":
      layoutBytes(p, obj as Uint8Array, out, indent, allowance, level);
      return;
    case "bytearray":
      out.push("bytearray(");
      layoutBytes(p, obj as Uint8Array, out, indent + 10, allowance + 1, level + 1);
      out.push(")");
      return;
    case "mappingproxy":
      out.push("mappingproxy(");
      p._format(callMethod(obj, "copy"), out, indent + 13, allowance + 1, context, level);
      out.push(")");
      return;
    case "namespace": {
      const name = obj.constructor === SimpleNamespace ? "namespace" : className(obj);
      const entries = (obj as unknown as { attributes(): Array<[string, unknown]> }).attributes();
      out.push(name + "(");
      p._format_namespace_items(entries, out, indent + name.length + 1, allowance, context, level);
      out.push(")");
      return;
    }
    case "dataclass": {
      const name = className(obj);
      const fields = dataclassFields(ownReprOf(obj))!.filter((f) => f.repr);
      out.push(name + "(");
      p._format_namespace_items(fields.map((f) => [f.name, (obj as Record<string, unknown>)[f.name]]), out, indent + name.length + 1, allowance, context, level);
      out.push(")");
      return;
    }
  }
}

function ownReprOf(x: object): unknown {
  return (x as { __repr__?: unknown }).__repr__;
}

/** A dict's `{...}` layout (CPython's `_pprint_dict`, which defaultdict reuses). */
function plainDict(p: Layouts, d: Dict, out: string[], indent: number, allowance: number, context: PrintContext, level: number): void {
  out.push("{");
  if (p.indentPerLevel > 1) out.push(" ".repeat(p.indentPerLevel - 1));
  p._format_dict_items(p._dict_entries(d), out, indent, allowance + 1, context, level);
  out.push("}");
}
