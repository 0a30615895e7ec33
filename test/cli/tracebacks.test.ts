// Tracebacks of uncaught exceptions, compared with what python3 prints to stderr for the same
// program: frames, CPython 3.11's carets under the failing expression, exception chains and
// the RecursionError summary.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { runProcess, runPyts } from "../support/fixtures.js";

let work: string;

beforeAll(() => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), "pyts-tb-"));
});

afterAll(() => {
  fs.rmSync(work, { recursive: true, force: true });
});

const PROGRAMS: Record<string, string> = {
  binary_operator: "def ratio(a, b):\n    return a / b\n\nvalue = ratio(1, 0)\n",
  parenthesised_operand: "a = 1; b = 0\nx = (a) // b\n",
  whole_line_binop: "a = 1; b = 0\na % b\n",
  subscript: 'd = {}\ny = d[ "k" ]\n',
  nested_subscript: 'data = {"a": [1, 2]}\nv = data["a"][10]\n',
  whole_line_call: "def f():\n    return 1 / 0\nf()\n",
  multi_line_expression: "def f():\n    return [1][\n        5]\nf()\n",
  method_call: "class A:\n    def m(self, x):\n        return int(x) * 2\nresult = A().m('abc') + 1\n",
  one_line_def_and_lambda: "def f(): return 1 // 0\ng = lambda: f()\ng()\n",
  raise_statement: "def check(n):\n    if n < 0: raise ValueError('negative')\n    raise KeyError(n)\ncheck(-1)\n",
  assert_statement: "assert 1 == 2, 'nope'\n",
  augmented_assignment: "def total(xs):\n    t = 0\n    for x in xs:\n        t += x\n    return t\nprint(total([1, 'a']))\n",
  direct_cause: 'def load(key):\n    return {"a": 1}[key]\n\ndef main():\n    try:\n        load("b")\n    except KeyError as e:\n        raise ValueError("bad key") from e\n\nmain()\n',
  context_in_except: "try:\n    {}['a']\nexcept KeyError:\n    int('x')\n",
  context_in_finally: "def t():\n    try:\n        return 1 / 0\n    finally:\n        print('cleanup')\n        [][0]\nt()\n",
  recursion: "def f(n):\n    return f(n + 1)\nf(0)\n",
  recursion_below_main: "def walk(n):\n    return walk(n + 1) + 1\n\ndef main():\n    walk(0)\n\nmain()\n",
  unbound_local: "def f(flag):\n    if flag:\n        x = 1\n    return x\nf(False)\n",
  // A name neither CPython's nor pyts's module has: AttributeError with the "Did you mean" hint.
  module_attribute_hint: "import math\nprint(math.sqr(2))\n",
  module_attribute_case_hint: "import json\njson.Dumps({})\n",
  module_attribute_aliased_hint: "import asyncio as aio\naio.ensure_task(None)\n",
  module_attribute_no_hint: "import random\nrandom.zzzzzzzzzz()\n",
  // A getter's exception: carets under the attribute read, a plain member read or not.
  property_getter: "class T:\n    def __init__(self, c):\n        self.c = c\n    @property\n    def k(self):\n        if self.c < 0:\n            raise ValueError('cold')\n        return self.c\n    def report(self):\n        return 'K=' + str(self.k) + '!'\nt = T(-1)\nprint('n:', 1 + len(t.report()))\n",
  property_getter_missing_attribute: "class T:\n    @property\n    def f(self):\n        return 9 / 5 + 32 + self.offset\nt = T()\nprint(t.f)\n",
  module_attribute_caught: "import itertools\ntry:\n    itertools.chainn\nexcept AttributeError as e:\n    print(e)\nitertools.permutation\n",
  // Any object's missing attribute: the closest of dir(obj) (runtime objects, instances, built-in values).
  runtime_method_hint: "import collections\nd = collections.deque()\nd.apend(1)\n",
  runtime_attribute_read_hint: "import datetime\ntoday = datetime.date(2024, 1, 2)\nprint(today.yeer)\n",
  instance_attribute_hint: "class A:\n    def __init__(self):\n        self.value = 1\na = A()\nprint(a.valeu)\n",
  builtin_value_method_hint: "words = 'a b'\nprint(words.splitt())\n",
  // (an AttributeError made by hand names no attribute: no hint)
  attribute_no_hint_by_hand: "raise AttributeError('value')\n",
  // NameError: the closest of the frame's locals, then the module's globals (those bound so far), then builtins.
  name_builtin_hint: "def f():\n    prnt(1)\nf()\n",
  name_local_hint: "def area(width, height):\n    result = width * heigth\n    return result\narea(2, 3)\n",
  name_global_hint: "counter_total = 5\ndef show():\n    print(counter_totl)\nshow()\n",
  name_global_defined_later: "def show():\n    print(limt)\nlimit = 3\nshow()\n",
  name_top_level_before_binding: "print(totl)\ntotal = 1\n",
  name_no_hint: "zzzzqqqq\n",
  name_in_lambda: "numbers = [1]\nf = lambda item: len(itme)\nf(numbers)\n",
  name_captured_local_not_suggested: "def outer():\n    counter = 0\n    def inner():\n        return counter\n    return countr\nouter()\n",
  // Each exception of a chain, and sys.excepthook's report, show their hints; the traceback module's do not.
  hint_in_chained_exception: "try:\n    lenn([])\nexcept NameError:\n    [].apend(1)\n",
  excepthook_hint: "import sys\ntry:\n    lenn\nexcept NameError:\n    sys.excepthook(*sys.exc_info())\nprint(\"after\")\n",
};

