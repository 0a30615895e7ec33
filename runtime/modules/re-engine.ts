// A backtracking matcher with the semantics of CPython's sre. The parsed pattern (re-parse.ts)
// is compiled to a small instruction list run by a loop with an explicit choice stack, so
// long subjects never deepen the JS stack (only lookarounds and atomic groups nest, by the
// pattern's own depth). Writes to group marks and repeat counters go on a trail that
// backtracking unwinds. Repeats stop after an empty iteration as sre's MAX_UNTIL/MIN_UNTIL do;
// repeats of fixed-width bodies (`\w+`, `(?:ab)*`) count in a loop.

import { anchorMatcher, fixedTests, sameIgnoringCase, singleTest, type MatchState } from "./re-chars.js";
import { MAXREPEAT, type Node, type ParsedPattern } from "./re-nodes.js";

export { Subject, type MatchSpans, type MatchState } from "./re-chars.js";

const enum Op {
  Test,
  At,
  Split,
  Jump,
  Save,
  Backref,
  Cond,
  Look,
  Atomic,
  Simple,
  RepInit,
  RepLoop,
  RepIter,
  RepInc,
  Match,
}

type Instr =
  | { op: Op.Test; test: (c: number) => boolean }
  | { op: Op.At; test: (s: MatchState, i: number) => boolean }
  | { op: Op.Split; first: number; second: number }
  | { op: Op.Jump; to: number }
  | { op: Op.Save; slot: number; group: number }
  | { op: Op.Backref; group: number; ignoreCase: boolean; ascii: boolean }
  | { op: Op.Cond; group: number; no: number }
  | { op: Op.Look; start: number; next: number; behind: boolean; negated: boolean; width: number }
  | { op: Op.Atomic; start: number; next: number }
  | { op: Op.Simple; tests: Array<(c: number) => boolean>; min: number; max: number; lazy: boolean; possessive: boolean }
  | { op: Op.RepInit; reg: number }
  | { op: Op.RepLoop; reg: number; min: number; max: number; lazy: boolean; body: number; exit: number }
  | { op: Op.RepIter; reg: number; body: number }
  | { op: Op.RepInc; reg: number; loop: number }
  | { op: Op.Match };

/** Compiles nodes into instructions (labels are patched once their targets are known). */
class Compiler {
  readonly code: Instr[] = [];
  registers = 0;

  private emit(instr: Instr): number {
    this.code.push(instr);
    return this.code.length - 1;
  }

  node(node: Node): void {
    const single = singleTest(node);
    if (single) {
      this.emit({ op: Op.Test, test: single });
      return;
    }
    switch (node.kind) {
      case "seq":
        for (const item of node.items) this.node(item);
        return;
      case "alt": {
        const jumps: Array<Extract<Instr, { op: Op.Jump }>> = [];
        node.items.forEach((item, i) => {
          if (i < node.items.length - 1) {
            const split = { op: Op.Split, first: 0, second: 0 } as Extract<Instr, { op: Op.Split }>;
            split.first = this.emit(split) + 1;
            this.node(item);
            const jump = { op: Op.Jump, to: 0 } as Extract<Instr, { op: Op.Jump }>;
            this.emit(jump);
            jumps.push(jump);
            split.second = this.code.length;
          } else this.node(item);
        });
        for (const jump of jumps) jump.to = this.code.length;
        return;
      }
      case "group":
        this.emit({ op: Op.Save, slot: node.index * 2, group: -1 });
        this.node(node.body);
        this.emit({ op: Op.Save, slot: node.index * 2 + 1, group: node.index });
        return;
      case "repeat":
        this.repeat(node);
        return;
      case "at":
        this.emit({ op: Op.At, test: anchorMatcher(node) });
        return;
      case "look": {
        const look = { op: Op.Look, start: 0, next: 0, behind: node.behind, negated: node.negated, width: node.width } as Extract<Instr, { op: Op.Look }>;
        look.start = this.emit(look) + 1;
        this.node(node.body);
        this.emit({ op: Op.Match });
        look.next = this.code.length;
        return;
      }
      case "atomic":
        this.atomic(() => this.node(node.body));
        return;
      case "backref":
        this.emit({ op: Op.Backref, group: node.index, ignoreCase: node.flags.ignoreCase, ascii: node.flags.ascii });
        return;
      case "cond": {
        const cond = { op: Op.Cond, group: node.index, no: 0 } as Extract<Instr, { op: Op.Cond }>;
        this.emit(cond);
        this.node(node.yes);
        const jump = { op: Op.Jump, to: 0 } as Extract<Instr, { op: Op.Jump }>;
        this.emit(jump);
        cond.no = this.code.length;
        this.node(node.no);
        jump.to = this.code.length;
        return;
      }
      default:
        throw new Error(`unreachable: ${node.kind}`);
    }
  }

