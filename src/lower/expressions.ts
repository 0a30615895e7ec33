// Expressions: constants, names, operators, containers, subscripts, f-strings, lambdas.
import { awaitImplicit, waitsImplicitly } from "./implicit-waits.js";
import { submoduleNotImported } from "./submodules.js";
import { markLazy, mayHoldWaitingGenerator, waitsForItems } from "./waiting-generators.js";
import { attributeReplays, replayed, replays, truthReplays } from "./replay-waits.js";
import type * as py from "../frontend/ast.js";
import type * as ir from "./ir.js";
import type { LowerContext } from "./context.js";
import { lowerName } from "./name-reads.js";
import { BUILTIN_EXCEPTIONS, BUILTIN_METHOD_NAMES, NUMBER_ATTRIBUTES } from "./builtins.js";
import { lowerCall } from "./calls.js";
import { isModuleValue, isRuntimeValue } from "./runtime-values.js";
import { isBuiltinType, isPlainInstanceSelf, readsBoundMethod } from "./attribute-receivers.js";
import { lowerAwait, lowerYield, lowerYieldFrom } from "./coroutines.js";
import { lowerComprehension } from "./comprehensions.js";
import { lowerLambda } from "./functions.js";
import { moduleLacks } from "./imports.js";
import { currentClass, mangle } from "./classes.js";
import { lowerSuperAttribute } from "./super.js";
import { attributeRead, surelyHas } from "./attributes.js";
import { BUILTIN_VALUE_JS_NAMES } from "./star-names.js";
import { lowerNamedExpr } from "./targets.js";
import { lowerIdentity } from "./identity.js";
import { attributeKey, isFunctionReceiver } from "./attr-keys.js";
import { forEachChild, type AnyNode } from "../frontend/walk.js";
import { lowerFloat, lowerFloatCompare, lowerFloatTest, nativeFloat } from "./float-facts.js";
import { intIndex, intSlice, lowerInt, lowerIntAsValue, lowerIntCompare, lowerIntMixedBinOp, lowerIntTest, nativeInt } from "./int-facts.js";
import { guardIterable, guardStarValue } from "./iterable-guards.js";

const BINARY_HELPERS: Record<py.Operator, string> = {
  Add: "add", Sub: "sub", Mult: "mul", Div: "truediv", FloorDiv: "floordiv", Mod: "mod",
  Pow: "power", MatMult: "matmul", LShift: "lshift", RShift: "rshift", BitOr: "bitor",
  BitXor: "bitxor", BitAnd: "bitand",
};

const COMPARE_HELPERS: Record<py.CmpOp, string> = {
  Eq: "eq", NotEq: "ne", Lt: "lt", LtE: "le", Gt: "gt", GtE: "ge", Is: "is_", IsNot: "isNot",
  In: "in_", NotIn: "notIn",
};

/** The comparisons as values: a rich-comparison dunder's result as it returned it. */
const COMPARE_VALUE_HELPERS: Record<py.CmpOp, string> = {
  ...COMPARE_HELPERS, Eq: "eqV", NotEq: "neV", Lt: "ltV", LtE: "leV", Gt: "gtV", GtE: "geV",
};

/** `is`, `is not`, `in`, `not in`: always a bool, whatever the operands' dunders return. */
function boolCompareOp(op: py.CmpOp): boolean {
  return op === "Is" || op === "IsNot" || op === "In" || op === "NotIn";
}

/** Attributes Python computes for every object, which JS objects do not carry as properties. */
const SPECIAL_ATTRIBUTES = new Set(["__annotations__", "__name__", "__qualname__", "__class__", "__dict__", "__doc__", "__module__", "__mro__", "__bases__", "__subclasses__", "__defaults__", "__kwdefaults__", "__closure__", "__code__", "__self__", "__func__"]);

