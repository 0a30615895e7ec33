// What CPython's compile() accepts, rejects (class, message, line, column) and warns about,
// checked against python3 itself for every source in the tables below.
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { DiagnosticError } from "../../src/frontend/ast.js";
import { parseModule } from "../../src/frontend/parse.js";

const here = fileURLToPath(new URL(".", import.meta.url));

const families: Record<string, string[]> = {
  "print is a name": [
    "print = 5\n", "import functools\nprint = functools.partial(print, flush=True)\n", "print -1\n", "print[0] = 1\n",
    "print (x)\n", "print .x\n", "print: int = 1\n", "print += 1\n", "print, x = 1, 2\n", "print if x else y\n",
    "print; x\n", "print @ x\n", "print * x\n", "print is x\n", "print not in x\n", "print >>f, x\n", "print [1]\n",
    "print\\\n  (1)\n", "if a:\n    print = 5\n    y\n", "def f():\n    print = 1\n    return print\n",
  ],
  "python 2 print and exec": [
    "print 'x'\n", "print x\n", "print x, y\n", "exec 'x'\n", "exec x\n", "if a:\n    print x\n", "x = print 'x'\n",
    "print 1 2\n", "print -1 'x'\n", "print lambda: 1\n", "print not x\n", "print f(x)\n", "print {1}\n", "x;print 1\n",
    "foo 'x'\n", "print yield\n", "print.x 1\n", "foo(print x)\n",
  ],
  "await": [
    "async def f():\n    await await x\n", "async def f():\n    await -x\n", "async def f():\n    return await x ** 2\n",
    "async def f():\n    return await x + 1\n", "async def f():\n    return await x.y[1](2) * 3 < 4 and 5\n",
    "await x\n", "class C:\n    await x\n", "def f():\n    await x\n", "f = lambda: await x\n",
    "def f():\n    return [await y for y in z]\n", "def f():\n    return (await y for y in z)\n",
    "def f():\n    return [y for y in await z]\n", "async def f():\n    return [y for y in await z]\n",
    "def f():\n    return [y async for y in z]\n", "async def f():\n    def g():\n        return [[y async for y in z] for q in r]\n",
    "async def f():\n    return [[y async for y in z] for q in r]\n", "def f():\n    return [(y async for y in z) for q in r]\n",
    "def f():\n    return [[(await y) for y in z] for q in r]\n", "def f():\n    return {q: [y async for y in z] for q in r}\n",
    "def f():\n    return ([y async for y in z] for q in r)\n", "def f(): return [[y for y in await z] for q in r]\n",
    "async for x in y: pass\n", "def f():\n    async for x in y: pass\n", "def f():\n    async with x: pass\n",
    "async def f():\n    yield from x\n", "async def f():\n    yield 1\n    return 2\n", "async def f():\n    yield 1\n    return\n",
  ],
  "starred targets and values": [
    "a, *b, *c = y\n", "[a, *b, *c] = y\n", "a, (*b, *c) = y\n", "for a, *b, *c in y: pass\n", "*a = 1\n",
    "for *a in b: pass\n", "with a as *b: pass\n", "with a as (*b, *c): pass\n", "x = *a\n", "print(*a)\n", "x = [*a]\n",
    "del *a\n", "del *a, b\n", "class E(*bases): pass\n", "x = [n for n, *_ in rows]\n", "x = [n for *_, n in rows]\n",
    "x = {n: 1 for n, *_ in rows}\n", "x = f(n for n, *_ in rows)\n", "x = [n for *n in rows]\n",
  ],
  "cannot assign": [
    "1 = x\n", "f() = 1\n", "x + 1 = 2\n", "-x = 1\n", "(1) = x\n", "f() = a, b\n", "f() = lambda: 1\n", "f() = not x\n",
    "f() = yield\n", "f() = a if b else c\n", "x = f() = 1\n", "1 = x = 2\n", "None = 1\n", "True = 1\n", "(a, 1) = x\n",
    "a < b = 1\n", "a and b = 1\n", "[x for x in y] = 1\n", "(x for x in y) = 1\n", "{a: 1} = x\n", "f'x' = 1\n",
    "... = 1\n", "await x = 1\n", "a if b else c = 1\n", "f() = *a, b\n", "'a' 'b' = 1\n", "x.y() = 1\n",
    "def f():\n    yield = 3\n",
  ],
  "__debug__": [
    "__debug__ = 1\n", "x.__debug__ = 1\n", "def f(__debug__): pass\n", "f(__debug__=1)\n", "for __debug__ in x: pass\n",
    "__debug__ += 1\n", "(__debug__ := 1)\n", "class __debug__: pass\n", "def __debug__(): pass\n", "import __debug__\n",
    "import a as __debug__\n", "from a import __debug__\n", "try:\n    pass\nexcept E as __debug__:\n    pass\n",
    "match x:\n    case __debug__: pass\n", "with a as __debug__: pass\n", "del __debug__\n", "del x.__debug__\n",
    "x = __debug__\n", "f = lambda __debug__: 1\n", "def f(*, __debug__): pass\n", "def f(**__debug__): pass\n",
    "class C(__debug__=1): pass\n", "x.__debug__ += 1\n", "a.__debug__: int = 1\n", "__debug__: int = 1\n",
    "[__debug__ for __debug__ in y]\n", "x = 1; y = f(a,\n  __debug__=1)\n", "match x:\n    case C(__debug__=1): pass\n",
  ],
  "parenthesized plain imports": [
    "import (os)\n", "import(a.b, c)\n", "import (a, b)\n", "import(x)\nx = 1\n",
  ],
  "keywords and except clauses": [
    "f(a=1, a=2)\n", "f(a=1, b=2, a=3)\n", "f(a=1, **k, a=3)\n", "class C(a=1, a=2): pass\n",
    "try:\n    pass\nexcept:\n    pass\nexcept E:\n    pass\n",
  ],
  "__future__": [
    "from __future__ import braces\n", "from __future__ import nope\n", "x = 1\nfrom __future__ import annotations\n",
    "'''doc'''\nfrom __future__ import annotations\nfrom __future__ import division\n",
    "'''doc'''\n'''more'''\nfrom __future__ import annotations\n", "from __future__ import annotations, braces\n",
    "from __future__ import annotations\ndef f(a: (x := 5)): pass\n", "from __future__ import annotations\ndef f(a: (yield)): pass\n",
    "from __future__ import annotations\ndef f(a) -> await x: pass\n", "from __future__ import annotations\nx: (yield from y)\n",
    "from __future__ import annotations\nclass C:\n    x: (y := 1)\n", "from __future__ import annotations\ndef f(a: [(yield) for i in x]): pass\n",
    "from __future__ import annotations\ndef f(a: lambda: (yield)): pass\n", "from __future__ import annotations\ndef f(*, a: (b := 1) = 2): pass\n",
    "def f(a: (x := 5)): pass\n", "x: (yield)\n",
  ],
  "symbol table": [
    "def f():\n    nonlocal x\n", "nonlocal x\n", "class C:\n    nonlocal q\n", "def f(a):\n    global a\n",
    "def f():\n    def g(a):\n        nonlocal a\n", "def f():\n    x = 1\n    global x\n", "def f():\n  print(x)\n  global x\n",
    "def f():\n  x: int = 1\n  global x\n", "def f():\n  global x\n  x: int = 1\n", "def f(a):\n  def g():\n    nonlocal a\n    global a\n",
    "def f():\n    x = 1\n    def g():\n        nonlocal x\n        x = 2\n", "def f():\n    x = 1\n    class C:\n        def g(self):\n            nonlocal x\n",
    "def f():\n    class C:\n        x = 1\n        def g(self):\n            nonlocal x\n", "def f():\n    [y := 1 for _ in z]\n    def g():\n        nonlocal y\n",
    "def f(x, x): pass\n", "lambda x, x: 1\n", "def f(x, *, x): pass\n", "def f():\n    from a import *\n",
    "def f():\n    x = [(yield) for y in z]\n", "def f():\n    x = {(yield) for y in z}\n", "def f():\n    x = {1: (yield) for y in z}\n",
    "def f():\n    x = ((yield) for y in z)\n", "def f():\n    x = [y for y in (yield)]\n", "x = [(y := 1) for y in z]\n",
    "x = [y for y in (q := z)]\n", "class C:\n    x = [(q := 1) for y in z]\n", "x = [[(y := 1) for q in r] for y in z]\n",
    "f(a=1, a=2)\ndef g():\n    nonlocal q\n", "def g():\n    nonlocal q\nfrom __future__ import nope\n",
    "def g():\n    nonlocal q\nbreak\n", "def f(x, x): pass\ndef g():\n    nonlocal q\n", "def g():\n    global q\n    q = 1\n    global q\n",
  ],
  "contexts": [
    "return 1\n", "class C:\n    return 1\n", "yield 1\n", "class C:\n    yield 1\n", "f = lambda: (yield)\n",
    "break\n", "while x:\n    def f():\n        break\n", "for x in y:\n    pass\nelse:\n    continue\n",
    "while x:\n    try:\n        pass\n    finally:\n        continue\n",
  ],
  "except* blocks, walrus, nonlocal __class__": [
    "for x in y:\n    try:\n        pass\n    except* E:\n        break\n",
    "def f():\n    try:\n        pass\n    except* E:\n        return 1\n",
    "try:\n    pass\nexcept* E:\n    for x in y:\n        break\n",
    "for x in y:\n    try:\n        pass\n    except* E:\n        def g():\n            return 1\n        continue\n",
    "x := 1\n",
    "(a.b := 1)\n",
    "[i := 0 for i in range(5)]\n",
    "def f():\n    for x in y:\n        try:\n            pass\n        finally:\n            return\n",
    "try:\n    pass\nexcept* (A, B) as e:\n    pass\n",
    "try:\n    pass\nexcept* E:\n    pass\nexcept E:\n    pass\n",
    "f(**k, *a)\n",
    "async def f():\n    async with a as b, c as *d:\n        pass\n",
    "def f():\n    def g():\n        nonlocal x\n    x = 1\n",
    "def f(a, /, a): pass\n",
    "class C:\n    def f(self):\n        nonlocal __class__\n",
    "def f():\n    global x\n    def g():\n        nonlocal x\n",
  ],
  "yield where only an expression may stand": [
    "def f():\n    with yield('ret'):\n        pass\n", "def f():\n    with yield:\n        pass\n",
    "def f():\n    with a, yield b:\n        pass\n", "def f():\n    with a as b, yield c:\n        pass\n",
    "def f():\n    with (yield x):\n        pass\n", "def f():\n    with (yield x, a):\n        pass\n",
    "def f():\n    with (a, yield b):\n        pass\n", "def f():\n    with (yield) as a, b:\n        pass\n",
    "def f():\n    for a in yield x:\n        pass\n", "def f():\n    for a in b, yield:\n        pass\n",
    "def f():\n    for a in (yield), b:\n        pass\n", "def f():\n    match yield x:\n        case 1: pass\n",
    "def f():\n    match a, yield:\n        case 1: pass\n", "def f():\n    match (yield):\n        case 1: pass\n",
    "def f():\n    async with yield x:\n        pass\n",
  ],
  "a compound statement after a colon on the same line": [
    "class A:def f(self):\n        pass\n", "class A:def f(self): pass\n", "if x:def f(): pass\n", "if x:class B: pass\n",
    "if x:for a in b: pass\n", "while x:with a: pass\n", "if x: pass\nelse:def f(): pass\n", "class A:@dec\n    def f(): pass\n",
    "if x:try: pass\n", "if x:\n", "if x:\npass\n", "if x:  # note\npass\n",
  ],
  "an indented line after try with an inline body": [
    "try: pass\n    x = 1\n", "try: pass\n    x = 1\nexcept: pass\n", "if x: pass\n    y\n", "try:\n    pass\n        y\nexcept: pass\n",
    "def f():\n    try: x\n        y\n", "try: a; b\n  c\n", "try: pass\n\n    x = 1\n", "try: pass # c\n    # only comment\n    x\n",
    "try:\n    pass\nelse:\n    pass\nfinally:\n    pass\n", "x = f\"{a\u221ab}\"\n",
  ],
  "match patterns": [
    "match x:\n    case 1 | a: pass\n", "match x:\n    case [a, a]: pass\n", "match x:\n    case x: pass\n    case 1: pass\n",
    "match x:\n    case _: pass\n    case 1: pass\n", "match x:\n    case x if x: pass\n    case 1: pass\n", "match x:\n    case a | 1: pass\n",
    "match x:\n    case [1] | [b]: pass\n", "match x:\n    case {'a': 1, 'a': 2}: pass\n", "match x:\n    case C(a=1, a=2): pass\n",
    "match x:\n    case [*a, *b]: pass\n", "match x:\n    case (a as b) | (b as a): pass\n", "match x:\n    case {**a, 'k': a}: pass\n",
    "match x:\n    case [a, (b | b)]: pass\n", "match x:\n    case (1 | 2) as a: pass\n    case _: pass\n",
  ],
  "common mistakes (CPython's invalid_* rules)": [
    "if x = 1:\n    pass\n",
    "while x = 1:\n    pass\n",
    "f(x for x in y, 1)\n",
    "x = [1, 2 3]\n",
    "x = (1 2)\n",
    "f(a b)\n",
    "def f(x y): pass\n",
    "x = {1: 2, 3}\n",
    "x = {1: 2, 3: }\n",
    "for x in range(10)\n    pass\n",
    "def f()\n    pass\n",
    "class C\n    pass\n",
    "x = 1 +\n",
    "import a.b as c.d\n",
    "from x import (a, b\n",
    "from x import a,\n",
    "def f(*): pass\n",
    "def f(**k, a): pass\n",
    "def f(*a, *b): pass\n",
    "def f(a, a=1, /): pass\n",
    "lambda *: 1\n",
    "f(**k, *a)\n",
    "f(a=1, b)\n",
    "f(**k, a)\n",
    "x = yield = 1\n",
    "a, b += 1\n",
    "(a, b) += 1\n",
    "[a] += 1\n",
    "f() += 1\n",
    "x: int, y: int = 1, 2\n",
    "(x): int = 1\n",
    "[x]: int = 1\n",
    "x.y: int\n",
    "del f()\n",
    "del (a, f())\n",
    "del [a, 1]\n",
    "with open(x) as f():\n    pass\n",
    "for f() in x: pass\n",
    "for 1 in x: pass\n",
    "[x for 1 in y]\n",
    "x = [i for i in range(3) if i else 0]\n",
    "try:\n    pass\n",
    "try:\n    pass\nelse:\n    pass\n",
    "else:\n    pass\n",
    "elif x:\n    pass\n",
    "x = 1 if y\n",
    "x = lambda: yield\n",
    "def f(): return *a\n",
    "def f(): return *a, b\n",
    "x = *a, *b\n",
    "a = b = *c\n",
    "f(*)\n",
    "f(**)\n",
    "True = 1\n",
    "def True(): pass\n",
    "import True\n",
    "x = 0777\n",
    "assert x, \n",
    "raise X from\n",
    "global x, \n",
    "nonlocal\n",
    "async def f():\n    yield from x\n",
    "def f(a, *, b=1, **c, d): pass\n",
    "class C(x for x in y): pass\n",
    "x = {**a: 1}\n",
    "x = {*a: 1}\n",
    "x = [**a]\n",
    "f(x=1 for y in z)\n",
    "x += yield\n",
    "x = 1; = 2\n",
    "match x:\n    case 1:\n        pass\n    case:\n        pass\n",
    "case = 1\nmatch = 2\n_ = 3\n",
    "def f[T](): pass\n",
    "type X = int\n",
    "x = a if b else\n",
    "x = not\n",
    "f(a, *b, c=1, *d, **e, f)\n",
    "except ValueError:\n    pass\n",
    "finally:\n    pass\n",
    "try:\n    pass\nx = 1\n",
    "try:\n    pass\n\n# c\n",
    "def f():\n    try:\n        pass\n    x = 1\n",
    "lambda *, **k: 1\n",
    "def f(*, **k): pass\n",
    "x = [a if b]\n",
    "f(a=1, b, c)\n",
    "f(a=1,\n  b)\n",
    "(x, y): int = 1\n",
    "x = (yield) = 1\n",
    "class C(x for x in y, z): pass\n",
    "class C[T]: pass\n",
    "if x.y = 1:\n  pass\n",
    "if f() = 1:\n  pass\n",
    "if x = y = 1:\n  pass\n",
    "while x = 1:\n  pass\n",
    "x = [1, a + 2 3]\n",
    "f(a 'x')\n",
    "x = f(a, b c)\n",
    "print(1 2)\n",
    "x = {'a' 1}\n",
    "x = [x for x in y z]\n",
  ],
  "SyntaxWarnings": [
    "if x is 1: pass\n", "x = (1, 2)(3)\n", "assert (x, 'm')\n", "assert (1, 'm')\n", "assert ()\n", "x is -1\n", "x is ~1.0\n",
    "x is (1, 2)\n", "x is ()\n", "x is (a,)\n", "x is not 'a'\n", "1 is x is None\n", "None(1)\n", "(1,2)[1.0]\n", "[1][1.0]\n",
    "'abc'['a']\n", "f'x'[1.0]\n", "1[2]\n", "True[2]\n", "{1}[0]\n", "(lambda: 1)[0]\n", "(x for x in y)[0]\n",
    "[x for x in y](1)\n", "f'a'()\n", "...()\n", "...[1]\n", "'a'[None]\n", "(1,)[{}]\n", "[1][[]]\n", "[1][lambda: 1]\n",
    "[1][1:2]\n", "x is 1 + 1\n", "x is 1 / 0\n", "x = 1\nif x is 1 or x is 2:\n    y = [1][1.0]\n",
    "def f():\n    try:\n        pass\n    finally:\n        x is 1\n",
  ],
  "DeprecationWarnings (returned, but hidden as CPython's default filters hide them)": [
    "x = '\\d'\n", "y = \"\"\"a\n\\d\nb\"\"\"\nz = \"\\q\" f\"\\w{x}\"\nb = b\"\\k\"\n", "x = r'\\d'\n", "x = '\\d\\d'\n",
  ],
};

const sources = Object.values(families).flat();
const expected: Record<string, unknown>[] = JSON.parse(
  execFileSync("python3", [join(here, "compile_oracle.py")], { input: JSON.stringify(sources) }).toString(),
);

function ours(source: string): Record<string, unknown> {
  try {
    const { warnings } = parseModule(source, "x.py");
    return { ok: true, warnings: warnings.map((w) => ({ category: w.category, message: w.message, line: w.line })) };
  } catch (e) {
    if (!(e instanceof DiagnosticError)) throw e;
    const d = e.diagnostics[0]!;
    return { kind: d.kind, msg: d.message, line: d.line, col: d.col + 1, warnings: expect.anything() };
  }
}

let index = 0;
for (const [family, cases] of Object.entries(families)) {
  describe(family, () => {
    for (const source of cases) {
      const want = expected[index++]!;
      it(JSON.stringify(source), () => {
        expect(ours(source)).toEqual(want);
      });
    }
  });
}