  private atomic(body: () => void): void {
    const atomic = { op: Op.Atomic, start: 0, next: 0 } as Extract<Instr, { op: Op.Atomic }>;
    atomic.start = this.emit(atomic) + 1;
    body();
    this.emit({ op: Op.Match });
    atomic.next = this.code.length;
  }

  private repeat(node: Extract<Node, { kind: "repeat" }>): void {
    const { min, max, mode } = node;
    const tests = fixedTests(node.body);
    if (tests) {
      this.emit({ op: Op.Simple, tests, min, max, lazy: mode === "lazy", possessive: mode === "possessive" });
      return;
    }
    if (mode === "possessive") {
      this.atomic(() => this.repeat({ ...node, mode: "greedy" }));
      return;
    }
    const reg = this.registers++;
    this.emit({ op: Op.RepInit, reg });
    const loop = { op: Op.RepLoop, reg, min, max, lazy: mode === "lazy", body: 0, exit: 0 } as Extract<Instr, { op: Op.RepLoop }>;
    const at = this.emit(loop);
    if (mode === "lazy") {
      this.emit({ op: Op.RepIter, reg, body: at + 2 });
    }
    loop.body = this.code.length;
    this.node(node.body);
    this.emit({ op: Op.RepInc, reg, loop: at });
    loop.exit = this.code.length;
  }
}

// Trail targets: caps[i] for i >= 0, lastIndex for -1, registers[r] for -2 - r.
const LAST_INDEX = -1;

/**
 * A test the code point at a match's start must pass, when the pattern's first consuming item
 * (after zero-width anchors) is one code point: search skips other start positions.
 */
function startTest(node: Node): ((c: number) => boolean) | null {
  for (;;) {
    if (node.kind === "seq") {
      const first = node.items.find((item) => item.kind !== "at");
      if (first === undefined) return null;
      node = first;
    } else if (node.kind === "repeat" && node.min >= 1) {
      node = node.body;
    } else if (node.kind === "group") {
      node = node.body;
    } else return singleTest(node);
  }
}

/** A compiled pattern: `run` tries one start position, `search` every one from `pos`. */
export class Program {
  private readonly code: Instr[];
  private readonly registerCount: number;
  private readonly startTest: ((c: number) => boolean) | null;
  private readonly capCount: number;
  private machine: Machine | null = null;

  constructor(readonly parsed: ParsedPattern) {
    const compiler = new Compiler();
    compiler.node(parsed.root);
    compiler.code.push({ op: Op.Match });
    this.code = compiler.code;
    this.registerCount = compiler.registers;
    this.capCount = 2 * (parsed.groups + 1);
    this.startTest = startTest(parsed.root);
  }

  /** The machine for this subject (kept while the same subject is matched again). */
  private machineFor(cps: Int32Array, end: number): Machine {
    const known = this.machine;
    if (known !== null && known.cps === cps && known.end === end) return known;
    return (this.machine = new Machine(this.code, cps, end, this.capCount, this.registerCount));
  }

  /**
   * The group spans of a match starting at `start` (null for none). `full`: it must end at
   * `end`; `mustAdvance`: it must not be empty at `start` (after an empty match, as sre).
   */
  run(cps: Int32Array, start: number, end: number, full: boolean, mustAdvance: boolean): MatchState | null {
    return this.machineFor(cps, end).top(start, full, mustAdvance);
  }

  search(cps: Int32Array, pos: number, end: number, mustAdvance: boolean): MatchState | null {
    const machine = this.machineFor(cps, end);
    const test = this.startTest;
    for (let start = pos; start <= end; start++) {
      if (test !== null) {
        while (start < end && !test(cps[start]!)) start++;
        if (start >= end) return null;
      }
      const found = machine.top(start, false, mustAdvance && start === pos);
      if (found) return found;
    }
    return null;
  }
}

