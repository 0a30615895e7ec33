#!/usr/bin/env python3
"""CPython's results of `math`, `cmath` and float `**` on generated arguments, bit for bit.

Writes test/runtime/modules/math-data.json: for each case, the generator spec of its arguments
(both this script and test/runtime/modules/math-bits.test.ts draw them from the same SplitMix64
stream, with the same float operations, so they agree to the bit) and CPython's results as
base64 of little-endian doubles. An exception is stored as a NaN with payload CODES[name].

Run: python3 scripts/gen-math-data.py   (python3 must be CPython 3.11 on the platform whose libm
CPython's results are wanted for: glibc's.)
"""
import base64
import cmath
import json
import math
import os
import struct
import sys

MASK = (1 << 64) - 1
CODES = {"ValueError": 0x7FF4000000000001, "OverflowError": 0x7FF4000000000002,
         "ZeroDivisionError": 0x7FF4000000000003, "TypeError": 0x7FF4000000000004}


class SplitMix:
    def __init__(self, seed):
        self.state = seed & MASK

    def next(self):
        self.state = (self.state + 0x9E3779B97F4A7C15) & MASK
        z = self.state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
        return z ^ (z >> 31)

    def unit(self):
        return (self.next() >> 11) * 2.0 ** -53


def draw(rng, spec):
    """One argument: ["u", lo, hi] uniform; ["l", emin, emax, sign] log-uniform (sign 0: random);
    ["i", lo, hi] an integral float; ["h", lo, hi] a half-integer; ["c", re, im] complex;
    ["list", n, spec] a list of n; ["any", spec...] one of the specs; ["m", lo, hi, emin, emax] a
    multiple k*(pi/2) (k integral in [lo, hi)) plus a log-uniform offset of either sign;
    ["o", emin, emax] +-(1 - m*2**e), m in [1, 2), e in [emin, emax]."""
    kind = spec[0]
    if kind == "u":
        lo, hi = spec[1], spec[2]
        return lo + (hi - lo) * rng.unit()
    if kind == "l":
        emin, emax, sign = spec[1], spec[2], spec[3]
        m = 1.0 + rng.unit()
        e = emin + math.floor(rng.unit() * (emax - emin + 1))
        if sign == 0:
            sign = -1.0 if rng.unit() < 0.5 else 1.0
        return sign * (m * 2.0 ** e)
    if kind == "i":
        lo, hi = spec[1], spec[2]
        return float(math.floor(lo + (hi - lo) * rng.unit()))
    if kind == "h":
        lo, hi = spec[1], spec[2]
        return math.floor(lo + (hi - lo) * rng.unit()) + 0.5
    if kind == "c":
        re = draw(rng, spec[1])
        return complex(re, draw(rng, spec[2]))
    if kind == "list":
        return [draw(rng, spec[2]) for _ in range(spec[1])]
    if kind == "m":
        k = float(math.floor(spec[1] + (spec[2] - spec[1]) * rng.unit()))
        return k * (math.pi / 2) + draw(rng, ["l", spec[3], spec[4], 0])
    if kind == "o":
        m = 1.0 + rng.unit()
        e = spec[1] + math.floor(rng.unit() * (spec[2] - spec[1] + 1))
        sign = -1.0 if rng.unit() < 0.5 else 1.0
        return sign * (1.0 - m * 2.0 ** e)
    if kind == "any":
        i = math.floor(rng.unit() * (len(spec) - 1))
        return draw(rng, spec[1 + i])
    raise ValueError(kind)


# name, python callable, number of doubles in a result, [(count, [argspec...])]
WIDE = ["l", -60, 60, 0]
POS = ["l", -60, 60, 1]
SMALL = ["u", -1.0, 1.0]
C_MID = ["c", ["u", -4.0, 4.0], ["u", -4.0, 4.0]]
C_WIDE = ["c", ["l", -30, 30, 0], ["l", -30, 30, 0]]
C_BIG = ["c", ["l", -1, 9, 0], ["l", -1, 9, 0]]
C_UNIT = ["c", ["u", -1.2, 1.2], ["u", -1.2, 1.2]]

