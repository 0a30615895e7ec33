// doctest's examples, compiled with the module. A module that imports doctest gets one more
// function, `__pyts_doctests__`, which the runtime's doctest module calls (see
// runtime/modules/doctest-registry.ts) to get, for each docstring with examples (and each text
// file a literal `testfile("name")` names), a factory of the examples' code:
//
//   def __pyts_doctests__():
//       def __pyts_doctest_0__():          # one namespace per run of a docstring's examples
//           import sys as __pyts_sys__
//           def __pyts_example_0__():
//               nonlocal x                 # the names the example binds
//               x = f(2)
//               __pyts_sys__.displayhook(x + 1)   # an expression statement, as in the REPL
//           ...
//           return (__pyts_example_0__, ...)
//           x = None                       # (never runs: makes x the namespace's variable)
//       return (("f", <the docstring>, <its line for the finder>, <its first line>, __pyts_doctest_0__), ...)
//
// Examples read the module's globals and builtins as CPython's examples read a copy of the
// module's namespace; names an example binds live in the docstring's namespace.
import fs from "node:fs";
import path from "node:path";
import type * as py from "../frontend/ast.js";
import { nestedStatements } from "../frontend/walk.js";
import { DiagnosticError } from "../frontend/ast.js";
import { parseAst } from "../frontend/parse.js";
import { parseExamples, DocTestSyntax, type ParsedExample } from "../../runtime/modules/doctest-parser.js";

export const DOCTESTS_FUNCTION = "__pyts_doctests__";

interface DocSource {
  /** the registry key: the object's qualified name ("" for the module), or "<file>:name" */
  key: string;
  text: string;
  /** where the docstring's text starts in the .py (1-based line, 0-based column); null: another file */
  at: py.Span;
  inFile: boolean;
  /** the 0-based line DocTestFinder._find_lineno gives it (null: None) */
  lineno: number | null;
}

/** Does the module import doctest (anywhere)? Imports are statements: expressions are not walked. */
export function importsDoctest(body: readonly py.Stmt[]): boolean {
  const stack: py.Stmt[] = [...body];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node._type === "Import" && node.names.some((a) => a.name === "doctest")) return true;
    if (node._type === "ImportFrom" && node.module === "doctest" && node.level === 0) return true;
    for (const block of nestedStatements(node)) stack.push(...block);
  }
  return false;
}


/** The module's body with `__pyts_doctests__` first (after the docstring and future imports). */
export function withDoctests(body: py.Stmt[], filename: string | undefined, sourceLines: readonly string[]): { body: py.Stmt[]; added: boolean } {
  if (!importsDoctest(body)) return { body, added: false };
  const sources = [...docstrings(body, sourceLines), ...testFiles(body, filename)];
  const parts: string[] = [];
  const bodies = new Map<string, py.Stmt[]>();
  const entries: string[] = [];
  sources.forEach((doc, n) => {
    let examples: ParsedExample[];
    try {
      examples = parseExamples(doc.text);
    } catch (e) {
      if (e instanceof DocTestSyntax) return; // the runtime raises CPython's ValueError
      throw e;
    }
    if (examples.length === 0) return;
    const fn = `__pyts_doctest_${n}__`;
    const compiled = examples.map((ex) => compileExample(ex, doc));
    const all = [...new Set(compiled.flatMap((c) => c.names))];
    const lines = [`    def ${fn}():`, "        import sys as __pyts_sys__"];
    compiled.forEach((c, i) => {
      lines.push(`        def __pyts_example_${i}__():`);
      if (c.names.length > 0) lines.push(`            nonlocal ${c.names.join(", ")}`);
      lines.push("            pass");
      bodies.set(`${fn}:${i}`, c.body);
    });
    lines.push(`        return (${compiled.map((_, i) => `__pyts_example_${i}__, `).join("")})`);
    if (all.length > 0) lines.push(`        ${all.join(" = ")} = None`);
    parts.push(...lines);
    entries.push(`(${JSON.stringify(doc.key)}, ${JSON.stringify(doc.text)}, ${doc.lineno ?? "None"}, ${doc.inFile ? doc.at.lineno : "None"}, ${fn}), `);
  });
  const text = `def ${DOCTESTS_FUNCTION}():\n${parts.map((l) => `${l}\n`).join("")}    return (${entries.join("")})\n`;
  const def = parseAst(text, "<doctest>").body[0] as py.FunctionDef;
  const first = body[0] ?? null;
  const at: py.Span = first ?? { lineno: 1, col_offset: 0, end_lineno: 1, end_col_offset: 0 };
  placeAll(def, at);
  // Splice each example's statements in place of its `pass`.
  for (const st of def.body) {
    if (st._type !== "FunctionDef") continue;
    for (const inner of st.body) {
      if (inner._type !== "FunctionDef") continue;
      const i = Number(/^__pyts_example_(\d+)__$/.exec(inner.name)?.[1]);
      const stmts = bodies.get(`${st.name}:${i}`);
      if (stmts !== undefined) inner.body = [...inner.body.slice(0, -1), ...stmts];
    }
  }
  let index = 0;
  const isDoc = (s: py.Stmt | undefined): boolean => s?._type === "Expr" && s.value._type === "Constant" && s.value.value.kind === "str";
  if (isDoc(body[0])) index = 1;
  while (body[index]?._type === "ImportFrom" && (body[index] as py.ImportFrom).module === "__future__") index++;
  return { body: [...body.slice(0, index), def, ...body.slice(index)], added: true };
}