/** One subject's matching state, reused across the start positions of a search. */
class Machine implements MatchState {
  readonly caps: number[];
  lastIndex = -1;
  private readonly registers: Int32Array;
  /** Pairs (target, old value) to restore on backtracking. */
  private readonly trail: number[] = [];
  /** Choice points: (pc, pos, trail length, count, kind) five numbers each. */
  private readonly choices: number[] = [];

  constructor(
    private readonly code: Instr[],
    readonly cps: Int32Array,
    readonly end: number,
    capCount: number,
    registerCount: number,
  ) {
    this.caps = new Array<number>(capCount).fill(-1);
    this.registers = new Int32Array(registerCount * 2);
  }

  top(start: number, full: boolean, mustAdvance: boolean): MatchState | null {
    this.caps.fill(-1);
    this.lastIndex = -1;
    if (this.trail.length !== 0) this.trail.length = 0;
    if (this.choices.length !== 0) this.choices.length = 0;
    const end = this.exec(0, start, full ? this.end : -1, mustAdvance ? start : -1);
    if (end < 0) return null;
    const caps = this.caps.slice();
    caps[0] = start;
    caps[1] = end;
    return { cps: this.cps, end: this.end, caps, lastIndex: this.lastIndex };
  }

  private set(target: number, value: number): void {
    if (target >= 0) {
      this.trail.push(target, this.caps[target]!);
      this.caps[target] = value;
    } else if (target === LAST_INDEX) {
      this.trail.push(target, this.lastIndex);
      this.lastIndex = value;
    } else {
      this.trail.push(target, this.registers[-2 - target]!);
      this.registers[-2 - target] = value;
    }
  }

  private unwind(length: number): void {
    const trail = this.trail;
    while (trail.length > length) {
      const old = trail.pop()!;
      const target = trail.pop()!;
      if (target >= 0) this.caps[target] = old;
      else if (target === LAST_INDEX) this.lastIndex = old;
      else this.registers[-2 - target] = old;
    }
  }

  private push(pc: number, pos: number, count: number, kind: number): void {
    this.choices.push(pc, pos, this.trail.length, count, kind);
  }

