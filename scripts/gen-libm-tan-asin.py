#!/usr/bin/env python3
"""Tables of runtime/modules/libm-tantab.ts, libm-asintab.ts and libm-atan2tab.ts: the tables of
glibc's tan, asin/acos and atan/atan2 (IBM's Accurate Mathematical Library), read from this
machine's libm.so.6, the library python3 itself runs on.

- tan: for i = 0..185, a point x_i near (i + 16)/256 picked so that tan(x_i) is unusually close
  to a double (Gal's accurate tables: a search, not a definition), with F_i = tan(x_i) and
  G_i = cot(x_i) rounded. Found in the library as the row whose x is within 2**-20 of 1/16 and
  whose next two doubles are its tangent and cotangent; every row is checked (mpmath).
- asin/acos: the table of Taylor expansions of asin about centers c in [0.125, 0.96875): for
  each center, c, 1/sqrt(1 - c*c) (the first derivative), the higher coefficients, the low and
  the high part of asin(c). Found as the run of doubles starting at c = 0.126953125 followed by
  asin'(c); the centers and asin(c) of every interval the functions index are checked.
- atan2: for i = 0..240, a point x_i near (i + 16)/256 and the Taylor coefficients of atan
  about it from the zeroth (atan(x_i), 1/(1 + x_i**2), ...). Found as the row whose x is within
  2**-9 of 1/16 followed by its arctangent and the derivative; every row is checked.
- the 128 starting values of the reciprocal square root (1/sqrt of the bin's mantissa, printed
  with 15 digits in glibc's source): found as 128 decreasing doubles from 1.4087... to 0.708...

Run: python3 scripts/gen-libm-tan-asin.py [path of libm.so.6]
"""
import os
import struct
import sys

import mpmath

mpmath.mp.prec = 200
ROWS = 186
ASNCS = 2568


def doubles(data, pos, n):
    return struct.unpack_from(f"<{n}d", data, pos)


def near(a, b, rel):
    return abs(a - b) <= rel * abs(b)


def same_copies(data, positions, size, what):
    """The one table at positions (each build of the function, plain and FMA, has its copy)."""
    if not positions or any(data[p:p + size] != data[positions[0]:positions[0] + size] for p in positions):
        sys.exit(f"{what} not found, or found differing")
    return positions[0]


def find_tan_table(data):
    found = []
    for pos in range(0, len(data) - 32 * ROWS, 8):
        x = struct.unpack_from("<d", data, pos)[0]
        if not (abs(x - 1 / 16) < 2**-20):
            continue
        f, g = doubles(data, pos + 8, 2)
        t = mpmath.tan(mpmath.mpf(x))
        if near(f, float(t), 2**-52) and near(g, float(1 / t), 2**-52):
            found.append(pos)
    found = same_copies(data, found, 32 * ROWS, "tan's table")
    rows = [doubles(data, found + 32 * i, 4) for i in range(ROWS)]
    for i, (x, f, g, ff) in enumerate(rows):
        t = mpmath.tan(mpmath.mpf(x))
        if abs(x - (i + 16) / 256) > 2**-10:
            sys.exit(f"tan row {i}: x = {x!r} far from {(i + 16)}/256")
        if float(t) != f or abs(mpmath.mpf(f) + ff - t) > abs(t) * mpmath.mpf(2) ** -100:
            sys.exit(f"tan row {i}: F is not tan(x)")
        if abs(mpmath.mpf(g) - 1 / t) > abs(1 / t) * mpmath.mpf(2) ** -52:
            sys.exit(f"tan row {i}: G is not cot(x)")
    return [v for x, f, g, _ in rows for v in (x, f, g)]


def find_atan_table(data):
    found = []
    for pos in range(0, len(data) - 56 * 241, 8):
        x = struct.unpack_from("<d", data, pos)[0]
        if not (abs(x - 1 / 16) < 2**-9):
            continue
        a, d = doubles(data, pos + 8, 2)
        if near(a, float(mpmath.atan(x)), 2**-52) and near(d, 1 / (1 + x * x), 2**-50):
            found.append(pos)
    pos = same_copies(data, found, 56 * 241, "atan2's table")
    rows = [doubles(data, pos + 56 * i, 7) for i in range(241)]
    for i, row in enumerate(rows):
        x = mpmath.mpf(row[0])
        if abs(row[0] - (i + 16) / 256) > 2**-9:
            sys.exit(f"atan row {i}: x = {row[0]!r} far from {i + 16}/256")
        if float(mpmath.atan(x)) != row[1] or not near(row[2], float(1 / (1 + x * x)), 2**-50):
            sys.exit(f"atan row {i}: not atan(x) and its derivative")
    return [v for row in rows for v in row]


