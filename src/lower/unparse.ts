// An expression as source text, the way CPython 3.11's compiler writes it (Python/ast_unparse.c):
// under `from __future__ import annotations` every annotation is stored as this string.
import type * as py from "../frontend/ast.js";
import { floatRepr } from "../../runtime/values/float-repr.js";
import { bytesRepr, strRepr } from "../../runtime/values/str-repr.js";

// ast_unparse.c's precedence levels.
const PR_TUPLE = 0;
const PR_TEST = 1;
const PR_OR = 2;
const PR_AND = 3;
const PR_NOT = 4;
const PR_CMP = 5;
const PR_BOR = 6;
const PR_BXOR = 7;
const PR_BAND = 8;
const PR_SHIFT = 9;
const PR_ARITH = 10;
const PR_TERM = 11;
const PR_FACTOR = 12;
const PR_POWER = 13;
const PR_AWAIT = 14;
const PR_ATOM = 15;

const BINARY: Record<py.Operator, [string, number]> = {
  Add: [" + ", PR_ARITH],
  Sub: [" - ", PR_ARITH],
  Mult: [" * ", PR_TERM],
  MatMult: [" @ ", PR_TERM],
  Div: [" / ", PR_TERM],
  Mod: [" % ", PR_TERM],
  FloorDiv: [" // ", PR_TERM],
  LShift: [" << ", PR_SHIFT],
  RShift: [" >> ", PR_SHIFT],
  BitOr: [" | ", PR_BOR],
  BitXor: [" ^ ", PR_BXOR],
  BitAnd: [" & ", PR_BAND],
  Pow: [" ** ", PR_POWER],
};

const UNARY: Record<py.UnaryOperator, [string, number]> = { Invert: ["~", PR_FACTOR], Not: ["not ", PR_NOT], UAdd: ["+", PR_FACTOR], USub: ["-", PR_FACTOR] };

const COMPARE: Record<py.CmpOp, string> = { Eq: "==", NotEq: "!=", Lt: "<", LtE: "<=", Gt: ">", GtE: ">=", Is: "is", IsNot: "is not", In: "in", NotIn: "not in" };

/** `_PyAST_ExprAsUnicode`: the annotation's text. */
export function unparseAnnotation(e: py.Expr): string {
  return unparse(e, PR_TEST);
}

function paren(cond: boolean, text: string): string {
  return cond ? `(${text})` : text;
}

function unparse(e: py.Expr, level: number): string {
  switch (e._type) {
    case "BoolOp": {
      const pr = e.op === "And" ? PR_AND : PR_OR;
      return paren(level > pr, e.values.map((v) => unparse(v, pr + 1)).join(e.op === "And" ? " and " : " or "));
    }
    case "BinOp": {
      const [op, pr] = BINARY[e.op];
      const rassoc = e.op === "Pow" ? 1 : 0;
      return paren(level > pr, unparse(e.left, pr + rassoc) + op + unparse(e.right, pr + 1 - rassoc));
    }
    case "UnaryOp": {
      const [op, pr] = UNARY[e.op];
      return paren(level > pr, op + unparse(e.operand, pr));
    }
    case "Lambda": {
      const a = e.args;
      const count = a.posonlyargs.length + a.args.length + (a.vararg ? 1 : 0) + a.kwonlyargs.length + (a.kwarg ? 1 : 0);
      return paren(level > PR_TEST, (count ? "lambda " : "lambda") + unparseArgs(a) + ": " + unparse(e.body, PR_TEST));
    }
    case "IfExp":
      return paren(level > PR_TEST, `${unparse(e.body, PR_TEST + 1)} if ${unparse(e.test, PR_TEST + 1)} else ${unparse(e.orelse, PR_TEST)}`);
    case "Dict":
      return `{${e.keys.map((k, i) => (k ? `${unparse(k, PR_TEST)}: ${unparse(e.values[i]!, PR_TEST)}` : `**${unparse(e.values[i]!, PR_EXPR)}`)).join(", ")}}`;
    case "Set":
      return `{${e.elts.map((x) => unparse(x, PR_TEST)).join(", ")}}`;
    case "List":
      return `[${e.elts.map((x) => unparse(x, PR_TEST)).join(", ")}]`;
    case "Tuple": {
      if (e.elts.length === 0) return "()";
      const items = e.elts.map((x) => unparse(x, PR_TEST)).join(", ") + (e.elts.length === 1 ? "," : "");
      return paren(level > PR_TUPLE, items);
    }
    case "ListComp":
      return `[${unparse(e.elt, PR_TEST)}${comprehensions(e.generators)}]`;
    case "SetComp":
      return `{${unparse(e.elt, PR_TEST)}${comprehensions(e.generators)}}`;
    case "DictComp":
      return `{${unparse(e.key, PR_TEST)}: ${unparse(e.value, PR_TEST)}${comprehensions(e.generators)}}`;
    case "GeneratorExp":
      return `(${unparse(e.elt, PR_TEST)}${comprehensions(e.generators)})`;
    case "Compare":
      return paren(level > PR_CMP, unparse(e.left, PR_CMP + 1) + e.ops.map((op, i) => ` ${COMPARE[op]} ${unparse(e.comparators[i]!, PR_CMP + 1)}`).join(""));
    case "Call": {
      const func = unparse(e.func, PR_ATOM);
      if (e.args.length === 1 && e.keywords.length === 0 && e.args[0]!._type === "GeneratorExp") return func + unparse(e.args[0]!, PR_TEST);
      const parts = [...e.args.map((a) => unparse(a, PR_TEST)), ...e.keywords.map((k) => (k.arg === null ? `**${unparse(k.value, PR_TEST)}` : `${k.arg}=${unparse(k.value, PR_TEST)}`))];
      return `${func}(${parts.join(", ")})`;
    }
    case "Starred":
      return `*${unparse(e.value, PR_EXPR)}`;
    case "Attribute": {
      const intValue = e.value._type === "Constant" && e.value.value.kind === "int";
      return unparse(e.value, PR_ATOM) + (intValue ? " ." : ".") + e.attr;
    }
    case "Subscript":
      return `${unparse(e.value, PR_ATOM)}[${unparse(e.slice, PR_TUPLE)}]`;
    case "Slice":
      return (e.lower ? unparse(e.lower, PR_TEST) : "") + ":" + (e.upper ? unparse(e.upper, PR_TEST) : "") + (e.step ? ":" + unparse(e.step, PR_TEST) : "");
    case "Name":
      return e.id;
    case "Constant":
      return (e.kind === "u" ? "u" : "") + constantText(e.value);
    case "JoinedStr":
      return "f" + strRepr(fstringBody(e.values));
    case "FormattedValue":
      return "f" + strRepr(fstringBody([e]));
    case "NamedExpr":
      return paren(level > PR_TUPLE, `${unparse(e.target, PR_ATOM)} := ${unparse(e.value, PR_ATOM)}`);
    case "Await":
      return paren(level > PR_AWAIT, `await ${unparse(e.value, PR_ATOM)}`);
    case "Yield":
      return e.value ? `(yield ${unparse(e.value, PR_TEST)})` : "(yield)";
    case "YieldFrom":
      return `(yield from ${unparse(e.value, PR_TEST)})`;
  }
}