describe("uncaught exceptions print CPython's traceback", () => {
  for (const [name, source] of Object.entries(PROGRAMS)) {
    test(name, async () => {
      const file = path.join(work, `${name}.py`);
      fs.writeFileSync(file, source);
      const expected = await runProcess("python3", [file]);
      const actual = await runPyts(["run", file]);
      expect(actual.stderr).toBe(expected.stderr);
      expect(actual.stdout).toBe(expected.stdout);
      expect(actual.status).toBe(expected.status);
    }, 60_000);
  }
});

test("a script named by a relative path is shown as CPython shows it: made absolute, not normalised; its modules' files normalised", async () => {
  const dir = path.join(work, "relative");
  fs.mkdirSync(path.join(dir, "app"), { recursive: true });
  fs.writeFileSync(path.join(dir, "app", "helper.py"), "def divide(a, b):\n    return a / b\n");
  fs.writeFileSync(path.join(dir, "app", "main.py"), "import helper\nprint(__file__)\nprint(helper.divide(1, 0))\n");
  for (const script of ["app/main.py", "./app/../app/main.py"]) {
    const expected = await runProcess("python3", [script], { cwd: dir });
    const actual = await runPyts(["run", script], { cwd: dir });
    expect(actual.stderr).toBe(expected.stderr);
    expect(actual.stdout).toBe(expected.stdout);
  }
  // a program read from stdin is `<stdin>`, its lines not shown
  const input = "def f():\n    return 1 / 0\nprint(__file__)\nf()\n";
  const expected = await runProcess("python3", ["-"], { cwd: dir, input });
  const actual = await runPyts(["run", "-"], { cwd: dir, input });
  expect(actual.stderr).toBe(expected.stderr);
  expect(actual.stdout).toBe(expected.stdout);
}, 60_000);

