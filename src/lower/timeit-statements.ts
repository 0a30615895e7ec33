// timeit's statements given as source text, compiled with the module. CPython compiles
// `Timer(stmt, setup)`'s strings at run time into one function (Lib/timeit.py's template);
// pyts compiles each `stmt` (and `setup`) of a call of timeit.timeit, timeit.repeat or
// timeit.Timer whose text is known at compile time (a literal, or a string built from
// literals, see timeit-strings.ts) into that function at module level,
//
//   def __pyts_timeit_0__(_it, _timer, _ns, _setup):
//       if "f" not in _ns: raise NameError("name 'f' is not defined")   # each free name,
//       f = _ns["f"]                                                     # read from globals=
//       _setup()                                                         # a callable setup
//       <setup>
//       _t0 = _timer()
//       for _i in _it:
//           <stmt>
//           pass
//       _t1 = _timer()
//       return _t1 - _t0
//
// and passes the function as the statement (the runtime's Timer knows it by its name). As in
// CPython, the statement sees the names of `globals=` (none by default: `globals=globals()`
// gives it the module's, `setup="from __main__ import f"` the module's f).
import type * as py from "../frontend/ast.js";
import { parseAst } from "../frontend/parse.js";
import { forEachChild, nestedStatements, type AnyNode } from "../frontend/walk.js";
import { BUILTIN_EXCEPTIONS, BUILTIN_FUNCTIONS } from "./builtins.js";
import { placeAll } from "./doctests.js";
import { knownString, parentsOf } from "./timeit-strings.js";

const ENTRY_POINTS = new Set(["timeit", "repeat", "Timer"]);

/** The names that reach timeit's functions: `import timeit [as t]`, `from timeit import timeit [as f]`. */
function timeitNames(body: readonly py.Stmt[]): { modules: Set<string>; functions: Set<string> } {
  const modules = new Set<string>();
  const functions = new Set<string>();
  // imports are statements: expressions are not walked (and the walk keeps its own stack)
  const stack: py.Stmt[] = [...body];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node._type === "Import") for (const a of node.names) if (a.name === "timeit") modules.add(a.asname ?? "timeit");
    if (node._type === "ImportFrom" && node.module === "timeit" && node.level === 0) {
      for (const a of node.names) if (ENTRY_POINTS.has(a.name)) functions.add(a.asname ?? a.name);
    }
    for (const block of nestedStatements(node)) stack.push(...block);
  }
  return { modules, functions };
}

function isTimeitCall(call: py.Call, names: { modules: Set<string>; functions: Set<string> }): boolean {
  const f = call.func;
  if (f._type === "Name") return names.functions.has(f.id);
  return f._type === "Attribute" && ENTRY_POINTS.has(f.attr) && f.value._type === "Name" && names.modules.has(f.value.id);
}


/** The names a snippet reads that it does not bind (nor builtins give). */
function freeNames(stmts: readonly py.Stmt[]): string[] {
  const loads = new Set<string>();
  const bound = new Set<string>();
  const visit = (node: AnyNode): void => {
    switch (node._type) {
      case "Name":
        ((node as py.Name).ctx === "Load" ? loads : bound).add((node as py.Name).id);
        break;
      case "FunctionDef":
      case "AsyncFunctionDef":
      case "ClassDef":
        bound.add((node as py.FunctionDef).name);
        break;
      case "arguments": {
        const a = node as py.Arguments;
        for (const p of [...a.posonlyargs, ...a.args, ...(a.vararg ? [a.vararg] : []), ...a.kwonlyargs, ...(a.kwarg ? [a.kwarg] : [])]) bound.add(p.arg);
        break;
      }
      case "Import":
      case "ImportFrom":
        for (const a of (node as py.Import).names) bound.add(a.asname ?? a.name.split(".")[0]!);
        break;
    }
    forEachChild(node, visit);
  };
  for (const st of stmts) visit(st as AnyNode);
  return [...loads].filter((n) => !bound.has(n) && !BUILTIN_FUNCTIONS.has(n) && !BUILTIN_EXCEPTIONS.has(n) && n !== "__name__" && n !== "globals");
}

function indent(text: string, by: string): string {
  return text.split(/\r\n?|\n/).map((l) => by + l).join("\n");
}

/** Names `from __main__ import f` gives a snippet: the module's own, read as its globals. */
const fromMain = new Set<string>();