SPECIAL = [
    ("math.gamma", math.gamma, 1, [(2500, [["u", 0.0, 30.0]]), (1500, [["u", -30.0, 0.0]]),
                                   (800, [["u", 30.0, 175.0]]), (800, [["u", -185.0, -30.0]]),
                                   (300, [["l", -70, 3, 0]]), (200, [["h", -40, 40]])]),
    ("math.lgamma", math.lgamma, 1, [(2500, [["u", 0.0, 30.0]]), (1500, [["u", -30.0, 0.0]]),
                                     (800, [["l", 4, 1000, 1]]), (800, [["u", -300.0, -30.0]]),
                                     (300, [["l", -70, 3, 0]]), (200, [["h", -40, 40]])]),
    ("math.erf", math.erf, 1, [(3000, [["u", -6.5, 6.5]]), (1500, [["l", -40, 3, 0]]), (500, [["u", -1.3, 1.3]])]),
    ("math.erfc", math.erfc, 1, [(3000, [["u", -6.5, 28.0]]), (1500, [["l", -40, 5, 0]]), (500, [["u", -1.3, 1.3]])]),
]

ELEMENTARY = [
    ("math.exp", math.exp, [(500, [["u", -745.0, 709.0]]), (300, [WIDE])]),
    ("math.exp2", math.exp2, [(500, [["u", -1074.0, 1023.0]]), (300, [WIDE])]),
    ("math.expm1", math.expm1, [(500, [["u", -40.0, 709.0]]), (300, [WIDE])]),
    ("math.log", math.log, [(800, [["l", -1074, 1023, 1]]), (3000, [["u", 0.0, 60.0]]), (2000, [["u", 0.9, 1.1]])]),
    ("math.log2", math.log2, [(800, [["l", -1074, 1023, 1]])]),
    ("math.log10", math.log10, [(800, [["l", -1074, 1023, 1]])]),
    ("math.log1p", math.log1p, [(500, [["l", -60, 1000, 1]]), (300, [["u", -1.0, 1.0]]), (2000, [["u", -0.3, 0.42]]),
                                (1000, [["u", -1.0, 1.0]]), (500, [["l", -40, 1000, 1]])]),
    ("math.sqrt", math.sqrt, [(300, [["l", -1074, 1023, 1]])]),
    ("math.cbrt", math.cbrt, [(800, [["l", -1074, 1023, 0]])]),
    ("math.sin", math.sin, [(500, [["u", -10.0, 10.0]]), (300, [["l", -40, 60, 0]]), (1500, [["u", -1.0, 1.0]]),
                          (1000, [["u", -3000.0, 3000.0]]), (700, [["l", 26, 1023, 0]])]),
    ("math.cos", math.cos, [(500, [["u", -10.0, 10.0]]), (300, [["l", -40, 60, 0]]), (1500, [["u", -1.0, 1.0]]),
                          (1000, [["u", -3000.0, 3000.0]]), (700, [["l", 26, 1023, 0]])]),
    ("math.tan", math.tan, [(500, [["u", -10.0, 10.0]]), (300, [["l", -40, 60, 0]]), (12000, [["u", -10.0, 10.0]]),
                            (6000, [["u", -0.8, 0.8]]), (5000, [["m", -3000, 3000, -45, -2]]), (3000, [["l", 4, 27, 0]]),
                            (2000, [["l", 26, 1023, 0]]), (2000, [["l", -30, -3, 0]])]),
    ("math.asin", math.asin, [(600, [SMALL]), (200, [["l", -60, -1, 0]]), (12000, [SMALL]),
                              (5000, [["o", -53, -5]]), (3000, [["any", ["u", -1.0, -0.96], ["u", 0.96, 1.0]]]),
                              (2000, [["l", -60, -1, 0]])]),
    ("math.acos", math.acos, [(600, [SMALL]), (200, [["l", -60, -1, 0]]), (12000, [SMALL]),
                              (5000, [["o", -53, -5]]), (3000, [["any", ["u", -1.0, -0.96], ["u", 0.96, 1.0]]]),
                              (2000, [["l", -60, -1, 0]])]),
    ("math.atan", math.atan, [(800, [WIDE]), (10000, [["u", -20.0, 20.0]]), (6000, [["l", -60, 80, 0]]),
                              (2000, [["l", -1074, 1023, 0]])]),
    ("math.atan2", math.atan2, [(800, [WIDE, WIDE]), (12000, [["u", -10.0, 10.0], ["u", -10.0, 10.0]]),
                                (6000, [["l", -80, 80, 0], ["l", -80, 80, 0]]), (2000, [["l", -1074, 1023, 0], ["l", -1074, 1023, 0]])]),
    ("math.sinh", math.sinh, [(500, [["u", -710.0, 710.0]]), (300, [["l", -40, 5, 0]])]),
    ("math.cosh", math.cosh, [(500, [["u", -710.0, 710.0]]), (300, [["l", -40, 5, 0]])]),
    ("math.tanh", math.tanh, [(500, [["u", -25.0, 25.0]]), (300, [["l", -40, 5, 0]])]),
    ("math.asinh", math.asinh, [(800, [WIDE])]),
    ("math.acosh", math.acosh, [(500, [["l", 0, 60, 1]]), (300, [["u", 1.0, 3.0]])]),
    ("math.atanh", math.atanh, [(500, [["u", -1.0, 1.0]]), (300, [["l", -60, -1, 0]])]),
    ("math.pow", math.pow, [(500, [POS, ["u", -20.0, 20.0]]), (300, [["u", 0.0, 3.0], ["u", -300.0, 300.0]]),
                            (200, [["l", -5, 5, 0], ["i", -40, 40]])]),
    ("float.__pow__", lambda x, y: x ** y, [(500, [POS, ["u", -20.0, 20.0]]), (300, [["u", 0.0, 3.0], ["u", -300.0, 300.0]]),
                                            (200, [["l", -5, 5, 0], ["i", -40, 40]])]),
    ("math.hypot", math.hypot, [(400, [WIDE, WIDE]), (200, [WIDE, WIDE, WIDE]), (200, [["u", -10, 10]] * 5)]),
    ("math.dist", math.dist, [(400, [["list", 2, WIDE], ["list", 2, WIDE]]), (400, [["list", 4, ["u", -10, 10]], ["list", 4, ["u", -10, 10]]])]),
    ("math.fsum", math.fsum, [(400, [["list", 10, WIDE]]), (400, [["list", 20, ["l", -60, 60, 0]]])]),
]

