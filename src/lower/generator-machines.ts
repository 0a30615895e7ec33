// Generator bodies as state machines. A def's generator body is otherwise a JS `function*`,
// whose every resume and suspend V8's interpreter and baseline code (where the cold rounds of
// a loop over a generator run) pay dearly for. A body whose `yield`s are statements
// (`yield x`, its sent value unused), with no `try`, labels, nested functions, classes,
// lambdas, `yield from` or `await`, becomes a closure over the def's locals instead:
//
//   function numbers$1(n) {
//     let pc$ = 0; let i: any; ...
//     return (mode$, sent$) => {
//       if (mode$ !== 0) { pc$ = -1; if (mode$ === 1) throw sent$; return machineEnd(sent$); }
//       machine$: while (true) switch (pc$) { case 0: ...; pc$ = 1; return i; case 1: ... }
//     };
//   }
//
// run by `machineGenerator` (runtime/core/generator-machine.ts). Statements without a `yield`
// stay as they are (a loop without one is still a JS loop); loops and ifs holding one become
// jumps between the cases. A loop over an iterable keeps its iterator in a local, which is
// closed (its `return` called) where JS's `for...of` would close it: `break`, `return`,
// an exception, and throw/close at a `yield` inside the loop.
import type * as ir from "./ir.js";

const ANY: ir.TsType = { k: "any" };
const PC = "pc$";
const MODE = "mode$";
const SENT = "sent$";
const STEP = "step$";
const LABEL = "machine$";

/** A body the machine cannot hold: the def keeps its `function*`. */
class NotAMachine extends Error {}

interface MachineLoop {
  breakPc: number;
  continuePc: number;
  /** the local holding a `for x in v` loop's iterator; null for while and counting loops */
  iterator: string | null;
}

/**
 * The statements of a generator def's body function (taking `params`) made a state machine
 * returning the step closure, or null when the body is not one the machine holds.
 */
export function generatorMachine(body: ir.Stmt[], params: ir.Param[]): ir.Stmt[] | null {
  if (!machineHolds(body)) return null;
  try {
    return new MachineBuilder(new Set(params.map((p) => p.name))).build(body);
  } catch (error) {
    if (error instanceof NotAMachine) return null;
    throw error;
  }
}

/** Every node of the body is one the machine keeps; every `yield` is a statement of its own. */
function machineHolds(body: ir.Stmt[]): boolean {
  let statementYields = 0;
  let yields = 0;
  let refused = false;
  const visit = (node: unknown): void => {
    if (refused || node === null || typeof node !== "object") return;
    if (Array.isArray(node)) {
      for (const item of node) visit(item);
      return;
    }
    const k = (node as { k?: unknown }).k;
    switch (k) {
      case "try":
      case "labeled":
      case "function":
      case "class":
      case "func":
      case "arrow":
      case "classExpr":
      case "await":
        refused = true;
        return;
      case "yield":
        if ((node as { delegate: boolean }).delegate) refused = true;
        yields++;
        break;
      case "forOf":
        if ((node as { await?: boolean }).await === true) refused = true;
        break;
      case "break":
      case "continue":
        if ((node as { label?: string }).label !== undefined) refused = true;
        break;
      case "expr":
        if (isYieldStatement(node as ir.Stmt)) statementYields++;
        break;
    }
    for (const value of Object.values(node)) if (value !== null && typeof value === "object") visit(value);
  };
  visit(body);
  return !refused && yields > 0 && yields === statementYields && yieldsInLoop(body, false);
}

/**
 * Does a `yield` sit in a loop? Only such a body steps often enough for the machine to pay;
 * the others (a few yields in a row) keep their shorter `function*`.
 */
function yieldsInLoop(node: unknown, inLoop: boolean): boolean {
  if (node === null || typeof node !== "object") return false;
  if (Array.isArray(node)) return node.some((item) => yieldsInLoop(item, inLoop));
  const k = (node as { k?: unknown }).k;
  if (k === "yield") return inLoop;
  const loop = inLoop || k === "while" || k === "for" || k === "forOf";
  return Object.values(node).some((value) => value !== null && typeof value === "object" && yieldsInLoop(value, loop));
}

function isYieldStatement(s: ir.Stmt): s is { k: "expr"; expr: { k: "yield"; arg: ir.Expr | null; delegate: boolean } } {
  return s.k === "expr" && s.expr.k === "yield";
}

function holdsYield(node: unknown): boolean {
  if (node === null || typeof node !== "object") return false;
  if (Array.isArray(node)) return node.some(holdsYield);
  if ((node as { k?: unknown }).k === "yield") return true;
  return Object.values(node).some((value) => value !== null && typeof value === "object" && holdsYield(value));
}

