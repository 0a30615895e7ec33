// The compiler's entry for the runtime's eval, exec and compile (runtime/lang/eval-exec.ts):
// Python source in, the body of a JavaScript function out, synchronously (a Python call of
// eval cannot wait). The runtime loads this module only when a program first compiles code at
// run time: `pyts run` registers it (cli/main.ts); built output run by node finds it in the
// pyts package.
import type * as py from "./frontend/ast.js";
import { DiagnosticError } from "./frontend/ast.js";
import { parseAst, parseModule } from "./frontend/parse.js";
import { lowerModule } from "./lower/module.js";
import { emitSnippet } from "./codegen/emit-snippet.js";
import { EVAL_RESULT, type SnippetMode } from "./lower/snippet.js";
import { RUNTIME_PACKAGE } from "./transpile.js";

export interface CompiledSnippet {
  /** the body of `function ($rt, $scope)` */
  body: string;
  /** the Python names the body reads and binds through `$scope`, by their JS names */
  names: [string, string][];
  /** [body line (0-based), Python line] pairs, for the frames of tracebacks */
  lines: [number, number][];
}

/** A syntax error or a construct pyts cannot run, where CPython's compile would place it. */
export interface SnippetError {
  kind: string;
  message: string;
  line: number;
  col: number;
  unsupported: boolean;
  /** found by the compiler after the parser (CPython's SyntaxError then has no text for a string's source) */
  compiler: boolean;
}

/** Errors of the checks after parsing (the symbol table's, the compiler's). */
const compilerErrors = new WeakSet<object>();

/** eval's source is one expression: its statement, or the error CPython's parser gives. */
function evalExpression(module: py.Module, source: string): py.Expr {
  const [first, second] = module.body;
  if (first?._type === "Expr" && second === undefined) return first.value;
  const wrong = first?._type === "Expr" ? second! : first;
  // CPython's parser stops at the first token an expression cannot take.
  let line = wrong?.lineno ?? 1;
  let col = wrong?.col_offset ?? 0;
  if (wrong && (wrong._type === "Assign" || wrong._type === "AugAssign" || wrong._type === "AnnAssign")) {
    const target = wrong._type === "Assign" ? wrong.targets[0]! : wrong.target;
    const text = source.split(/\r\n?|\n/)[target.end_lineno - 1] ?? "";
    line = target.end_lineno;
    col = target.end_col_offset;
    while (text[col] === " " || text[col] === "\t") col++;
  }
  // (no expression at all: CPython places the error before the first line)
  if (wrong === undefined) line = col = 0;
  throw new DiagnosticError([{ kind: "SyntaxError", message: "invalid syntax", line, col }]);
}

/**
 * compile's "single" mode takes one interactive statement: a compound statement or one line of
 * simple statements; CPython's parser stops at the newline ending the first.
 */
function oneStatement(module: py.Module): void {
  const [first] = module.body;
  if (first === undefined) throw new DiagnosticError([{ kind: "SyntaxError", message: "invalid syntax", line: 0, col: 0 }]);
  const next = module.body.findIndex((s) => s.lineno > first.end_lineno);
  if (next < 0) return;
  const last = module.body[next - 1]!;
  throw new DiagnosticError([{ kind: "SyntaxError", message: "multiple statements found while compiling a single statement", line: last.end_lineno, col: last.end_col_offset }]);
}

export function compileSnippet(source: string, filename: string, mode: SnippetMode): CompiledSnippet {
  parseAst(source, filename);
  let module: py.Module;
  try {
    module = parseModule(source, filename).module;
  } catch (error) {
    if (error instanceof DiagnosticError) compilerErrors.add(error);
    throw error;
  }
  if (mode === "single") oneStatement(module);
  if (mode === "eval") {
    const value = evalExpression(module, source);
    const target: py.Name = { _type: "Name", id: EVAL_RESULT, ctx: "Store", lineno: value.lineno, col_offset: value.col_offset, end_lineno: value.end_lineno, end_col_offset: value.end_col_offset };
    module.body = [{ ...module.body[0]!, _type: "Assign", targets: [target], value, type_comment: null } as py.Stmt];
  }
  const ir = lowerModule(module, { runtimeModule: RUNTIME_PACKAGE, snippet: mode, filename, sourceLines: source.split(/\r\n?|\n/) });
  const emitted = emitSnippet(ir, filename);
  return { body: emitted.body, lines: emitted.lines, names: [...(ir.snippetNames ?? new Map<string, string>())] };
}

/** The located errors of a failed compileSnippet, or null for any other failure. */
export function snippetErrors(error: unknown): SnippetError[] | null {
  if (!(error instanceof DiagnosticError)) return null;
  return error.diagnostics.map((d) => ({ kind: d.kind === "Unsupported" ? "SyntaxError" : d.kind, message: d.message, line: d.line, col: d.col, unsupported: d.kind === "Unsupported", compiler: compilerErrors.has(error) }));
}

class NoneKey extends Error {}

/** The node `ast.literal_eval` refuses (`None` for a `**mapping` entry's missing key) (its class name and line), or null when the source is a literal. */
export function nonLiteral(source: string): { node: string; line: number } | null {
  const { module } = parseModule(source, "<unknown>");
  const expr = evalExpression(module, source);
  const isNumber = (e: py.Expr): boolean => e._type === "Constant" && (e.value.kind === "int" || e.value.kind === "float" || e.value.kind === "complex");
  const signed = (e: py.Expr): boolean => isNumber(e) || (e._type === "UnaryOp" && (e.op === "UAdd" || e.op === "USub") && isNumber(e.operand));
  const bad = (e: py.Expr): py.Expr | null => {
    switch (e._type) {
      case "Constant":
        return null;
      case "Tuple":
      case "List":
      case "Set":
        return e.elts.map(bad).find((x) => x !== null) ?? null;
      case "Dict":
        // (`{**d}`: CPython converts the missing key, None)
        if (e.keys.some((k) => k === null)) throw new NoneKey();
        return [...(e.keys as py.Expr[]), ...e.values].map(bad).find((x) => x !== null) ?? null;
      case "Call":
        return e.func._type === "Name" && e.func.id === "set" && e.args.length === 0 && e.keywords.length === 0 ? null : e;
      case "UnaryOp":
        // (`-x`: CPython names the operand it could not take as a number)
        return signed(e) ? null : e.op === "UAdd" || e.op === "USub" ? e.operand : e;
      case "BinOp": {
        // a real number plus or minus an imaginary one (`1+2j`)
        if (e.op !== "Add" && e.op !== "Sub") return e;
        if (!signed(e.left)) return e.left._type === "UnaryOp" && (e.left.op === "UAdd" || e.left.op === "USub") ? e.left.operand : e.left;
        if (!isNumber(e.right)) return e.right;
        const realLeft = !(e.left._type === "Constant" && e.left.value.kind === "complex") && !(e.left._type === "UnaryOp" && e.left.operand._type === "Constant" && e.left.operand.value.kind === "complex");
        return realLeft && e.right._type === "Constant" && e.right.value.kind === "complex" ? null : e;
      }
      default:
        return e;
    }
  };
  try {
    const found = bad(expr);
    return found === null ? null : { node: found._type, line: found.lineno };
  } catch (error) {
    if (error instanceof NoneKey) return { node: "None", line: 0 };
    throw error;
  }
}
