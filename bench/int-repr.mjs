// The int representations issue 10 names, prototyped on two kernels: Collatz chains (ints) and
// a float recurrence. `node bench/int-repr.mjs [N]` after `npm run build`; runtime/README.md
// records the decision these numbers support.
import { add, mul, mod, floordiv, eq, ne, gt, addI, mulI, modI, floordivI } from "@pyts/runtime";
const N = Number(process.argv[2] ?? 20000);
function time(name, f) { const t = performance.now(); const r = f(); console.log(name.padEnd(44), (performance.now() - t).toFixed(0).padStart(6), "ms", String(r)); }
// (a) bigint everywhere, through the runtime's operator helpers (today's general path)
time("ints (a) bigint + helpers", () => { let best = 0n; for (let n = 1n; n < BigInt(N); n++) { let m = n, s = 0n; while (ne(m, 1n)) { m = eq(mod(m, 2n), 0n) ? floordiv(m, 2n) : add(mul(3n, m), 1n); s = add(s, 1n); } if (gt(s, best)) best = s; } return best; });
// (b)/(c) small ints as numbers with exact overflow (small-int.ts helpers): what static facts emit
time("ints (b/c) number + overflow helpers", () => { let best = 0; for (let n = 1; n < N; n++) { let m = n, s = 0; while (m != 1) { m = modI(m, 2) == 0 ? floordivI(m, 2) : addI(mulI(3, m), 1); s = addI(s, 1); } if (s > best) best = s; } return best; });
// (b) needs floats told apart from ints at run time: a float becomes a box
class Float { constructor(v) { this.v = v; } }
const fadd = (a, b) => (a instanceof Float || b instanceof Float ? new Float((a instanceof Float ? a.v : a) + (b instanceof Float ? b.v : b)) : a + b);
const fmul = (a, b) => (a instanceof Float || b instanceof Float ? new Float((a instanceof Float ? a.v : a) * (b instanceof Float ? b.v : b)) : a * b);
time("floats (a)/(c) number + helpers", () => { let x = 0.0; for (let i = 0; i < N * 100; i++) x = add(mul(x, 0.999), 0.5); return x; });
time("floats (b) boxed Float + helpers", () => { let x = new Float(0.0); const k = new Float(0.999), h = new Float(0.5); for (let i = 0; i < N * 100; i++) x = fadd(fmul(x, k), h); return x.v; });
