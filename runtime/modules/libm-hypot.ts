// hypot(x, y) as glibc 2.35+ computes it for the C library's callers (complex abs, cmath's
// log, sqrt, acos, ...): Borges's corrected square root ("An Improved Algorithm for
// hypot(a,b)", 2019), the build without fused operations (x86-64's default libm). Not always
// the nearest double (math.hypot and math.dist are CPython's own, correctly rounded).

const SCALE = 2 ** -600;
const LARGE_VAL = 2 ** 511;
const TINY_VAL = 2 ** -459;
const EPS = 2 ** -54;

/** ax >= ay >= 0, their squares and (ax - ay)**2 neither overflowing nor underflowing. */
function kernel(ax: number, ay: number): number {
  let h = Math.sqrt(ax * ax + ay * ay);
  let t1: number;
  let t2: number;
  if (h <= 2.0 * ay) {
    const delta = h - ay;
    t1 = ax * (2.0 * delta - ax);
    t2 = (delta - 2.0 * (ax - ay)) * delta;
  } else {
    const delta = h - ax;
    t1 = 2.0 * delta * (ax - 2.0 * ay);
    t2 = (4.0 * delta - ay) * ay + delta * delta;
  }
  h -= (t1 + t2) / (2.0 * h);
  return h;
}

export function hypotExact(x: number, y: number): number {
  if (!(Number.isFinite(x) && Number.isFinite(y))) {
    if (Math.abs(x) === Infinity || Math.abs(y) === Infinity) return Infinity;
    return NaN;
  }
  x = Math.abs(x);
  y = Math.abs(y);
  const ax = x < y ? y : x;
  const ay = x < y ? x : y;
  if (ax > LARGE_VAL) {
    if (ay <= ax * EPS) return ax + ay;
    return kernel(ax * SCALE, ay * SCALE) / SCALE;
  }
  if (ay < TINY_VAL) {
    if (ax >= ay / EPS) return ax + ay;
    return kernel(ax / SCALE, ay / SCALE) * SCALE;
  }
  if (ay <= ax * EPS) return ax + ay;
  return kernel(ax, ay);
}
