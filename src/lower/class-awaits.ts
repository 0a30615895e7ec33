// A class body that waits (`a = asyncio.run(...)`, an import of a module whose body awaits):
// JS static initializers and static blocks are functions of their own, where `await` is a
// syntax error. From the first member that awaits on, the class's static initializers and
// blocks run after the class instead, in their order, with the class in place of `this`.
import type * as ir from "./ir.js";

/** Does the IR contain an `await` evaluated here (not inside a nested function)? */
export function awaitsHere(node: unknown): boolean {
  if (Array.isArray(node)) return node.some(awaitsHere);
  if (node === null || typeof node !== "object") return false;
  const k = (node as { k?: string }).k;
  if (k === "await") return true;
  if (k === "func" || k === "arrow" || k === "function" || k === "method") return false;
  return Object.values(node).some((v) => typeof v === "object" && awaitsHere(v));
}

/** Replace `this` by `cls` where it means the static block's receiver (arrows share it). */
function replaceThis(node: unknown, cls: ir.Expr): void {
  if (node === null || typeof node !== "object") return;
  const entries: [string | number, unknown][] = Array.isArray(node) ? node.map((v, i) => [i, v]) : Object.entries(node);
  for (const [key, v] of entries) {
    if (v === null || typeof v !== "object") continue;
    const k = (v as { k?: string }).k;
    if (k === "this") (node as Record<string | number, unknown>)[key] = { ...cls, loc: (v as { loc?: ir.Loc }).loc };
    // (a nested class's statics have their own `this`)
    else if (k !== "func" && k !== "function" && k !== "method" && k !== "classExpr" && k !== "class") replaceThis(v, cls);
  }
}

function memberAwaits(m: ir.ClassMember): boolean {
  return (m.k === "property" && m.isStatic && awaitsHere(m.value)) || (m.k === "staticBlock" && awaitsHere(m.body));
}

/** Does some static initializer or static block of the class await? */
export function staticsAwait(members: ir.ClassMember[]): boolean {
  return members.some(memberAwaits);
}

/**
 * Split the members of a class whose static part awaits: the members it keeps (static
 * properties stay declared, without their values) and the statements that finish it, run
 * right after the class is made. `null` when the class does not await.
 */
export function deferAwaitingStatics(members: ir.ClassMember[], cls: ir.Expr): { members: ir.ClassMember[]; after: ir.Stmt[] } | null {
  const first = members.findIndex(memberAwaits);
  if (first < 0) return null;
  const kept: ir.ClassMember[] = members.slice(0, first);
  const after: ir.Stmt[] = [];
  for (const m of members.slice(first)) {
    if (m.k === "property" && m.isStatic && m.value !== null) {
      kept.push({ ...m, value: null, type: m.type ?? { k: "any" } });
      const stmt: ir.Stmt = { k: "expr", expr: { k: "assign", op: "=", target: { k: "member", object: cls, property: m.name }, value: m.value }, loc: m.loc };
      replaceThis(stmt, cls);
      after.push(stmt);
    } else if (m.k === "staticBlock") {
      // A block keeps the static block's declarations to itself.
      const scoped = m.body.some((st) => st.k === "decl" || st.k === "function" || st.k === "class");
      const stmts: ir.Stmt[] = scoped ? [{ k: "block", body: m.body }] : m.body;
      replaceThis(stmts, cls);
      after.push(...stmts);
    } else kept.push(m);
  }
  return { members: kept, after };
}