export function lowerExpr(cx: LowerContext, e: py.Expr): ir.Expr {
  const held = cx.heldReceivers.get(e);
  if (held !== undefined) {
    // (a call's receiver its argument guards name: kept in a temporary as it is evaluated)
    cx.heldReceivers.delete(e);
    const value = lowerExpr(cx, e);
    cx.heldReceivers.set(e, held);
    return { k: "assign", op: "=", target: { k: "id", name: held }, value };
  }
  if (e._type === "Attribute" && e.ctx === "Load" && attributeReplays(cx, e, false)) {
    // (a descriptor's `__get__` or a `__getattr__` that waits: getattr under replay)
    const read: ir.Expr = { k: "call", callee: cx.rt("getattr"), args: [lowerExpr(cx, e.value), { k: "str", value: mangle(cx, e.attr) }], loc: cx.loc(e) };
    return replayed(cx, read);
  }
  const value = lowerExprNode(cx, e);
  // (a runtime helper reaching a dunder that waits: run under replay, awaited)
  if (e._type !== "Subscript" || e.ctx === "Load") {
    if (replays(cx, e)) return replayed(cx, value, e._type === "Call" && e.func._type === "Name" && e.func.id === "print");
  }
  // (a property getter or a dunder the syntax calls, which waits in a threaded program)
  return (e._type === "BinOp" || e._type === "Call" || ((e._type === "Attribute" || e._type === "Subscript") && e.ctx === "Load")) && waitsImplicitly(cx, e) ? awaitImplicit(cx, value, cx.loc(e)) : value;
}

function lowerExprNode(cx: LowerContext, e: py.Expr): ir.Expr {
  const loc = cx.loc(e);
  // An int expression over proven-int locals: computed as an Int, handed on as a bigint.
  if ((e._type === "Name" || e._type === "BinOp" || e._type === "UnaryOp" || e._type === "IfExp") && nativeInt(cx, e)) return lowerIntAsValue(cx, e);
  // A float expression over proven-float (or int) locals: JS number arithmetic.
  if ((e._type === "BinOp" || e._type === "UnaryOp" || e._type === "IfExp") && nativeFloat(cx, e)) return lowerFloat(cx, e);
  switch (e._type) {
    case "Constant":
      refuseEscapedPair(cx, e);
      return lowerConstant(cx, e.value, loc);
    case "Name":
      return lowerName(cx, e);
    case "BinOp": {
      const mixed = lowerIntMixedBinOp(cx, e);
      if (mixed !== null) return mixed;
      if (leftChainLength(e) > LONG_CHAIN) {
        const flat = lowerLongChain(cx, e);
        if (flat) return flat;
      }
      return { k: "call", callee: cx.rt(BINARY_HELPERS[e.op]), args: [lowerExpr(cx, e.left), lowerExpr(cx, e.right)], loc };
    }
    case "UnaryOp":
      return lowerUnary(cx, e);
    case "BoolOp":
      return lowerBoolOp(cx, e);
    case "Compare":
      return lowerCompare(cx, e, false);
    case "IfExp":
      return { k: "cond", test: lowerTest(cx, e.test), then: lowerExpr(cx, e.body), else: lowerExpr(cx, e.orelse), loc };
    case "Call":
      return lowerCall(cx, e);
    case "Attribute":
      return lowerAttribute(cx, e);
    case "Subscript": {
      const index = intIndex(cx, e.slice);
      const sliced = e.slice._type === "Slice" ? e.slice : null;
      if (index !== null) return { k: "call", callee: cx.rt("getitemI"), args: [lowerExpr(cx, e.value), index], loc };
      if (intSlice(cx, e.slice)) {
        const bound = (b: py.Expr | null): ir.Expr => (b === null ? { k: "null" } : lowerInt(cx, b));
        return { k: "call", callee: cx.rt("getsliceI"), args: [lowerExpr(cx, e.value), bound(e.slice.lower), bound(e.slice.upper)], loc };
      }
      if (sliced !== null) return { k: "call", callee: cx.rt("getslice"), args: [lowerExpr(cx, e.value), ...sliceParts(cx, sliced)], loc };
      return { k: "call", callee: cx.rt("getitem"), args: [lowerExpr(cx, e.value), lowerExpr(cx, e.slice)], loc };
    }
    case "Slice":
      return {
        k: "call",
        callee: cx.rt("slice"),
        args: [e.lower, e.upper, e.step].map((x) => (x ? lowerExpr(cx, x) : ({ k: "null" } as ir.Expr))),
        loc,
      };
    case "List":
      // An empty list holds anything: give TS its element type.
      if (e.elts.length === 0) return { k: "as", expr: { k: "array", elements: [] }, type: { k: "array", element: { k: "any" } }, loc };
      return { k: "array", elements: lowerElements(cx, e.elts, (value) => guardStarValue(cx, value)), loc };
    case "Tuple": {
      const elements = lowerElements(cx, e.elts, (value) => guardStarValue(cx, value));
      // (`(*xs,)`: from an array, since a JS spread into a call overflows past ~120k values)
      if (elements.some((a) => a.k === "spread")) return { k: "call", callee: { k: "member", object: cx.rt("Tuple"), property: "from" }, args: [{ k: "array", elements }], loc };
      return { k: "call", callee: { k: "member", object: cx.rt("Tuple"), property: "of" }, args: elements, loc };
    }
    case "Set": {
      // CPython folds a display of three or more constants into a frozenset constant, which
      // lays out colliding keys differently: the runtime repeats that construction.
      const build = e.elts.length > 2 && e.elts.every(isFoldedConstant) ? "ofConstants" : "of";
      return { k: "call", callee: { k: "member", object: cx.rt("PySet"), property: build }, args: lowerElements(cx, e.elts, (value) => guardIterable(cx, value)), loc };
    }
    case "Dict":
      return lowerDict(cx, e);
    case "JoinedStr":
      return lowerJoinedStr(cx, e);
    case "FormattedValue":
      return lowerFormattedValue(cx, e);
    case "Lambda":
      return lowerLambda(cx, e);
    case "ListComp":
    case "SetComp":
    case "DictComp":
    case "GeneratorExp":
      return lowerComprehension(cx, e);
    case "Await":
      return lowerAwait(cx, e);
    case "Yield":
      return lowerYield(cx, e);
    case "YieldFrom":
      return lowerYieldFrom(cx, e);
    case "NamedExpr":
      return lowerNamedExpr(cx, e);
    case "Starred":
      return cx.unsupported(e, "starred expression in this position");
  }
}