const PR_EXPR = PR_BOR;

function comprehensions(generators: py.Comprehension[]): string {
  return generators
    .map((g) => `${g.is_async ? " async for " : " for "}${unparse(g.target, PR_TUPLE)} in ${unparse(g.iter, PR_TEST + 1)}${g.ifs.map((c) => ` if ${unparse(c, PR_TEST + 1)}`).join("")}`)
    .join("");
}

function argText(a: py.Arg): string {
  return a.annotation ? `${a.arg}: ${unparse(a.annotation, PR_TEST)}` : a.arg;
}

function unparseArgs(a: py.Arguments): string {
  const parts: string[] = [];
  const positional = [...a.posonlyargs, ...a.args];
  positional.forEach((arg, i) => {
    const di = i - positional.length + a.defaults.length;
    let text = argText(arg) + (di >= 0 ? `=${unparse(a.defaults[di]!, PR_TEST)}` : "");
    if (a.posonlyargs.length && i + 1 === a.posonlyargs.length) text += ", /";
    parts.push(text);
  });
  if (a.vararg || a.kwonlyargs.length) parts.push("*" + (a.vararg ? argText(a.vararg) : ""));
  a.kwonlyargs.forEach((arg, i) => {
    const value = a.kw_defaults[i];
    parts.push(argText(arg) + (value ? `=${unparse(value, PR_TEST)}` : ""));
  });
  if (a.kwarg) parts.push("**" + argText(a.kwarg));
  return parts.join(", ");
}

/** repr() of a constant, with CPython's `1e309` for infinities. */
function constantText(v: py.ConstantValue): string {
  switch (v.kind) {
    case "None":
      return "None";
    case "bool":
      return v.value ? "True" : "False";
    case "int":
      return v.value.toString();
    case "float":
      return floatRepr(v.value).replace("inf", "1e309");
    case "complex":
      return floatRepr(v.imag).replace(/\.0$/, "").replace("inf", "1e309") + "j";
    case "str":
      return strRepr(v.value);
    case "bytes":
      return bytesRepr(v.value);
    case "Ellipsis":
      return "...";
  }
}

/** The text inside an f-string's quotes (a format spec's too). */
function fstringBody(values: (py.Constant | py.FormattedValue | py.JoinedStr)[]): string {
  let out = "";
  for (const v of values) {
    if (v._type === "Constant") out += v.value.kind === "str" ? v.value.value.replace(/\{/g, "{{").replace(/\}/g, "}}") : "";
    else if (v._type === "JoinedStr") out += fstringBody(v.values);
    else {
      // PR_TEST + 1: a lambda gets parentheses (its ':' would end the expression).
      const text = unparse(v.value, PR_TEST + 1);
      out += (text.startsWith("{") ? "{ " : "{") + text;
      if (v.conversion > 0) out += "!" + String.fromCharCode(v.conversion);
      if (v.format_spec) out += ":" + fstringBody(v.format_spec.values);
      out += "}";
    }
  }
  return out;
}
