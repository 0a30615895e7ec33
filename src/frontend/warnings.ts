// The SyntaxWarnings CPython 3.11's compiler issues (compile.c: check_compare, check_caller,
// check_subscripter, check_index, the assert check). They are returned as data; the CLI
// prints them the way `python3 script.py` does.
import type { Assert, Call, Compare, ConstantValue, Expr, Subscript } from "./ast.js";

export interface CompileWarning {
  category: "SyntaxWarning" | "DeprecationWarning";
  message: string;
  line: number;
}

export type WarningSink = (line: number, message: string) => void;

/**
 * The value an expression has after CPython's AST optimizer folded it, when it is a constant:
 * `-1` and `(1, "a")` are constants to the compiler, `[1]` is not.
 */
function folded(e: Expr): ConstantValue | "tuple" | null {
  switch (e._type) {
    case "Constant":
      return e.value;
    case "UnaryOp": {
      if (e.op === "Not") return null;
      const v = folded(e.operand);
      if (!v || v === "tuple") return null;
      if (v.kind === "int" || v.kind === "bool") return { kind: "int", value: 0n };
      if ((v.kind === "float" || v.kind === "complex") && e.op !== "Invert") return v;
      return null;
    }
    case "Tuple":
      return e.ctx === "Load" && e.elts.every((x) => folded(x) !== null) ? "tuple" : null;
    case "BinOp": {
      // arithmetic on numbers is folded (division by zero is left for run time)
      const [l, r] = [folded(e.left), folded(e.right)];
      const numeric = (v: typeof l) => v !== null && v !== "tuple" && ["int", "bool", "float", "complex"].includes(v.kind);
      if (!numeric(l) || !numeric(r)) return null;
      const zero = (v: ConstantValue) => (v.kind === "int" || v.kind === "bool" || v.kind === "float" ? Number(v.kind === "bool" ? v.value : v.value) === 0 : false);
      if ((e.op === "Div" || e.op === "FloorDiv" || e.op === "Mod") && zero(r as ConstantValue)) return null;
      const kinds = [(l as ConstantValue).kind, (r as ConstantValue).kind];
      if (kinds.includes("complex")) return { kind: "complex", imag: 0 };
      if (kinds.includes("float") || e.op === "Div") return { kind: "float", value: 0 };
      return { kind: "int", value: 0n };
    }
    default:
      return null;
  }
}

const CONSTANT_TYPE: Record<ConstantValue["kind"], string> = {
  None: "NoneType", bool: "bool", int: "int", float: "float", complex: "complex", str: "str", bytes: "bytes",
  Ellipsis: "ellipsis",
};

/** CPython's infer_type: the type name an expression certainly has, if the compiler can tell. */
function inferType(e: Expr): string | null {
  const v = folded(e);
  if (v) return v === "tuple" ? "tuple" : CONSTANT_TYPE[v.kind];
  switch (e._type) {
    case "Tuple": return "tuple";
    case "List": case "ListComp": return "list";
    case "Dict": case "DictComp": return "dict";
    case "Set": case "SetComp": return "set";
    case "GeneratorExp": return "generator";
    case "Lambda": return "function";
    case "JoinedStr": case "FormattedValue": return "str";
    default: return null;
  }
}

export function checkCompare(e: Compare, warn: WarningSink): void {
  for (let i = 0; i < e.ops.length; i++) {
    const op = e.ops[i];
    if (op !== "Is" && op !== "IsNot") continue;
    const left = i === 0 ? e.left : e.comparators[i - 1]!;
    if (isLiteral(left) || isLiteral(e.comparators[i]!)) {
      warn(e.lineno, op === "Is" ? `"is" with a literal. Did you mean "=="?` : `"is not" with a literal. Did you mean "!="?`);
      return;
    }
  }
}

/** A constant other than None, True, False and Ellipsis (CPython's check_is_arg). */
function isLiteral(e: Expr): boolean {
  const v = folded(e);
  return v !== null && (v === "tuple" || !(v.kind === "None" || v.kind === "bool" || v.kind === "Ellipsis"));
}

const NOT_CALLABLE = new Set(["Constant", "Tuple", "List", "ListComp", "Dict", "DictComp", "Set", "SetComp", "GeneratorExp", "JoinedStr", "FormattedValue"]);

export function checkCall(e: Call, warn: WarningSink): void {
  if (NOT_CALLABLE.has(e.func._type) || folded(e.func) !== null) {
    warn(e.lineno, `'${inferType(e.func)}' object is not callable; perhaps you missed a comma?`);
  }
}

export function checkSubscript(e: Subscript, warn: WarningSink): void {
  if (e.ctx !== "Load") return;
  const value = e.value;
  const v = folded(value);
  const constantNotSubscriptable = v !== null && v !== "tuple" &&
    (v.kind === "None" || v.kind === "Ellipsis" || v.kind === "int" || v.kind === "bool" || v.kind === "float" || v.kind === "complex");
  if (constantNotSubscriptable || value._type === "Set" || value._type === "SetComp" || value._type === "GeneratorExp" || value._type === "Lambda") {
    warn(e.lineno, `'${inferType(value)}' object is not subscriptable; perhaps you missed a comma?`);
    return;
  }
  const indexType = inferType(e.slice);
  if (indexType === null || indexType === "int" || indexType === "bool") return;
  const sequence = v === "tuple" || (v !== null && (v.kind === "str" || v.kind === "bytes")) ||
    (v === null && ["Tuple", "List", "ListComp", "JoinedStr", "FormattedValue"].includes(value._type));
  if (sequence) {
    warn(e.lineno, `${inferType(value)} indices must be integers or slices, not ${indexType}; perhaps you missed a comma?`);
  }
}

export function checkAssert(s: Assert, warn: WarningSink): void {
  if (s.test._type === "Tuple" && s.test.elts.length > 0) warn(s.lineno, "assertion is always true, perhaps remove parentheses?");
}