/** `obj.name`; as the callee of a call (`callee`), a plain member so the method gets `this`. */
export function lowerAttribute(cx: LowerContext, e: py.Attribute, callee = false): ir.Expr {
  const loc = cx.loc(e);
  const viaSuper = lowerSuperAttribute(cx, e);
  if (viaSuper) return viaSuper;
  // `xs.append` without a call is a bound method of a built-in value; `str.upper` an unbound one.
  // (A null key: a name whose JS key depends on what the object is at run time.)
  const lacking = moduleLacks(cx, e, () => lowerExpr(cx, e.value)) ?? submoduleNotImported(cx, e, () => lowerExpr(cx, e.value));
  if (lacking !== null) return lacking;
  const key = attributeKey(cx, e.value, e.attr);
  if (
    key === null ||
    isFunctionReceiver(cx, e.value) ||
    SPECIAL_ATTRIBUTES.has(e.attr) ||
    NUMBER_ATTRIBUTES.has(e.attr) ||
    (BUILTIN_METHOD_NAMES.has(e.attr) && !isRuntimeValue(cx, e.value) && !isPlainInstanceSelf(cx, e.value)) ||
    // (`xs.push`, `d.table`: JS's members of a built-in value are no Python attributes)
    (BUILTIN_VALUE_JS_NAMES.has(e.attr) && !callee && !isRuntimeValue(cx, e.value) && !isPlainInstanceSelf(cx, e.value) && !surelyHas(cx, e.value, e.attr, currentClass(cx))) ||
    isBuiltinType(cx, e.value) ||
    e.value._type === "Constant" ||
    readsBoundMethod(cx, e)
  ) {
    return { k: "call", callee: cx.rt("getattr"), args: [lowerExpr(cx, e.value), { k: "str", value: mangle(cx, e.attr) }], loc };
  }
  if (callee || isModuleValue(cx, e.value)) return { k: "member", object: lowerExpr(cx, e.value), property: key, loc };
  // (a runtime object's or class's attribute may be missing, or a method read to call later)
  if (isRuntimeValue(cx, e.value)) return { k: "call", callee: cx.rt("getattr"), args: [lowerExpr(cx, e.value), { k: "str", value: mangle(cx, e.attr) }], loc };
  return attributeRead(cx, e, lowerExpr(cx, e.value), key, currentClass(cx), loc);
}

/** Elements of a list/tuple/set display or call: `*xs` spreads. */
export function lowerElements(cx: LowerContext, elts: py.Expr[], guard: (value: ir.Expr) => ir.Expr): ir.Arg[] {
  return elts.map((x) => (x._type === "Starred" ? { k: "spread", arg: spreadSource(cx, x.value, guard) } : lowerExpr(cx, x)));
}