/** `from __main__ import f [as g]` in a snippet: `pass` (f is the module's global) or `g = f`. */
function mainImports(text: string): string {
  return text.replace(/^([ \t]*)from\s+__main__\s+import\s+([^\n#]+)$/gm, (_m, lead: string, names: string) =>
    names.split(",").map((part) => {
      const [name, alias] = part.trim().replace(/^\(|\)$/g, "").split(/\s+as\s+/) as [string, string | undefined];
      fromMain.add(name);
      return alias === undefined || alias === name ? `${lead}pass` : `${lead}${alias} = ${name}`;
    }).join("\n"));
}

/** A setup that is a function (a lambda, a def of the module), not a string: it runs as `_setup()`. */
function callableSetup(setup: py.Expr, body: readonly py.Stmt[]): boolean {
  if (setup._type === "Lambda") return true;
  if (setup._type !== "Name") return false;
  const name = setup.id;
  let defined = false;
  const stack: py.Stmt[] = [...body];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if ((node._type === "FunctionDef" || node._type === "AsyncFunctionDef") && node.name === name) defined = true;
    for (const block of nestedStatements(node)) stack.push(...block);
  }
  return defined;
}

/** Does the code compile at module level (no `return`/`yield`/`await` outside a def, no `break`/`continue` outside a loop)? */
function compilesAlone(body: readonly py.Stmt[]): boolean {
  const ok = (node: unknown, inLoop: boolean): boolean => {
    if (Array.isArray(node)) return node.every((n) => ok(n, inLoop));
    if (node === null || typeof node !== "object") return true;
    const type = (node as { _type?: string })._type;
    switch (type) {
      case "FunctionDef":
      case "AsyncFunctionDef":
      case "Lambda":
        return true;
      case "ClassDef":
        return ok((node as py.ClassDef).body, false);
      case "Return":
      case "Yield":
      case "YieldFrom":
      case "Await":
        return false;
      case "Break":
      case "Continue":
        return inLoop;
      case "For":
      case "AsyncFor":
      case "While": {
        const loop = node as py.For;
        return ok((loop as { iter?: unknown }).iter ?? (node as py.While).test, inLoop) && ok(loop.body, true) && ok(loop.orelse, inLoop);
      }
    }
    return Object.entries(node).every(([key, value]) => key === "_type" || typeof value !== "object" || ok(value, inLoop));
  };
  return ok(body, false);
}

/** The module's body with a function for each literal timeit statement, the calls passing it. */
export function withTimeitStatements(body: py.Stmt[]): py.Stmt[] {
  const names = timeitNames(body);
  if (names.modules.size === 0 && names.functions.size === 0) return body;
  const defs: py.Stmt[] = [];
  const parents = parentsOf({ _type: "Module", body, type_ignores: [] });
  // A literal, or a string the module's text fixes (timeit-strings.ts).
  const literal = (e: py.Expr | undefined): string | null => (e === undefined ? null : knownString(e, parents));
  const visit = (node: AnyNode): void => {
    if (node._type !== "Call" || !isTimeitCall(node as py.Call, names)) return;
    const call = node as py.Call;
    const stmtKw = call.keywords.find((k) => k.arg === "stmt");
    const setupKw = call.keywords.find((k) => k.arg === "setup");
    const stmtExpr = stmtKw?.value ?? call.args[0];
    const setupExpr = setupKw?.value ?? call.args[1];
    const stmt = literal(stmtExpr);
    if (stmt === null || stmtExpr === undefined || stmtExpr._type === "Starred") return;
    const setup = setupExpr === undefined ? "pass" : literal(setupExpr);
    // A setup whose text is known only at run time: the runtime compiles both then (runtime/modules/timeit.ts).
    if (setup === null && !callableSetup(setupExpr!, body)) return;
    let snippet: py.Module;
    fromMain.clear();
    try {
      parseAst(mainImports(stmt), "<timeit-src>");
      if (setup !== null) parseAst(mainImports(setup), "<timeit-src>");
      snippet = parseAst(`${mainImports(setup ?? "pass")}\n${mainImports(stmt)}\n`, "<timeit-src>");
    } catch {
      return; // (a syntax error: the runtime refuses the string)
    }
    // (CPython compiles the statement alone first: a `return` or `break` it has no place for is
    // a SyntaxError the runtime raises)
    if (!compilesAlone(parseAst(mainImports(stmt), "<timeit-src>").body) || (setup !== null && !compilesAlone(parseAst(mainImports(setup), "<timeit-src>").body))) return;
    const name = `__pyts_timeit_${defs.length}__`;
    const prologue = freeNames(snippet.body).filter((n) => !fromMain.has(n)).map((n) => `    if ${JSON.stringify(n)} not in _ns: raise NameError(${JSON.stringify(`name '${n}' is not defined`)})\n    ${n} = _ns[${JSON.stringify(n)}]\n`).join("");
    const text = `def ${name}(_it, _timer, _ns, _setup):\n${prologue}    _setup()\n${indent(mainImports(setup ?? "pass"), "    ")}\n    _t0 = _timer()\n    for _i in _it:\n${indent(mainImports(stmt), "        ")}\n        pass\n    _t1 = _timer()\n    return _t1 - _t0\n`;
    const def = parseAst(text, "<timeit-src>").body[0]!;
    placeAll(def, call);
    defs.push(def);
    const ref: py.Expr = { ...stmtExpr, _type: "Name", id: name, ctx: "Load" } as py.Expr;
    if (stmtKw !== undefined) stmtKw.value = ref;
    else call.args[0] = ref;
    if (setup !== null && setupExpr !== undefined) {
      const pass: py.Expr = { ...setupExpr, _type: "Constant", value: { kind: "str", value: "pass" }, kind: null } as py.Expr;
      if (setupKw !== undefined) setupKw.value = pass;
      else call.args[1] = pass;
    }
  };
  // children before their parent, in source order, with a stack of its own (deep code)
  const pending: AnyNode[] = [...body];
  const postOrder: AnyNode[] = [];
  while (pending.length > 0) {
    const node = pending.pop()!;
    postOrder.push(node);
    forEachChild(node, (child) => pending.push(child));
  }
  for (let i = postOrder.length - 1; i >= 0; i--) visit(postOrder[i]!);
  if (defs.length === 0) return body;
  let index = 0;
  const isDoc = (s: py.Stmt | undefined): boolean => s?._type === "Expr" && s.value._type === "Constant" && s.value.value.kind === "str";
  if (isDoc(body[0])) index = 1;
  while (body[index]?._type === "ImportFrom" && (body[index] as py.ImportFrom).module === "__future__") index++;
  return [...body.slice(0, index), ...defs, ...body.slice(index)];
}