// Exceptions raised in tasks and coroutines, uncaught by asyncio.run / run_until_complete: the
// traceback has the `<module>` frame and every awaiting coroutine's frame above the task's own,
// as CPython's does. pyts shows the program's frames only, so CPython's frames of asyncio's own
// files (runners.py, base_events.py, tasks.py) are left out of its stderr before comparing.
const ASYNC_PROGRAMS: Record<string, string> = {
  task_awaited: "import asyncio\n\nasync def worker(n):\n    await asyncio.sleep(0)\n    raise ValueError(f'bad {n}')\n\nasync def main():\n    task = asyncio.create_task(worker(1))\n    await task\n\nasyncio.run(main())\n",
  main_raises: "import asyncio\n\nasync def main():\n    await asyncio.sleep(0)\n    return 1 / 0\n\nasyncio.run(main())\n",
  nested_awaits: "import asyncio\n\nasync def leaf(x):\n    await asyncio.sleep(0.001)\n    return {}[x]\n\nasync def middle(x):\n    return await leaf(x)\n\nasync def main():\n    t = asyncio.create_task(middle('k'))\n    await asyncio.sleep(0)\n    result = await t\n    print(result)\n\nasyncio.run(main())\n",
  gathered: "import asyncio\n\nasync def job(n):\n    await asyncio.sleep(0.001 * n)\n    if n == 2:\n        raise RuntimeError(f'job {n} failed')\n    return n\n\nasync def main():\n    results = await asyncio.gather(job(1), job(2), job(3))\n    print(results)\n\nasyncio.run(main())\n",
  wait_for_in_function: "import asyncio\n\nasync def slow():\n    await asyncio.sleep(0)\n    raise KeyError('slow')\n\nasync def main():\n    await asyncio.wait_for(slow(), timeout=5)\n\ndef entry():\n    asyncio.run(main())\n\nentry()\n",
  raises_before_suspending: "import asyncio\n\nasync def compute():\n    raise ValueError('early')\n\nasync def main():\n    await compute()\n\nasyncio.run(main())\n",
  run_until_complete: "import asyncio\n\nasync def work():\n    await asyncio.sleep(0)\n    raise OSError('disk')\n\nloop = asyncio.new_event_loop()\ntry:\n    loop.run_until_complete(work())\nfinally:\n    loop.close()\n",
};

/** CPython's stderr without the frames of files other than `file` (each frame's source and caret lines too). */
function programFramesOnly(stderr: string, file: string): string {
  const out: string[] = [];
  const lines = stderr.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const m = /^ {2}File "(.*?)", line /.exec(lines[i]!);
    if (m && m[1] !== file) {
      while (i + 1 < lines.length && lines[i + 1]!.startsWith("    ")) i++;
      continue;
    }
    out.push(lines[i]!);
  }
  return out.join("\n");
}

describe("exceptions out of tasks and coroutines print CPython's traceback (the program's frames)", () => {
  for (const [name, source] of Object.entries(ASYNC_PROGRAMS)) {
    test(name, async () => {
      const file = path.join(work, `async_${name}.py`);
      fs.writeFileSync(file, source);
      const expected = await runProcess("python3", [file]);
      const actual = await runPyts(["run", file]);
      expect(expected.stderr).toContain(", in <module>");
      expect(actual.stderr).toBe(programFramesOnly(expected.stderr, file));
      expect(actual.stdout).toBe(expected.stdout);
      expect(actual.status).toBe(expected.status);
    }, 60_000);
  }
});

// Exceptions raised in callbacks the loop runs (call_soon, a future's done callback),
// reported by the loop's default exception handler: the program's frames under
// "Traceback (most recent call last):", as CPython's (its frames of asyncio's own files
// left out, as above).
const CALLBACK_PROGRAMS: Record<string, string> = {
  call_soon: "import asyncio\n\ndef cb(n):\n    raise ValueError(f'boom {n}')\n\nasync def main():\n    asyncio.get_running_loop().call_soon(cb, 1)\n    await asyncio.sleep(0.01)\n    print('end')\n\nasyncio.run(main())\n",
  done_callback: "import asyncio\n\ndef helper():\n    return 1 / 0\n\ndef done(fut):\n    helper()\n\nasync def main():\n    fut = asyncio.get_running_loop().create_future()\n    fut.add_done_callback(done)\n    fut.set_result(1)\n    await asyncio.sleep(0)\n    print('end')\n\nasyncio.run(main())\n",
  call_soon_chained: "import asyncio\n\ndef cb():\n    try:\n        {}['k']\n    except KeyError as e:\n        raise RuntimeError('wrapped') from e\n\nasync def main():\n    asyncio.get_running_loop().call_soon(cb)\n    await asyncio.sleep(0.01)\n\nasyncio.run(main())\n",
};

describe("exceptions out of loop callbacks print CPython's traceback (the program's frames)", () => {
  for (const [name, source] of Object.entries(CALLBACK_PROGRAMS)) {
    test(name, async () => {
      const file = path.join(work, `callback_${name}.py`);
      fs.writeFileSync(file, source);
      const expected = await runProcess("python3", [file]);
      const actual = await runPyts(["run", file]);
      expect(expected.stderr).toContain("Traceback (most recent call last):");
      expect(actual.stderr).toBe(programFramesOnly(expected.stderr, file));
      expect(actual.stdout).toBe(expected.stdout);
    }, 60_000);
  }
});
