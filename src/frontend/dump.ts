// `ast.dump(tree, include_attributes=True)` text for our AST, byte-for-byte as CPython 3.11
// prints it, so the frontend can be checked against python3 directly.
import type { ConstantValue, Module } from "./ast.js";
import { NON_PRINTABLE_RANGES } from "./unicode_printable_data.js";

const FIELDS: Record<string, string[]> = {
  Module: ["body", "type_ignores"],
  FunctionDef: ["name", "args", "body", "decorator_list", "returns", "type_comment"],
  AsyncFunctionDef: ["name", "args", "body", "decorator_list", "returns", "type_comment"],
  ClassDef: ["name", "bases", "keywords", "body", "decorator_list"],
  Return: ["value"], Delete: ["targets"], Assign: ["targets", "value", "type_comment"],
  AugAssign: ["target", "op", "value"], AnnAssign: ["target", "annotation", "value", "simple"],
  For: ["target", "iter", "body", "orelse", "type_comment"],
  AsyncFor: ["target", "iter", "body", "orelse", "type_comment"],
  While: ["test", "body", "orelse"], If: ["test", "body", "orelse"],
  With: ["items", "body", "type_comment"], AsyncWith: ["items", "body", "type_comment"],
  Match: ["subject", "cases"], Raise: ["exc", "cause"],
  Try: ["body", "handlers", "orelse", "finalbody"], TryStar: ["body", "handlers", "orelse", "finalbody"],
  Assert: ["test", "msg"], Import: ["names"], ImportFrom: ["module", "names", "level"],
  Global: ["names"], Nonlocal: ["names"], Expr: ["value"], Pass: [], Break: [], Continue: [],
  BoolOp: ["op", "values"], NamedExpr: ["target", "value"], BinOp: ["left", "op", "right"],
  UnaryOp: ["op", "operand"], Lambda: ["args", "body"], IfExp: ["test", "body", "orelse"],
  Dict: ["keys", "values"], Set: ["elts"], ListComp: ["elt", "generators"],
  SetComp: ["elt", "generators"], DictComp: ["key", "value", "generators"],
  GeneratorExp: ["elt", "generators"], Await: ["value"], Yield: ["value"], YieldFrom: ["value"],
  Compare: ["left", "ops", "comparators"], Call: ["func", "args", "keywords"],
  FormattedValue: ["value", "conversion", "format_spec"], JoinedStr: ["values"],
  Constant: ["value", "kind"], Attribute: ["value", "attr", "ctx"], Subscript: ["value", "slice", "ctx"],
  Starred: ["value", "ctx"], Name: ["id", "ctx"], List: ["elts", "ctx"], Tuple: ["elts", "ctx"],
  Slice: ["lower", "upper", "step"],
  comprehension: ["target", "iter", "ifs", "is_async"],
  ExceptHandler: ["type", "name", "body"],
  arguments: ["posonlyargs", "args", "vararg", "kwonlyargs", "kw_defaults", "kwarg", "defaults"],
  arg: ["arg", "annotation", "type_comment"], keyword: ["arg", "value"], alias: ["name", "asname"],
  withitem: ["context_expr", "optional_vars"], match_case: ["pattern", "guard", "body"],
  MatchValue: ["value"], MatchSingleton: ["value"], MatchSequence: ["patterns"],
  MatchMapping: ["keys", "patterns", "rest"], MatchClass: ["cls", "patterns", "kwd_attrs", "kwd_patterns"],
  MatchStar: ["name"], MatchAs: ["pattern", "name"], MatchOr: ["patterns"],
};

/** Node kinds without position attributes. */
const NO_ATTRIBUTES = new Set(["Module", "comprehension", "arguments", "withitem", "match_case"]);
const ATTRIBUTES = ["lineno", "col_offset", "end_lineno", "end_col_offset"];

/** Fields typed `?` in CPython's ASDL: a None there is left out of the dump. */
const OPTIONAL = new Set([
  "returns", "type_comment", "exc", "cause", "msg", "module", "format_spec", "kind", "lower",
  "upper", "step", "vararg", "kwarg", "annotation", "asname", "optional_vars", "guard", "rest",
]);
function isOptional(type: string, field: string): boolean {
  if (OPTIONAL.has(field)) return true;
  if (field === "value") return type === "Return" || type === "AnnAssign" || type === "Yield";
  if (field === "arg") return type === "keyword";
  if (field === "type") return type === "ExceptHandler";
  if (field === "name") return type === "ExceptHandler" || type === "MatchStar" || type === "MatchAs";
  if (field === "pattern") return type === "MatchAs";
  return false;
}

/** Fields holding a bare enum name (`Load`, `Add`, ...) printed as `Name()`. */
const ENUM_FIELDS = new Set(["ctx", "op"]);

export function dumpAst(module: Module): string {
  return formatNode(module as unknown as Record<string, unknown>);
}

function formatNode(node: Record<string, unknown>): string {
  const type = node._type as string;
  const fields = FIELDS[type];
  if (!fields) throw new Error(`dumpAst: unknown node ${type}`);
  const parts: string[] = [];
  for (const f of fields) {
    const v = node[f];
    if ((v === null || v === undefined) && isOptional(type, f)) continue;
    parts.push(`${f}=${formatField(type, f, v)}`);
  }
  if (!NO_ATTRIBUTES.has(type)) for (const a of ATTRIBUTES) parts.push(`${a}=${node[a] as number}`);
  return `${type}(${parts.join(", ")})`;
}