def asin_rows():
    """(index of the center, count of doubles) of every interval asin and acos index."""
    rows = []
    for top in range(0x3FC00000, 0x3FEF0000, 1 << 13):
        k = top
        if k < 0x3FD00000:
            rows.append((11 * ((k & 0xFFFFF) >> 15), 9))
        elif k < 0x3FE00000:
            rows.append((11 * ((k & 0xFFFFF) >> 14) + 352, 9))
        elif k < 0x3FE80000:
            rows.append((1056 + ((k & 0xFE000) >> 11) * 3, 10))
        elif k < 0x3FED8000:
            rows.append((992 + ((k & 0xFE000) >> 13) * 13, 11))
        elif k < 0x3FEE8000:
            rows.append((884 + ((k & 0xFE000) >> 13) * 14, 12))
        else:
            rows.append((768 + ((k & 0xFE000) >> 13) * 15, 13))
    return sorted(set(rows))


def find_asin_table(data):
    found = []
    c0 = 0.126953125
    for pos in range(0, len(data) - 8 * ASNCS, 8):
        if struct.unpack_from("<d", data, pos)[0] != c0:
            continue
        d = struct.unpack_from("<d", data, pos + 8)[0]
        if near(d, float(1 / mpmath.sqrt(1 - mpmath.mpf(c0) ** 2)), 2**-50):
            found.append(pos)
    table = doubles(data, same_copies(data, found, 8 * ASNCS, "asin's table"), ASNCS)
    for n, count in asin_rows():
        c = mpmath.mpf(table[n])
        exact = mpmath.asin(c)
        hi, lo = table[n + count - 1], table[n + count - 2]
        if abs(mpmath.mpf(hi) + lo - exact) > exact * mpmath.mpf(2) ** -64:
            sys.exit(f"asin row {n}: asin(c) = {hi!r} + {lo!r} is off")
        if not near(table[n + 1], float(1 / mpmath.sqrt(1 - c * c)), 2**-50):
            sys.exit(f"asin row {n}: no derivative")
    return table


def find_inroot(data):
    found = []
    for pos in range(0, len(data) - 8 * 128, 8):
        v = struct.unpack_from("<d", data, pos)[0]
        if not (1.4087 < v < 1.4088):
            continue
        run = doubles(data, pos, 128)
        if all(0.7 < b < a for a, b in zip(run, run[1:])) and all(float(f"{v:.15g}") == v for v in run):
            found.append(run)
    if not found or any(run != found[0] for run in found):
        sys.exit("the reciprocal square roots not found, or found differing")
    return found[0]


def js_list(values, per_line):
    lines = []
    for k in range(0, len(values), per_line):
        lines.append("  " + ", ".join(repr(v) for v in values[k:k + per_line]) + ",")
    return "\n".join(lines)


def main():
    lib = sys.argv[1] if len(sys.argv) > 1 else "/lib/x86_64-linux-gnu/libm.so.6"
    with open(lib, "rb") as f:
        data = f.read()
    xfg = find_tan_table(data)
    asncs = find_asin_table(data)
    inroot = find_inroot(data)
    cij = find_atan_table(data)
    here = os.path.join(os.path.dirname(__file__), "..", "runtime", "modules")
    head = "// Generated by scripts/gen-libm-tan-asin.py from the libm.so.6 python3 runs on: do not edit.\n"
    with open(os.path.join(here, "libm-tantab.ts"), "w") as f:
        f.write(head)
        f.write("// glibc's tan: TAN_XFG[3i..3i+2] = x_i (near (i + 16)/256), tan(x_i) and cot(x_i), rounded.\n\n")
        f.write(f"export const TAN_XFG = new Float64Array([\n{js_list(xfg, 3)}\n]);\n")
    with open(os.path.join(here, "libm-asintab.ts"), "w") as f:
        f.write(head)
        f.write("// glibc's asin and acos: ASIN_TAYLOR holds, per interval, its center c, the Taylor coefficients\n")
        f.write("// of asin about c from the first, the low and the high part of asin(c); ASIN_INVROOT the starting\n")
        f.write("// values of 1/sqrt by the top bits of the mantissa.\n\n")
        f.write(f"export const ASIN_TAYLOR = new Float64Array([\n{js_list(asncs, 5)}\n]);\n\n")
        f.write(f"export const ASIN_INVROOT = new Float64Array([\n{js_list(inroot, 6)}\n]);\n")
    with open(os.path.join(here, "libm-atan2tab.ts"), "w") as f:
        f.write(head)
        f.write("// glibc's atan2: ATAN2_TAYLOR[7i..7i+6] = x_i (near (i + 16)/256), atan(x_i), then the Taylor\n")
        f.write("// coefficients of atan about x_i from the first.\n\n")
        f.write(f"export const ATAN2_TAYLOR = new Float64Array([\n{js_list(cij, 7)}\n]);\n")
    print("wrote libm-tantab.ts, libm-asintab.ts and libm-atan2tab.ts")


if __name__ == "__main__":
    main()