/** What `*x` spreads: a generator whose body waits (threads) has its items awaited first; any other value is checked iterable. */
function spreadSource(cx: LowerContext, e: py.Expr, guard: (value: ir.Expr) => ir.Expr): ir.Expr {
  if (!waitsForItems(cx) || !mayHoldWaitingGenerator(cx, e)) return guard(lowerExpr(cx, e));
  markLazy(cx, e);
  const value = lowerExpr(cx, e);
  return awaitImplicit(cx, { k: "call", callee: cx.rt("waitingArray"), args: [value], loc: cx.loc(e) }, cx.loc(e));
}

const FOLDED_BINARY_OPS = new Set(["Add", "Sub", "Mult", "Pow", "LShift", "RShift", "BitOr", "BitAnd", "BitXor"]);

/** True when CPython's AST optimizer turns `e` into a constant (literals, signs, tuples, arithmetic). */
function isFoldedConstant(e: py.Expr): boolean {
  switch (e._type) {
    case "Constant":
      return true;
    case "UnaryOp":
      return e.op !== "Not" && isFoldedConstant(e.operand);
    case "Tuple":
      return e.elts.every(isFoldedConstant);
    case "BinOp":
      return FOLDED_BINARY_OPS.has(e.op) && isFoldedConstant(e.left) && isFoldedConstant(e.right);
    default:
      return false;
  }
}

/**
 * Escapes that spell a surrogate pair (`"\\ud83d\\ude00"`) are two code points to CPython, but
 * one astral character in a JS string: refused rather than given another length and repr.
 */
function refuseEscapedPair(cx: LowerContext, e: py.Constant): void {
  if (e.value.kind === "str" && e.value.split?.length) {
    cx.unsupported(e, "a string literal whose escapes spell a surrogate pair (two lone surrogates to CPython, one character in pyts)");
  }
}

export function lowerConstant(cx: LowerContext, value: py.ConstantValue, loc?: ir.Loc): ir.Expr {
  switch (value.kind) {
    case "None":
      return { k: "null", loc };
    case "bool":
      return { k: "bool", value: value.value, loc };
    case "int":
      return { k: "bigint", value: value.value, loc };
    case "float":
      return { k: "num", value: value.value, float: true, loc };
    case "str":
      return { k: "str", value: value.value, loc };
    case "bytes":
      return { k: "call", callee: cx.rt("bytesLiteral"), args: [{ k: "str", value: String.fromCharCode(...value.value) }], loc };
    case "Ellipsis":
      return { ...cx.rt("Ellipsis"), loc };
    case "complex":
      return { k: "call", callee: cx.rt("imaginary"), args: [{ k: "num", value: value.imag, float: true }], loc };
  }
}

function lowerUnary(cx: LowerContext, e: py.UnaryOp): ir.Expr {
  const loc = cx.loc(e);
  if (e.op === "Not") return { k: "unary", op: "!", arg: lowerTest(cx, e.operand), loc };
  if (e.op === "USub" && e.operand._type === "Constant") {
    const v = e.operand.value;
    if (v.kind === "int") return { k: "bigint", value: -v.value, loc };
    if (v.kind === "float") return { k: "num", value: -v.value, float: true, loc };
  }
  const helper = e.op === "USub" ? "neg" : e.op === "UAdd" ? "pos" : "invert";
  return { k: "call", callee: cx.rt(helper), args: [lowerExpr(cx, e.operand)], loc };
}

/** Expressions whose value is always a JS boolean, so they need no `truthy()`. */
export function isBoolean(e: py.Expr): boolean {
  switch (e._type) {
    case "Compare":
      return e.ops.every(boolCompareOp);
    case "UnaryOp":
      return e.op === "Not";
    case "BoolOp":
      return e.values.every(isBoolean);
    case "Constant":
      return e.value.kind === "bool";
    case "Call":
      return e.func._type === "Name" && ["isinstance", "issubclass", "hasattr", "callable", "bool", "any", "all"].includes(e.func.id);
    default:
      return false;
  }
}

/** Values whose JS truthiness equals Python's (so `||`/`&&` return the right operand). */
function hasJsTruthiness(e: py.Expr): boolean {
  if (isBoolean(e) || e._type === "JoinedStr") return true;
  return e._type === "Constant" && ["None", "bool", "int", "float", "str"].includes(e.value.kind);
}

