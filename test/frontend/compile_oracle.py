# Reads a JSON list of sources on stdin; prints, for each, what CPython's compile() does with
# it: the SyntaxError class, message, line and 1-based offset, and the warnings it issues.
import json
import sys
import warnings


def compile_result(src):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            compile(src, "x.py", "exec")
            result = {"ok": True}
        except SyntaxError as e:
            result = {"kind": type(e).__name__, "msg": e.msg, "line": e.lineno, "col": e.offset}
    # the default filter shows each (message, category, line) once
    shown = []
    for w in caught:
        entry = {"category": w.category.__name__, "message": str(w.message), "line": w.lineno}
        if issubclass(w.category, (SyntaxWarning, DeprecationWarning)) and entry not in shown:
            shown.append(entry)
    result["warnings"] = shown
    return result


print(json.dumps([compile_result(s) for s in json.load(sys.stdin)]))