/** The docstrings DocTestFinder can reach: the module's, its classes' and functions', their members'. */
function docstrings(body: readonly py.Stmt[], sourceLines: readonly string[]): DocSource[] {
  const out: DocSource[] = [];
  const docLine = (from: number | null): number | null => {
    if (from === null) return null;
    for (let line = from; line < sourceLines.length; line++) if (DOCSTRING_START.test(sourceLines[line]!)) return line;
    return null;
  };
  const docOf = (stmts: readonly py.Stmt[]): py.Constant | null => {
    const first = stmts[0];
    return first?._type === "Expr" && first.value._type === "Constant" && first.value.value.kind === "str" ? first.value : null;
  };
  const add = (key: string, stmts: readonly py.Stmt[], from: number | null): void => {
    const doc = docOf(stmts);
    if (doc && doc.value.kind === "str") out.push({ key, text: doc.value.value, at: textStart(doc), inFile: true, lineno: docLine(from) });
  };
  add("", body, 0);
  const visit = (stmts: readonly py.Stmt[], prefix: string): void => {
    for (const st of stmts) {
      if (st._type === "FunctionDef" || st._type === "AsyncFunctionDef") {
        // a property's docstring has no line (the finder's _find_lineno knows no properties)
        const property = st.decorator_list.some((d) => (d._type === "Name" && d.id === "property") || (d._type === "Attribute" && ["setter", "getter", "deleter"].includes(d.attr)));
        const first = st.decorator_list[0]?.lineno ?? st.lineno;
        add(prefix + st.name, st.body, property ? null : first - 1);
      } else if (st._type === "ClassDef") {
        const pattern = new RegExp(`^\\s*class\\s*${st.name}(?![\\p{L}\\p{N}_])`, "u");
        const line = sourceLines.findIndex((l) => pattern.test(l));
        add(prefix + st.name, st.body, line < 0 ? null : line);
        visit(st.body, `${prefix}${st.name}.`);
      } else if (st._type === "Assign" && prefix === "" && st.targets.length === 1 && st.targets[0]!._type === "Name" && st.targets[0]!.id === "__test__" && st.value._type === "Dict") {
        // `__test__ = {"name": """>>> ..."""}`: more tests, named __test__.name
        st.value.keys.forEach((k, i) => {
          const v = (st.value as py.Dict).values[i];
          if (k?._type === "Constant" && k.value.kind === "str" && v?._type === "Constant" && v.value.kind === "str") {
            out.push({ key: `__test__.${k.value.value}`, text: v.value.value, at: textStart(v), inFile: true, lineno: null });
          }
        });
      } else if (st._type === "If" || st._type === "Try" || st._type === "With") {
        visit(st.body, prefix);
        if (st._type !== "With") visit(st.orelse, prefix);
      }
    }
  };
  visit(body, "");
  return out;
}