/** An expression in a condition: a JS boolean with Python's truthiness. */
export function lowerTest(cx: LowerContext, e: py.Expr): ir.Expr {
  if (e._type === "BoolOp" && !isLongBoolOp(e)) {
    const op = e.op === "And" ? "&&" : "||";
    return e.values.map((v) => lowerTest(cx, v)).reduce((left, right) => ({ k: "logical", op, left, right, loc: cx.loc(e) }));
  }
  const native = lowerIntTest(cx, e) ?? lowerFloatTest(cx, e);
  if (native !== null) return native;
  if (e._type === "Compare") return replays(cx, e) ? replayed(cx, lowerCompare(cx, e, true)) : lowerCompare(cx, e, true);
  const value = lowerExpr(cx, e);
  if (isBoolean(e)) return value;
  const test: ir.Expr = { k: "call", callee: cx.rt("truthy"), args: [value], loc: cx.loc(e) };
  // (a `__bool__` or `__len__` that waits)
  return truthReplays(cx) ? replayed(cx, test) : test;
}

/** The truthiness of a constant, when the operand is one. */
function constantTruth(e: py.Expr): boolean | null {
  if (e._type !== "Constant") return null;
  const v = e.value;
  switch (v.kind) {
    case "None":
      return false;
    case "bool":
      return v.value;
    case "int":
      return v.value !== 0n;
    case "float":
      return v.value !== 0;
    case "str":
      return v.value !== "";
    default:
      return null;
  }
}

function lowerBoolOp(cx: LowerContext, e: py.BoolOp): ir.Expr {
  // A constant operand decides statically: `"" or x` is `x`, `"a" or x` is "a".
  let skip = 0;
  for (let truth = constantTruth(e.values[0]!); truth !== null; truth = constantTruth(e.values[skip]!)) {
    const decided = (e.op === "Or") === truth;
    if (decided || skip === e.values.length - 1) return lowerExpr(cx, e.values[skip]!);
    skip++;
  }
  if (skip > 0) return skip === e.values.length - 1 ? lowerExpr(cx, e.values[skip]!) : lowerBoolOp(cx, { ...e, values: e.values.slice(skip) });
  if (isLongBoolOp(e)) {
    // flat, as `boolChain(and, a, [() => b, ...])`: nested conditionals would nest as deep
    const rest: ir.Expr[] = e.values.slice(1).map((v) => ({ k: "arrow", params: [], body: lowerExpr(cx, v), loc: cx.loc(v) }));
    const args = [{ k: "bool", value: e.op === "And" } as ir.Expr, lowerExpr(cx, e.values[0]!), { k: "array", elements: rest } as ir.Expr];
    return { k: "call", callee: cx.rt("boolChain"), args, loc: cx.loc(e) };
  }
  if (e.values.every(hasJsTruthiness)) {
    const op = e.op === "And" ? "&&" : "||";
    return e.values.map((v) => lowerExpr(cx, v)).reduce((left, right) => ({ k: "logical", op, left, right, loc: cx.loc(e) }));
  }
  // `a or b` is `a` when truthy, else `b`; evaluate `a` once.
  let result = lowerExpr(cx, e.values[e.values.length - 1]!);
  for (let i = e.values.length - 2; i >= 0; i--) {
    const operand = e.values[i]!;
    let value = lowerExpr(cx, operand);
    let read: ir.Expr = value;
    if (operand._type !== "Name") {
      const tmp = cx.temp("tmp");
      declareTemp(cx, tmp);
      read = { k: "id", name: tmp };
      value = { k: "assign", op: "=", target: read, value };
    }
    let test: ir.Expr = { k: "call", callee: cx.rt("truthy"), args: [value] };
    if (truthReplays(cx)) test = replayed(cx, test);
    result = e.op === "Or" ? { k: "cond", test, then: read, else: result } : { k: "cond", test, then: result, else: read };
  }
  return { ...result, loc: cx.loc(e) };
}

/** Operators on a left spine past which a chain is emitted flat (see lowerLongChain). */
const LONG_CHAIN = 64;

/** `a and b and ...` long enough to be emitted flat (operands that suspend keep the nested form). */
function isLongBoolOp(e: py.BoolOp): boolean {
  return e.values.length > LONG_CHAIN && !suspends(e);
}

function leftChainLength(e: py.BinOp): number {
  let length = 0;
  for (let node: py.Expr = e; node._type === "BinOp"; node = node.left) length++;
  return length;
}

