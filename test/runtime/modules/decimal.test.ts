// decimal against CPython: random operands, operations, precisions and rounding modes, each
// result compared with what python3's decimal prints for the same case.
import { describe, expect, it } from "vitest";
import { Decimal } from "../../../runtime/modules/decimal.js";
import { getcontext, setcontext, Context } from "../../../runtime/modules/decimal-context.js";
import { kw } from "../../../runtime/values/kwargs.js";
import { pythonLines } from "./python-oracle.js";

/** A small deterministic generator, so failures reproduce. */
function generator(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const MODES = ["ROUND_UP", "ROUND_DOWN", "ROUND_CEILING", "ROUND_FLOOR", "ROUND_HALF_UP", "ROUND_HALF_DOWN", "ROUND_HALF_EVEN", "ROUND_05UP"];
const OPS = ["+", "-", "*", "/", "//", "%", "sqrt", "quantize", "normalize", "pow", "fmt", "exp", "ln", "log10", "rpow"];

function operand(rand: () => number): string {
  const digits = 1 + Math.floor(rand() * 14);
  let text = "";
  for (let i = 0; i < digits; i++) text += String(Math.floor(rand() * 10));
  const exp = Math.floor(rand() * 20) - 12;
  const sign = rand() < 0.3 ? "-" : "";
  return `${sign}${text}E${exp}`;
}

interface Case { a: string; b: string; op: string; prec: number; mode: string }

const rand = generator(12345);
const cases: Case[] = Array.from({ length: 1500 }, () => ({
  a: operand(rand),
  b: operand(rand),
  op: OPS[Math.floor(rand() * OPS.length)]!,
  prec: 1 + Math.floor(rand() * 30),
  mode: MODES[Math.floor(rand() * MODES.length)]!,
}));

function pythonExpression(c: Case): string {
  const a = `Decimal('${c.a}')`;
  const b = `Decimal('${c.b}')`;
  switch (c.op) {
    case "sqrt": return `abs(${a}).sqrt()`;
    case "quantize": return `${a}.quantize(Decimal('1E${(c.b.length % 7) - 3}'))`;
    case "normalize": return `${a}.normalize()`;
    case "pow": return `${a} ** ${(c.b.length % 9) - 3}`;
    case "exp": return `Decimal('${c.a.slice(0, 6)}E-${c.a.length % 4}').exp()`;
    case "ln": return `abs(${a}).ln()`;
    case "log10": return `abs(${a}).log10()`;
    case "rpow": return `abs(${a}) ** Decimal('${c.b.slice(0, 4)}E-3')`;
    case "fmt": return `format(${a}, ',.${c.prec % 6}f') + '|' + format(${a}, '.${1 + (c.prec % 5)}e') + '|' + format(${a}, '.${1 + (c.prec % 8)}g')`;
    default: return `${a} ${c.op} ${b}`;
  }
}

const script = `
from decimal import *
cases = ${JSON.stringify(cases.map((c) => [pythonExpression(c), c.prec, c.mode]))}
for expr, prec, mode in cases:
    setcontext(Context(prec=prec, rounding=mode, traps=[]))
    try:
        print(str(eval(expr)))
    except Exception as e:
        print(type(e).__name__)
`;

function pytsResult(c: Case): string {
  setcontext(new Context(kw({ prec: BigInt(c.prec), rounding: c.mode, traps: [] })));
  const a = new Decimal(c.a);
  const b = new Decimal(c.b);
  try {
    switch (c.op) {
      case "+": return String(a.__add__(b));
      case "-": return String(a.__sub__(b));
      case "*": return String(a.__mul__(b));
      case "/": return String(a.__truediv__(b));
      case "//": return String(a.__floordiv__(b));
      case "%": return String(a.__mod__(b));
      case "sqrt": return String(a.__abs__().sqrt());
      case "quantize": return String(a.quantize(new Decimal(`1E${(c.b.length % 7) - 3}`)));
      case "normalize": return String(a.normalize());
      case "pow": return String(a.__pow__(BigInt((c.b.length % 9) - 3)));
      case "exp": return String(new Decimal(`${c.a.slice(0, 6)}E-${c.a.length % 4}`).exp());
      case "ln": return String(a.__abs__().ln());
      case "log10": return String(a.__abs__().log10());
      case "rpow": return String(a.__abs__().__pow__(new Decimal(`${c.b.slice(0, 4)}E-3`)));
      case "fmt":
        return [`,.${c.prec % 6}f`, `.${1 + (c.prec % 5)}e`, `.${1 + (c.prec % 8)}g`].map((s) => a.__format__(s)).join("|");
    }
  } catch (e) {
    return (e as { constructor: { name: string } }).constructor.name;
  }
  return "?";
}

describe("decimal against CPython", () => {
  it("computes 1,500 random operations as CPython does", { timeout: 120_000 }, () => {
    const expected = pythonLines(script);
    const saved = getcontext();
    try {
      const mismatches = cases
        .map((c, i) => ({ case: pythonExpression(c), prec: c.prec, mode: c.mode, expected: expected[i], got: pytsResult(c) }))
        .filter((m) => m.expected !== m.got);
      expect(mismatches.slice(0, 10)).toEqual([]);
    } finally {
      setcontext(saved);
    }
  });
});
