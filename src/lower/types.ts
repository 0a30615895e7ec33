// Type hints -> TypeScript types. A hint pyts cannot express becomes `any`, never an error:
// hints do not change what a Python program does.
import type * as py from "../frontend/ast.js";
import type * as ir from "./ir.js";
import type { LowerContext } from "./context.js";

const ANY: ir.TsType = { k: "any" };

export function lowerType(cx: LowerContext, hint: py.Expr): ir.TsType {
  switch (hint._type) {
    case "Constant":
      if (hint.value.kind === "None") return { k: "keyword", name: "null" };
      if (hint.value.kind === "str") return ANY; // forward references
      return ANY;
    case "Name":
      return namedType(cx, hint.id, []);
    case "Attribute":
      return ANY;
    case "Subscript": {
      const base = hint.value._type === "Name" ? hint.value.id : hint.value._type === "Attribute" ? hint.value.attr : null;
      const args = hint.slice._type === "Tuple" ? hint.slice.elts : [hint.slice];
      return base ? namedType(cx, base, args) : ANY;
    }
    case "BinOp":
      if (hint.op === "BitOr") return union([lowerType(cx, hint.left), lowerType(cx, hint.right)]);
      return ANY;
    default:
      return ANY;
  }
}

function union(types: ir.TsType[]): ir.TsType {
  if (types.some((t) => t.k === "any")) return ANY;
  return { k: "union", types };
}

function namedType(cx: LowerContext, name: string, args: py.Expr[]): ir.TsType {
  const arg = (i: number): ir.TsType => (args[i] ? lowerType(cx, args[i]!) : ANY);
  switch (name) {
    case "int":
      return { k: "keyword", name: "bigint" };
    case "float":
      // Python accepts an int where a float is expected.
      return { k: "union", types: [{ k: "keyword", name: "number" }, { k: "keyword", name: "bigint" }] };
    case "str":
      return { k: "keyword", name: "string" };
    case "bool":
      return { k: "keyword", name: "boolean" };
    case "None":
      return { k: "keyword", name: "null" };
    case "list":
    case "List":
      return { k: "array", element: arg(0) };
    case "dict":
    case "Dict":
      return { k: "ref", name: "Dict", args: [arg(0), arg(1)], runtime: true };
    case "tuple":
    case "Tuple":
      return { k: "ref", name: "Tuple", args: [args.length === 1 || (args.length === 2 && args[1]!._type === "Constant") ? arg(0) : ANY], runtime: true };
    case "Optional":
      return union([arg(0), { k: "keyword", name: "null" }]);
    case "Union":
      return union(args.map((a) => lowerType(cx, a)));
    default: {
      // A class defined in this module names its own type.
      const known = cx.knownBinding(name);
      if (known?.k === "class" && known.def.decorator_list.length === 0) return { k: "ref", name, args: [] };
      return ANY;
    }
  }
}