/**
 * `a + b + c + ...` with hundreds of terms: nested helper calls would nest as deep in the
 * emitted code, past what the parsers and printers after lowering can recurse through. Emitted
 * flat instead, as `binaryChain(a, [add, () => b, add, () => c, ...])`, which evaluates each
 * operand just before applying its operator, in CPython's order. Operands that suspend (`await`,
 * `yield`) cannot move into a thunk: those chains keep the nested form.
 */
function lowerLongChain(cx: LowerContext, e: py.BinOp): ir.Expr | null {
  const spine: py.BinOp[] = [];
  let node: py.Expr = e;
  for (; node._type === "BinOp"; node = node.left) spine.push(node);
  if (spine.some((op) => suspends(op.right)) || suspends(node)) return null;
  const steps: ir.Expr[] = [];
  for (let i = spine.length - 1; i >= 0; i--) {
    const op = spine[i]!;
    steps.push(cx.rt(BINARY_HELPERS[op.op]), { k: "arrow", params: [], body: lowerExpr(cx, op.right), loc: cx.loc(op) });
  }
  return { k: "call", callee: cx.rt("binaryChain"), args: [lowerExpr(cx, node), { k: "array", elements: steps }], loc: cx.loc(e) };
}

/** Does evaluating `e` possibly suspend the enclosing body (an await or yield outside nested scopes)? */
function suspends(e: py.Expr): boolean {
  let found = false;
  const visit = (n: AnyNode): void => {
    if (found) return;
    if (n._type === "Await" || n._type === "Yield" || n._type === "YieldFrom") found = true;
    else if (n._type !== "Lambda") forEachChild(n, visit);
  };
  visit(e);
  return found;
}

/** Temporaries live in the enclosing function; the statement lowering declares them. */
export function declareTemp(cx: LowerContext, name: string): void {
  cx.fn.temps.push(name);
}

function compareOne(cx: LowerContext, op: py.CmpOp, left: ir.Expr, right: ir.Expr, leftAst: py.Expr, rightAst: py.Expr, loc: ir.Loc, test: boolean): ir.Expr {
  if ((op === "Is" || op === "IsNot") && rightAst._type === "Constant" && rightAst.value.kind === "None") {
    return { k: "binary", op: op === "Is" ? "==" : "!=", left, right: { k: "null" }, loc };
  }
  if (op === "Is" || op === "IsNot") return lowerIdentity(cx, op, left, right, leftAst, rightAst, loc);
  return { k: "call", callee: cx.rt((test ? COMPARE_HELPERS : COMPARE_VALUE_HELPERS)[op]), args: [left, right], loc };
}

/**
 * `a < b < c`. In a condition (`test`) a JS boolean; as a value, what the comparisons return
 * (`__lt__` may return any object): the first false one's result, or the last one's.
 */