/** DocTestFinder's rule for the line a docstring starts on: the first that begins with a quote. */
const DOCSTRING_START = /^(?:.*:)?\s*[\p{L}\p{N}_]*["']/u;

/** Where a string literal's text begins: after its prefix and opening quotes. */
function textStart(doc: py.Constant): py.Span {
  return { lineno: doc.lineno, col_offset: doc.col_offset, end_lineno: doc.end_lineno, end_col_offset: doc.end_col_offset };
}

/** `doctest.testfile("name")` / `testfile("name")` with a literal name: the file, read now. */
function testFiles(body: readonly py.Stmt[], filename: string | undefined): DocSource[] {
  const out: DocSource[] = [];
  const seen = new Set<string>();
  visitNodes(body, (node) => {
    if (node._type !== "Call") return;
    const call = node as py.Call;
    const callee = call.func;
    const named = (callee._type === "Attribute" && callee.attr === "testfile" && callee.value._type === "Name" && callee.value.id === "doctest") || (callee._type === "Name" && callee.id === "testfile");
    const arg = call.args[0];
    if (!named || arg?._type !== "Constant" || arg.value.kind !== "str") return;
    const relative = call.keywords.find((k) => k.arg === "module_relative");
    const moduleRelative = !(relative && relative.value._type === "Constant" && relative.value.value.kind === "bool" && !relative.value.value.value);
    const name = arg.value.value;
    const file = moduleRelative ? path.join(path.dirname(filename ?? "."), name) : name;
    if (seen.has(name)) return;
    let text: string;
    try {
      text = fs.readFileSync(file, "utf8").replace(/\r\n?/g, "\n");
    } catch {
      return; // the runtime raises CPython's FileNotFoundError
    }
    seen.add(name);
    out.push({ key: `<file>:${name}`, text, at: call, inFile: false, lineno: 0 });
  });
  return out;
}

/** An example's statements (expression statements displayed) and the names it binds. */
function compileExample(ex: ParsedExample, doc: DocSource): { body: py.Stmt[]; names: string[] } {
  let module: py.Module;
  try {
    module = parseAst(ex.source, "<doctest>");
  } catch (e) {
    if (!(e instanceof DiagnosticError)) throw e;
    const d = e.diagnostics[0]!;
    const raise = parseAst(`raise ${d.kind === "Unsupported" ? "SyntaxError" : d.kind}(${JSON.stringify(d.message)})\n`, "<doctest>");
    placeAll(raise, doc.at);
    return { body: raise.body, names: [] };
  }
  if (doc.inFile) {
    const lineOffset = doc.at.lineno + ex.lineno - 1;
    shift(module, lineOffset, ex.indent + 4);
  } else {
    placeAll(module, doc.at);
  }
  const body = module.body.map(displayed);
  const names = new Set<string>();
  visitNodes(body, (node) => boundName(node, names), true);
  return { body, names: [...names].filter((n) => n !== "__pyts_sys__") };
}

/** `expr` -> `__pyts_sys__.displayhook(expr)`, outside nested functions and classes. */
function displayed(st: py.Stmt): py.Stmt {
  if (st._type === "Expr") {
    const span = { lineno: st.lineno, col_offset: st.col_offset, end_lineno: st.end_lineno, end_col_offset: st.end_col_offset };
    const sys: py.Name = { _type: "Name", id: "__pyts_sys__", ctx: "Load", ...span };
    const hook: py.Attribute = { _type: "Attribute", value: sys, attr: "displayhook", ctx: "Load", ...span };
    return { ...st, value: { _type: "Call", func: hook, args: [st.value], keywords: [], ...span } };
  }
  const blocks = st as unknown as Record<string, unknown>;
  if (st._type === "FunctionDef" || st._type === "AsyncFunctionDef" || st._type === "ClassDef") return st;
  const copy: Record<string, unknown> = { ...blocks };
  for (const field of ["body", "orelse", "finalbody"]) {
    if (Array.isArray(blocks[field])) copy[field] = (blocks[field] as py.Stmt[]).map(displayed);
  }
  if (Array.isArray(blocks.handlers)) copy.handlers = (blocks.handlers as py.ExceptHandler[]).map((h) => ({ ...h, body: h.body.map(displayed) }));
  if (Array.isArray(blocks.cases)) copy.cases = (blocks.cases as py.MatchCase[]).map((c) => ({ ...c, body: c.body.map(displayed) }));
  return copy as unknown as py.Stmt;
}

function boundName(node: { _type: string }, names: Set<string>): void {
  const n = node as unknown as Record<string, unknown>;
  switch (node._type) {
    case "Name":
      if (n.ctx !== "Load") names.add(n.id as string);
      return;
    case "FunctionDef":
    case "AsyncFunctionDef":
    case "ClassDef":
      names.add(n.name as string);
      return;
    case "Import":
    case "ImportFrom":
      for (const a of n.names as py.Alias[]) if (a.name !== "*") names.add(a.asname ?? (node._type === "Import" ? a.name.split(".")[0]! : a.name));
      return;
    case "ExceptHandler":
    case "MatchAs":
    case "MatchStar":
      if (typeof n.name === "string") names.add(n.name);
      return;
    case "MatchMapping":
      if (typeof n.rest === "string") names.add(n.rest);
      return;
  }
}

const SCOPES = new Set(["FunctionDef", "AsyncFunctionDef", "ClassDef", "Lambda", "ListComp", "SetComp", "DictComp", "GeneratorExp"]);

/**
 * Every node under `roots`, parents first. With `ownScope`, the bodies of nested functions,
 * classes, lambdas and comprehensions are skipped (the node itself is visited).
 */
function visitNodes(roots: readonly unknown[], visit: (node: { _type: string }) => void, ownScope = false): void {
  const stack: unknown[] = [...roots].reverse();
  while (stack.length > 0) {
    const node = stack.pop();
    if (Array.isArray(node)) {
      for (let i = node.length - 1; i >= 0; i--) stack.push(node[i]);
      continue;
    }
    if (node === null || typeof node !== "object" || !("_type" in node)) continue;
    visit(node as { _type: string });
    if (ownScope && SCOPES.has((node as { _type: string })._type)) {
      const def = node as Record<string, unknown>;
      // decorators, defaults and bases run in the example's scope
      for (const field of ["decorator_list", "bases", "keywords"]) if (Array.isArray(def[field])) stack.push(def[field]);
      const args = def.args as py.Arguments | undefined;
      if (args && typeof args === "object") stack.push([...args.defaults, ...args.kw_defaults.filter((d) => d !== null)]);
      continue;
    }
    const values = Object.values(node as object).filter((v) => typeof v === "object" && v !== null);
    for (let i = values.length - 1; i >= 0; i--) stack.push(values[i]);
  }
}

function eachSpan(root: unknown, f: (node: py.Span) => void): void {
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const node = stack.pop();
    if (Array.isArray(node)) {
      stack.push(...node);
      continue;
    }
    if (node === null || typeof node !== "object" || node instanceof Uint8Array) continue;
    if (typeof (node as py.Span).lineno === "number") f(node as py.Span);
    for (const v of Object.values(node as object)) if (typeof v === "object" && v !== null) stack.push(v);
  }
}

/** Every node of a parsed example moved to its place in the docstring. */
function shift(root: unknown, lines: number, cols: number): void {
  eachSpan(root, (n) => {
    n.lineno += lines;
    n.end_lineno += lines;
    n.col_offset += cols;
    n.end_col_offset += cols;
  });
}

/** Every node of generated code placed at `at`. */
export function placeAll(root: unknown, at: py.Span): void {
  eachSpan(root, (n) => {
    n.lineno = at.lineno;
    n.end_lineno = at.lineno;
    n.col_offset = at.col_offset;
    n.end_col_offset = at.col_offset;
  });
}