  /**
   * Runs from `pc` at `pos` to a Match instruction; the end position, or -1. `want` >= 0: the
   * match must end there; `refuse` >= 0: it must not end there (an empty match at the start).
   * On success the choices made inside are dropped (a lookaround or atomic group is not
   * re-entered); its trail stays, so outer backtracking still undoes its marks.
   */
  private exec(pc: number, pos: number, want: number, refuse: number): number {
    const code = this.code;
    const cps = this.cps;
    const end = this.end;
    const choices = this.choices;
    const base = choices.length;
    const trailBase = this.trail.length;
    for (;;) {
      let ok = true;
      const instr = code[pc]!;
      switch (instr.op) {
        case Op.Test:
          if (pos < end && instr.test(cps[pos]!)) {
            pos++;
            pc++;
          } else ok = false;
          break;
        case Op.At:
          if (instr.test(this, pos)) pc++;
          else ok = false;
          break;
        case Op.Split:
          this.push(instr.second, pos, 0, 0);
          pc = instr.first;
          break;
        case Op.Jump:
          pc = instr.to;
          break;
        case Op.Save:
          this.set(instr.slot, pos);
          if (instr.group >= 0) this.set(LAST_INDEX, instr.group);
          pc++;
          break;
        case Op.Backref: {
          const from = this.caps[instr.group * 2]!;
          const to = this.caps[instr.group * 2 + 1]!;
          const n = to - from;
          if (from < 0 || to < 0 || pos + n > end) {
            ok = false;
            break;
          }
          for (let j = 0; j < n && ok; j++) {
            const a = cps[from + j]!;
            const b = cps[pos + j]!;
            if (a !== b && !(instr.ignoreCase && sameIgnoringCase(a, b, instr.ascii))) ok = false;
          }
          if (ok) {
            pos += n;
            pc++;
          }
          break;
        }
        case Op.Cond:
          pc = this.caps[instr.group * 2]! >= 0 && this.caps[instr.group * 2 + 1]! >= 0 ? pc + 1 : instr.no;
          break;
        case Op.Look: {
          const from = instr.behind ? pos - instr.width : pos;
          const mark = this.trail.length;
          const found = from >= 0 && this.exec(instr.start, from, instr.behind ? pos : -1, -1) >= 0;
          if (found === instr.negated) ok = false;
          else {
            if (instr.negated) this.unwind(mark);
            pc = instr.next;
          }
          break;
        }
        case Op.Atomic: {
          const found = this.exec(instr.start, pos, -1, -1);
          if (found < 0) ok = false;
          else {
            pos = found;
            pc = instr.next;
          }
          break;
        }
        case Op.Simple: {
          const { tests, min, lazy } = instr;
          const width = tests.length;
          const limit = instr.max === MAXREPEAT ? Infinity : instr.max;
          if (lazy) {
            const n = this.count(instr.tests, pos, min);
            if (n < min) {
              ok = false;
              break;
            }
            if (n < limit) this.push(pc, pos, n, 2);
            pos += n * width;
          } else {
            const n = this.count(instr.tests, pos, limit);
            if (n < min) {
              ok = false;
              break;
            }
            if (n > min && !instr.possessive) this.push(pc, pos, n, 1);
            pos += n * width;
          }
          pc++;
          break;
        }
        case Op.RepInit:
          this.set(-2 - instr.reg * 2, 0);
          this.set(-3 - instr.reg * 2, -1);
          pc++;
          break;
        case Op.RepLoop: {
          const count = this.registers[instr.reg * 2]!;
          const last = this.registers[instr.reg * 2 + 1]!;
          if (count < instr.min) pc = instr.body;
          else if (count < instr.max && pos !== last) {
            if (instr.lazy) {
              this.push(pc + 1, pos, 0, 0);
              pc = instr.exit;
            } else {
              this.push(instr.exit, pos, 0, 0);
              this.set(-3 - instr.reg * 2, pos);
              pc = instr.body;
            }
          } else pc = instr.exit;
          break;
        }
        case Op.RepIter:
          this.set(-3 - instr.reg * 2, pos);
          pc = instr.body;
          break;
        case Op.RepInc:
          this.set(-2 - instr.reg * 2, this.registers[instr.reg * 2]! + 1);
          pc = instr.loop;
          break;
        case Op.Match:
          if ((want >= 0 && pos !== want) || pos === refuse) ok = false;
          else {
            choices.length = base;
            return pos;
          }
          break;
      }
      if (ok) continue;
      // Backtrack to the latest choice point of this run.
      for (;;) {
        if (choices.length === base) {
          this.unwind(trailBase);
          return -1;
        }
        const at = choices.length - 5;
        const kind = choices[at + 4]!;
        pc = choices[at]!;
        pos = choices[at + 1]!;
        this.unwind(choices[at + 2]!);
        if (kind === 0) {
          choices.length = at;
          break;
        }
        const instr = code[pc] as Extract<Instr, { op: Op.Simple }>;
        const width = instr.tests.length;
        let n = choices[at + 3]!;
        if (kind === 1) {
          // A greedy repeat gives back one more item.
          n--;
          if (n > instr.min) choices[at + 3] = n;
          else choices.length = at;
        } else {
          // A lazy repeat takes one more item, if it can.
          if (this.count(instr.tests, pos + n * width, 1) === 0) {
            choices.length = at;
            continue;
          }
          n++;
          const limit = instr.max === MAXREPEAT ? Infinity : instr.max;
          if (n < limit) choices[at + 3] = n;
          else choices.length = at;
        }
        pos += n * width;
        pc++;
        break;
      }
    }
  }

  /** How many times the fixed-width body matches in a row from `pos` (at most `limit`). */
  private count(tests: Array<(c: number) => boolean>, pos: number, limit: number): number {
    const width = tests.length;
    const cps = this.cps;
    const end = this.end;
    let n = 0;
    if (width === 1) {
      const test = tests[0]!;
      while (n < limit && pos + n < end && test(cps[pos + n]!)) n++;
      return n;
    }
    outer: while (n < limit) {
      const at = pos + n * width;
      if (at + width > end) break;
      for (let j = 0; j < width; j++) if (!tests[j]!(cps[at + j]!)) break outer;
      n++;
    }
    return n;
  }
}
