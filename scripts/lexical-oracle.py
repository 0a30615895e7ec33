"""Fills in CPython's verdict for every case of test/frontend/lexical_cases.json.

Each case is {"source": text} or {"generate": kind, "n": count} (a large input built the same
way by test/frontend/lexical.test.ts); "expected" becomes null (compiles) or
[exception class, message, lineno, offset] from compile(). Run with the CPython the project
targets (3.11): python3 scripts/lexical-oracle.py"""
import json
import sys
import warnings

PATH = "test/frontend/lexical_cases.json"


def generate(kind, n):
    if kind == "blocks":  # n nested if-blocks, one more space per level
        return "".join(" " * k + "if 1:\n" for k in range(n)) + " " * n + "pass\n"
    if kind == "brackets":  # n nested parentheses
        return "x = " + "(" * n + ")" * n + "\n"
    raise ValueError(kind)


def verdict(source):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            compile(source, "case.py", "exec")
            return None
        except SyntaxError as e:
            return [type(e).__name__, e.msg, e.lineno, e.offset]


data = json.load(open(PATH, encoding="utf-8"))
data["python"] = sys.version.split()[0]
for case in data["cases"]:
    source = case["source"] if "source" in case else generate(case["generate"], case["n"])
    case["expected"] = verdict(source)
with open(PATH, "w", encoding="utf-8") as f:
    json.dump(data, f, ensure_ascii=False, indent=1)
    f.write("\n")
