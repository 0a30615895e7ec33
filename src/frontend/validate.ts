// Checks CPython makes after parsing that Lezer's grammar cannot: statements that are only
// valid inside a function or a loop.
import { DiagnosticError, type Module } from "./ast.js";
import type { Source } from "./cst.js";

interface Where {
  inFunction: boolean;
  inLoop: boolean;
  atModule: boolean;
}

type AnyNode = { _type: string; lineno?: number; col_offset?: number; [k: string]: unknown };

function fail(n: AnyNode, message: string): never {
  throw new DiagnosticError([{ kind: "SyntaxError", message, line: n.lineno ?? 1, col: n.col_offset ?? 0 }]);
}

export function checkContexts(module: Module, src: Source): void {
  void src;
  for (const s of module.body) visit(s as unknown as AnyNode, { inFunction: false, inLoop: false, atModule: true });
}

function visitValue(v: unknown, where: Where): void {
  if (Array.isArray(v)) for (const x of v) visitValue(x, where);
  else if (v && typeof v === "object" && "_type" in v) visit(v as AnyNode, where);
}

function visit(n: AnyNode, where: Where): void {
  switch (n._type) {
    case "Return":
      if (!where.inFunction) fail(n, "'return' outside function");
      break;
    case "Yield":
    case "YieldFrom":
      if (!where.inFunction) fail(n, "'yield' outside function");
      break;
    case "Break":
      if (!where.inLoop) fail(n, "'break' outside loop");
      break;
    case "Continue":
      if (!where.inLoop) fail(n, "'continue' not properly in loop");
      break;
    case "Nonlocal":
      if (where.atModule) fail(n, "nonlocal declaration not allowed at module level");
      break;
    case "FunctionDef":
    case "AsyncFunctionDef":
    case "Lambda": {
      // decorators, defaults and annotations belong to the enclosing scope
      for (const [k, v] of Object.entries(n)) {
        if (k === "body") visitValue(v, { inFunction: true, inLoop: false, atModule: false });
        else visitValue(v, where);
      }
      return;
    }
    case "ClassDef": {
      for (const [k, v] of Object.entries(n)) {
        if (k === "body") visitValue(v, { inFunction: false, inLoop: false, atModule: false });
        else visitValue(v, where);
      }
      return;
    }
    case "For":
    case "AsyncFor":
    case "While": {
      for (const [k, v] of Object.entries(n)) {
        visitValue(v, k === "body" ? { ...where, inLoop: true } : where);
      }
      return;
    }
  }
  for (const v of Object.values(n)) visitValue(v, where);
}