function lowerCompare(cx: LowerContext, e: py.Compare, test: boolean): ir.Expr {
  const loc = cx.loc(e);
  const native = lowerIntCompare(cx, e) ?? lowerFloatCompare(cx, e);
  if (native !== null) return native;
  const helpers = test ? COMPARE_HELPERS : COMPARE_VALUE_HELPERS;
  if (e.ops.length > LONG_CHAIN && !suspends(e)) {
    // flat, as `compareChain(a, [lt, () => b, ...])`: each operand evaluated once, in order
    const steps: ir.Expr[] = [];
    e.ops.forEach((op, i) => {
      const right = e.comparators[i]!;
      steps.push(cx.rt(helpers[op]), { k: "arrow", params: [], body: lowerExpr(cx, right), loc: cx.loc(right) });
    });
    return { k: "call", callee: cx.rt(test ? "compareChain" : "compareChainV"), args: [lowerExpr(cx, e.left), { k: "array", elements: steps }], loc };
  }
  if (test) {
    let left = lowerExpr(cx, e.left);
    let result: ir.Expr | null = null;
    e.ops.forEach((op, i) => {
      const rightAst = e.comparators[i]!;
      let right = lowerExpr(cx, rightAst);
      let next = right;
      // In a chain, a middle operand is evaluated once.
      if (i < e.ops.length - 1 && rightAst._type !== "Name" && rightAst._type !== "Constant") {
        const tmp = cx.temp("tmp");
        declareTemp(cx, tmp);
        next = { k: "id", name: tmp };
        right = { k: "assign", op: "=", target: next, value: right };
      }
      const one = compareOne(cx, op, left, right, i === 0 ? e.left : e.comparators[i - 1]!, rightAst, loc, true);
      result = result ? { k: "logical", op: "&&", left: result, right: one, loc } : one;
      left = next;
    });
    return result!;
  }
  const chain = (i: number, left: ir.Expr): ir.Expr => {
    const op = e.ops[i]!;
    const rightAst = e.comparators[i]!;
    let right = lowerExpr(cx, rightAst);
    const leftAst = i === 0 ? e.left : e.comparators[i - 1]!;
    if (i === e.ops.length - 1) return compareOne(cx, op, left, right, leftAst, rightAst, loc, test);
    // In a chain, a middle operand is evaluated once.
    let next = right;
    if (rightAst._type !== "Name" && rightAst._type !== "Constant") {
      const tmp = cx.temp("tmp");
      declareTemp(cx, tmp);
      next = { k: "id", name: tmp };
      right = { k: "assign", op: "=", target: next, value: right };
    }
    const one = compareOne(cx, op, left, right, leftAst, rightAst, loc, test);
    if (boolCompareOp(op)) return { k: "logical", op: "&&", left: one, right: chain(i + 1, next), loc };
    const tmp = cx.temp("cmp");
    declareTemp(cx, tmp);
    const read: ir.Expr = { k: "id", name: tmp };
    const truth: ir.Expr = { k: "call", callee: cx.rt("truthy"), args: [{ k: "assign", op: "=", target: read, value: one }] };
    return { k: "cond", test: truth, then: chain(i + 1, next), else: read, loc };
  };
  return chain(0, lowerExpr(cx, e.left));
}

function lowerDict(cx: LowerContext, e: py.Dict): ir.Expr {
  const entries: ir.Arg[] = e.keys.map((k, i) => {
    const value = lowerExpr(cx, e.values[i]!);
    if (k === null) return { k: "spread", arg: { k: "call", callee: cx.rt("dictItems"), args: [value] } };
    return { k: "array", elements: [lowerExpr(cx, k), value] };
  });
  return { k: "call", callee: { k: "member", object: cx.rt("Dict"), property: "of" }, args: entries, loc: cx.loc(e) };
}

function lowerJoinedStr(cx: LowerContext, e: py.JoinedStr): ir.Expr {
  const quasis: string[] = [""];
  const exprs: ir.Expr[] = [];
  for (const part of e.values) {
    if (part._type === "Constant") {
      refuseEscapedPair(cx, part);
      quasis[quasis.length - 1] += part.value.kind === "str" ? part.value.value : "";
    } else {
      exprs.push(lowerFormattedValue(cx, part));
      quasis.push("");
    }
  }
  if (exprs.length === 0) return { k: "str", value: quasis[0]!, loc: cx.loc(e) };
  return { k: "template", quasis, exprs, loc: cx.loc(e) };
}

/** One `{value!conv:spec}` field: `str(x)`, `repr(x)` or `format(x, spec)` (`format(x)` alone calls `__format__`). */
function lowerFormattedValue(cx: LowerContext, e: py.FormattedValue): ir.Expr {
  const conversion = e.conversion === 114 ? "repr" : e.conversion === 97 ? "ascii" : e.conversion === 115 ? "str" : null;
  // A proven-int local's digits are JS's own (a number below 2**53 or a bigint: no exponent).
  if (!e.format_spec && nativeInt(cx, e.value)) return lowerInt(cx, e.value);
  let value = lowerExpr(cx, e.value);
  if (!e.format_spec) return { k: "call", callee: cx.rt(conversion ?? "format"), args: [value] };
  if (conversion) value = { k: "call", callee: cx.rt(conversion), args: [value] };
  return { k: "call", callee: cx.rt("format"), args: [value, lowerJoinedStr(cx, e.format_spec)] };
}

/** Is this expression a reference to a class that Python code constructs by calling it? */
export function isExceptionClassName(name: string): boolean {
  return BUILTIN_EXCEPTIONS.has(name);
}

/** `lo`, `hi`, `step` of `x[lo:hi:step]`, None where omitted (getslice/setslice take them apart). */
export function sliceParts(cx: LowerContext, e: py.Slice): ir.Expr[] {
  return [e.lower, e.upper, e.step].map((x) => (x ? lowerExpr(cx, x) : ({ k: "null" } as ir.Expr)));
}