COMPLEX = [
    (name, getattr(cmath, name[6:]), 2, [(250, [C_MID]), (200, [C_WIDE]), (150, [C_UNIT])])
    for name in ("cmath.exp", "cmath.log", "cmath.log10", "cmath.sqrt", "cmath.sin", "cmath.cos", "cmath.tan",
                 "cmath.asin", "cmath.acos", "cmath.atan", "cmath.sinh", "cmath.cosh", "cmath.tanh",
                 "cmath.asinh", "cmath.acosh", "cmath.atanh")
] + [
    ("cmath.phase", cmath.phase, 1, [(400, [C_WIDE])]),
    ("cmath.polar", cmath.polar, 2, [(400, [C_WIDE])]),
    ("cmath.rect", cmath.rect, 2, [(400, [POS, ["u", -10.0, 10.0]])]),
    ("complex.__abs__", abs, 1, [(400, [C_WIDE])]),
    ("complex.__pow__", lambda x, y: x ** y, 2, [(400, [C_MID, C_MID])]),
]

for _name, _fn, _width, _gens in COMPLEX:
    if _name in ("cmath.tan", "cmath.tanh"):  # tan and tanh of the parts, many arguments
        _gens.append((3000, [C_MID]))

CASES = SPECIAL + [(n, f, 1, g) for n, f, g in ELEMENTARY] + COMPLEX


def flat(value, width):
    if isinstance(value, complex):
        return [value.real, value.imag]
    if isinstance(value, tuple):
        return list(value)
    return [value]


def main():
    out = []
    for index, (name, fn, width, gens) in enumerate(CASES):
        rng = SplitMix(0x5EED0000 + index)
        words = []
        for count, specs in gens:
            for _ in range(count):
                args = [draw(rng, s) for s in specs]
                try:
                    values = flat(fn(*args), width)
                    assert len(values) == width, name
                    words += [struct.unpack("<Q", struct.pack("<d", v))[0] for v in values]
                except (ValueError, OverflowError, ZeroDivisionError) as e:
                    words += [CODES[type(e).__name__]] * width
        data = b"".join(struct.pack("<Q", w) for w in words)
        out.append({"name": name, "width": width, "gens": [[c, s] for c, s in gens],
                    "results": base64.b64encode(data).decode()})
    path = os.path.join(os.path.dirname(__file__), "..", "test", "runtime", "modules", "math-data.json")
    with open(path, "w") as f:
        f.write("{\n")
        f.write(f'"python": {json.dumps(sys.version.split()[0])},\n')
        f.write('"cases": [\n')
        f.write(",\n".join(json.dumps(c, separators=(",", ":")) for c in out))
        f.write("\n]}\n")
    print(f"{sum(sum(c for c, _ in g) for _, _, _, g in CASES)} calls in {len(CASES)} cases -> {os.path.normpath(path)}")


if __name__ == "__main__":
    main()