function formatField(type: string, field: string, v: unknown): string {
  if (ENUM_FIELDS.has(field) && typeof v === "string") return `${v}()`;
  if (field === "ops" && Array.isArray(v)) return `[${v.map((o) => `${o as string}()`).join(", ")}]`;
  if ((type === "Constant" || type === "MatchSingleton") && field === "value") return reprConstant(v as ConstantValue);
  return formatValue(v);
}

function formatValue(v: unknown): string {
  if (v === null || v === undefined) return "None";
  if (Array.isArray(v)) return `[${v.map(formatValue).join(", ")}]`;
  if (typeof v === "string") return reprStr(v);
  if (typeof v === "number") return String(v);
  if (typeof v === "object" && "_type" in v) return formatNode(v as Record<string, unknown>);
  throw new Error(`dumpAst: cannot format ${String(v)}`);
}

export function reprConstant(c: ConstantValue): string {
  switch (c.kind) {
    case "None": return "None";
    case "Ellipsis": return "Ellipsis";
    case "bool": return c.value ? "True" : "False";
    case "int": return c.value.toString();
    case "float": return reprFloat(c.value, true);
    case "complex": return `${reprFloat(c.imag, false)}j`;
    case "str": return reprStr(c.value, c.split);
    case "bytes": return reprBytes(c.value);
  }
}

/** Python's repr(float): shortest round-tripping digits, exponent outside [1e-4, 1e16). */
export function reprFloat(x: number, forceDecimal: boolean): string {
  if (Number.isNaN(x)) return "nan";
  if (!Number.isFinite(x)) return x > 0 ? "inf" : "-inf";
  if (x === 0) return (Object.is(x, -0) ? "-0" : "0") + (forceDecimal ? ".0" : "");
  const [mant, expText] = x.toExponential().split("e") as [string, string];
  const exp = Number(expText);
  const neg = mant.startsWith("-");
  const digits = mant.replace("-", "").replace(".", "");
  let out: string;
  if (exp >= -4 && exp < 16) {
    if (exp < 0) out = "0." + "0".repeat(-exp - 1) + digits;
    else if (digits.length <= exp + 1) out = digits + "0".repeat(exp + 1 - digits.length) + (forceDecimal ? ".0" : "");
    else out = digits.slice(0, exp + 1) + "." + digits.slice(exp + 1);
  } else {
    const m = digits.length > 1 ? digits[0] + "." + digits.slice(1) : digits;
    out = `${m}e${exp < 0 ? "-" : "+"}${String(Math.abs(exp)).padStart(2, "0")}`;
  }
  return (neg ? "-" : "") + out;
}

let hiddenRanges: number[] | null = null;

/** Whether repr() escapes the code point (not str.isprintable() in CPython's Unicode version). */
function nonPrintable(cp: number): boolean {
  // flat [first0, last0, first1, last1, ...], sorted
  hiddenRanges ??= NON_PRINTABLE_RANGES.split(",").flatMap((r) => {
    const [a, b] = r.split("-");
    return [parseInt(a!, 16), parseInt(b ?? a!, 16)];
  });
  let lo = 0;
  let hi = hiddenRanges.length / 2 - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (cp < hiddenRanges[2 * mid]!) hi = mid - 1;
    else if (cp > hiddenRanges[2 * mid + 1]!) lo = mid + 1;
    else return true;
  }
  return false;
}

/** `split`: indexes of low surrogates shown as lone, apart from the high one before them. */
export function reprStr(s: string, split: readonly number[] = []): string {
  const quote = s.includes("'") && !s.includes('"') ? '"' : "'";
  let out = quote;
  const chars: string[] = [];
  let at = 0;
  for (const ch of s) {
    if (ch.length === 2 && split.includes(at + 1)) chars.push(ch[0]!, ch[1]!);
    else chars.push(ch);
    at += ch.length;
  }
  for (const ch of chars) {
    const cp = ch.codePointAt(0)!;
    if (ch === quote || ch === "\\") out += "\\" + ch;
    else if (ch === "\t") out += "\\t";
    else if (ch === "\n") out += "\\n";
    else if (ch === "\r") out += "\\r";
    else if (cp < 0x20 || cp === 0x7f) out += "\\x" + cp.toString(16).padStart(2, "0");
    else if (cp < 0x7f || ch === " ") out += ch;
    else if (nonPrintable(cp)) {
      if (cp <= 0xff) out += "\\x" + cp.toString(16).padStart(2, "0");
      else if (cp <= 0xffff) out += "\\u" + cp.toString(16).padStart(4, "0");
      else out += "\\U" + cp.toString(16).padStart(8, "0");
    } else out += ch;
  }
  return out + quote;
}

export function reprBytes(b: Uint8Array): string {
  const hasSingle = b.includes(0x27);
  const quote = hasSingle && !b.includes(0x22) ? '"' : "'";
  let out = "b" + quote;
  for (const byte of b) {
    const ch = String.fromCharCode(byte);
    if (ch === quote || ch === "\\") out += "\\" + ch;
    else if (ch === "\t") out += "\\t";
    else if (ch === "\n") out += "\\n";
    else if (ch === "\r") out += "\\r";
    else if (byte < 0x20 || byte >= 0x7f) out += "\\x" + byte.toString(16).padStart(2, "0");
    else out += ch;
  }
  return out + quote;
}