const id = (name: string): ir.Expr => ({ k: "id", name });
const num = (value: number): ir.Expr => ({ k: "num", value });
const assign = (target: ir.Expr | ir.Pattern, value: ir.Expr, loc?: ir.Loc): ir.Stmt => ({ k: "expr", expr: { k: "assign", op: "=", target, value }, loc });
/** The end of the body, returning `value`: a step otherwise returns the yielded value itself. */
const ended = (value: ir.Expr): ir.Expr => ({ k: "call", callee: { k: "rt", name: "machineEnd" }, args: [value] });

class MachineBuilder {
  private readonly cases: { pc: number; body: ir.Stmt[] }[] = [];
  private current: ir.Stmt[] = [];
  private nextPc = 1;
  /** locals of the body, declared in the closure's scope so that they outlive a step */
  private readonly hoisted = new Set<string>();
  /** the loop iterators' locals, in the order made (an inner loop's after its outer's) */
  private readonly iterators: string[] = [];
  /** the iterators of loops over a generator only the loop refers to (`closing(gen())`) */
  private readonly owned = new Set<string>();
  private readonly loops: MachineLoop[] = [];
  /** the case numbers stored into `pc$` by jumps and yields (threadJumps redirects them) */
  private readonly targets: { k: "num"; value: number }[] = [];

  constructor(private readonly params: Set<string>) {
    this.cases.push({ pc: 0, body: this.current });
  }

  build(body: ir.Stmt[]): ir.Stmt[] {
    this.sequence(body);
    this.current.push(...this.finish(null));
    this.threadJumps();
    const dispatch: ir.Stmt = {
      k: "labeled",
      label: LABEL,
      body: {
        k: "while",
        test: { k: "bool", value: true },
        // (the last case, where the body ends, is the default: `pc$` -1 is a finished body)
        body: [{ k: "switch", disc: id(PC), cases: this.cases.map((c, i) => ({ test: i === this.cases.length - 1 ? null : num(c.pc), body: c.body })) }],
      },
    };
    // Throw and return at the suspension point: with no `try` in the body, both leave it there.
    // (a throw leaves through the handler below, which closes the loops' iterators quietly)
    const ending: ir.Stmt[] = [
      { k: "if", test: { k: "binary", op: "===", left: id(MODE), right: num(1) }, then: [{ k: "throw", arg: id(SENT) }], else: null },
      ...this.closeAll(false),
      { k: "return", arg: ended(id(SENT)) },
    ];
    let step: ir.Stmt[] = [{ k: "if", test: { k: "binary", op: "!==", left: id(MODE), right: num(0) }, then: [assign(id(PC), num(-1)), ...ending], else: null }, dispatch];
    if (this.iterators.length > 0) {
      // An exception leaving the body closes the iterators of the loops it was in.
      step = [{ k: "try", block: step, param: "error$", handler: [assign(id(PC), num(-1)), ...this.closeAll(true), { k: "throw", arg: id("error$") }], finalizer: null }];
    }
    const decls: ir.Stmt[] = [{ k: "decl", kind: "let", name: PC, type: { k: "keyword", name: "number" }, init: num(0) }];
    for (const name of this.iterators.length > 0 ? [...this.hoisted, STEP] : this.hoisted) decls.push({ k: "decl", kind: "let", name, type: ANY });
    for (const name of this.iterators) decls.push({ k: "decl", kind: "let", name, type: ANY, init: { k: "null" } });
    const machine: ir.Expr = {
      k: "arrow",
      params: [
        { name: MODE, type: { k: "keyword", name: "number" } },
        { name: SENT, type: ANY },
      ],
      body: step,
    };
    return [...decls, { k: "return", arg: machine }];
  }

  private sequence(body: ir.Stmt[]): void {
    for (const s of body) this.statement(s);
  }

  private newPc(): number {
    return this.nextPc++;
  }

  /** Starts the case `pc`: the current one falls through into it. */
  private start(pc: number): void {
    this.current = [];
    this.cases.push({ pc, body: this.current });
  }

  /** A case number stored into `pc$`, which threadJumps may redirect. */
  private target(pc: number): ir.Expr {
    const node = { k: "num" as const, value: pc };
    this.targets.push(node);
    return node;
  }

  private jump(pc: number, loc?: ir.Loc): ir.Stmt[] {
    return [assign(id(PC), this.target(pc), loc), { k: "continue", label: LABEL }];
  }

  /**
   * A jump or a yield whose target case only jumps on (`case 8: pc$ = 6; continue`) or is
   * empty (falls through into the next) goes to where that leads: one dispatch per step.
   */
  private threadJumps(): void {
    const next = new Map<number, number>();
    this.cases.forEach((c, i) => {
      const only = c.body.length === 2 && c.body[1]!.k === "continue" ? c.body[0] : undefined;
      if (c.body.length === 0 && i + 1 < this.cases.length) next.set(c.pc, this.cases[i + 1]!.pc);
      else if (only?.k === "expr" && only.expr.k === "assign" && only.expr.value.k === "num" && this.targets.includes(only.expr.value as { k: "num"; value: number })) next.set(c.pc, only.expr.value.value);
    });
    const resolve = (pc: number): number => {
      const seen = new Set<number>();
      while (next.has(pc) && !seen.has(pc)) {
        seen.add(pc);
        pc = next.get(pc)!;
      }
      return pc;
    };
    const resolved = this.targets.map((node) => resolve(node.value));
    this.targets.forEach((node, i) => (node.value = resolved[i]!));
  }

  private hoist(name: string): void {
    // (a local named as a parameter, or as the machine's own state, keeps the `function*`)
    if (this.params.has(name) || [PC, MODE, SENT, STEP, "error$"].includes(name) || /^iter\$\d+$/.test(name)) throw new NotAMachine();
    this.hoisted.add(name);
  }

  private hoistTarget(target: ir.Pattern | ir.Expr | null | undefined): void {
    if (target === null || target === undefined) return;
    if (target.k === "id") this.hoist(target.name);
    else if (target.k === "arrayPattern") {
      for (const element of target.elements) this.hoistTarget(element);
      this.hoistTarget(target.rest);
    } else throw new NotAMachine();
  }

  /** Closes the iterators of the loops a step is in (innermost first), as their leaving does. */
  private closeAll(quietly: boolean): ir.Stmt[] {
    return [...this.iterators].reverse().map((name) => this.close(name, quietly));
  }

  /** `iter$0 = closeIterator(iter$0)`: the loop's iterator closed, its local cleared. */
  private close(iterator: string, quietly = false): ir.Stmt {
    const args: ir.Expr[] = this.owned.has(iterator) ? [id(iterator), { k: "bool", value: true }] : [id(iterator)];
    return assign(id(iterator), { k: "call", callee: { k: "rt", name: quietly ? "closeIteratorQuietly" : "closeIterator" }, args });
  }

  /** `return x` in the body: the loops it is in are left (their iterators closed), the body ends. */
  private finish(arg: ir.Expr | null, loc?: ir.Loc): ir.Stmt[] {
    const closing = this.loops.flatMap((loop) => (loop.iterator === null ? [] : [loop.iterator])).reverse();
    return [
      ...closing.map((name) => this.close(name)),
      assign(id(PC), num(-1)),
      { k: "return", arg: ended(arg ?? { k: "null" }), loc },
    ];
  }

  private statement(s: ir.Stmt): void {
    if (s.k === "decl") {
      // (a declaration at the machine's level: its local must outlive the step)
      if (typeof s.name === "string") this.hoist(s.name);
      else this.hoistTarget(s.name);
      // (`let x;` in a loop unbinds `x` on every pass; at the top it is unbound already)
      if (s.init !== undefined || this.loops.length > 0) this.current.push(assign(typeof s.name === "string" ? id(s.name) : s.name, s.init ?? id("undefined"), s.loc));
      return;
    }
    if (!holdsYield(s)) {
      this.current.push(this.plain(s, 0));
      return;
    }
    switch (s.k) {
      case "expr": {
        // `yield x` (isYieldStatement: machineHolds let no other yield through)
        const resume = this.newPc();
        const value = (s.expr as { arg: ir.Expr | null }).arg ?? { k: "null" };
        this.current.push(assign(id(PC), this.target(resume)), { k: "return", arg: value, loc: s.loc });
        this.start(resume);
        return;
      }
      case "block":
        this.sequence(s.body);
        return;
      case "if": {
        const otherwise = this.newPc();
        const end = s.else ? this.newPc() : otherwise;
        this.current.push({ k: "if", test: { k: "unary", op: "!", arg: s.test }, then: this.jump(otherwise), else: null, loc: s.loc });
        this.sequence(s.then);
        if (s.else) {
          this.current.push(...this.jump(end));
          this.start(otherwise);
          this.sequence(s.else);
        }
        this.start(end);
        return;
      }
      case "while": {
        const top = this.newPc();
        const end = this.newPc();
        this.start(top);
        this.current.push({ k: "if", test: { k: "unary", op: "!", arg: s.test }, then: this.jump(end), else: null, loc: s.loc });
        this.loopBody(s.body, { breakPc: end, continuePc: top, iterator: null });
        this.current.push(...this.jump(top));
        this.start(end);
        return;
      }
      case "for": {
        const top = this.newPc();
        const update = this.newPc();
        const end = this.newPc();
        this.hoist(s.name);
        this.current.push(assign(id(s.name), s.init, s.loc));
        this.start(top);
        this.current.push({ k: "if", test: { k: "unary", op: "!", arg: s.test }, then: this.jump(end), else: null, loc: s.loc });
        this.loopBody(s.body, { breakPc: end, continuePc: update, iterator: null });
        this.start(update);
        this.current.push({ k: "expr", expr: s.update }, ...this.jump(top));
        this.start(end);
        return;
      }
      case "forOf": {
        const iterator = `iter$${this.iterators.length}`;
        this.iterators.push(iterator);
        const top = this.newPc();
        const end = this.newPc();
        // (a loop over `closing(gen())` steps the generator itself, and closes it when left early)
        const iterable = s.iter;
        const owned = iterable.k === "call" && iterable.callee.k === "rt" && iterable.callee.name === "closing" && iterable.args.length === 1 && iterable.args[0]!.k !== "spread";
        if (owned) this.owned.add(iterator);
        this.current.push(assign(id(iterator), owned ? { ...iterable, callee: { k: "rt", name: "machineOwnedIter" } } : { k: "call", callee: { k: "rt", name: "machineIter" }, args: [iterable] }, s.loc));
        this.start(top);
        // (stepped for the item itself, `undefined` at the end: no JS iterator result per item)
        this.current.push(assign(id(STEP), { k: "call", callee: { k: "member", object: id(iterator), property: "_nextValue" }, args: [] }, s.loc));
        this.current.push({ k: "if", test: { k: "binary", op: "===", left: id(STEP), right: id("undefined") }, then: [assign(id(iterator), { k: "null" }), ...this.jump(end)], else: null });
        let target: ir.Expr | ir.Pattern;
        if (typeof s.target === "string") {
          this.hoist(s.target);
          target = id(s.target);
        } else {
          if (s.declare !== null) this.hoistTarget(s.target);
          target = s.target;
        }
        this.current.push(assign(target, id(STEP), s.loc));
        this.loopBody(s.body, { breakPc: end, continuePc: top, iterator });
        this.current.push(...this.jump(top));
        this.start(end);
        return;
      }
      default:
        throw new NotAMachine();
    }
  }

  private loopBody(body: ir.Stmt[], loop: MachineLoop): void {
    this.loops.push(loop);
    this.sequence(body);
    this.loops.pop();
  }

  /** `break` / `continue` of the machine's innermost loop. */
  private loopJump(s: { k: "break" | "continue"; loc?: ir.Loc }): ir.Stmt {
    const loop = this.loops[this.loops.length - 1];
    if (loop === undefined) throw new NotAMachine();
    if (s.k === "continue") return { k: "block", body: this.jump(loop.continuePc, s.loc) };
    const close: ir.Stmt[] = loop.iterator === null ? [] : [this.close(loop.iterator)];
    return { k: "block", body: [...close, ...this.jump(loop.breakPc, s.loc)] };
  }

  /**
   * A statement without a `yield`, kept as it is but for what leaves the machine's own
   * constructs: `return` ends the machine, `break`/`continue` outside any loop of the
   * statement's own (`depth` 0) jump in the machine.
   */
  private plain(s: ir.Stmt, depth: number): ir.Stmt {
    const list = (body: ir.Stmt[], inner: number): ir.Stmt[] => body.map((x) => this.plain(x, inner));
    switch (s.k) {
      case "return":
        // (a `return` out of a JS `for...of` of its own would close that loop's iterator after
        // the machine's outer ones: the def keeps its `function*` rather than change the order)
        if (depth > 0 && this.loops.some((loop) => loop.iterator !== null)) throw new NotAMachine();
        return { k: "block", body: this.finish(s.arg, s.loc) };
      case "break":
      case "continue":
        return depth === 0 ? this.loopJump(s) : s;
      case "if":
        return { ...s, then: list(s.then, depth), else: s.else ? list(s.else, depth) : null };
      case "block":
        return { ...s, body: list(s.body, depth) };
      case "while":
      case "for":
      case "forOf":
        return { ...s, body: list(s.body, depth + 1) };
      case "expr":
      case "decl":
      case "throw":
      case "comment":
      case "blank":
        return s;
      default:
        throw new NotAMachine();
    }
  }
}
