"""CPython's verdict on Python sources, for the differential fuzz test.

Reads one JSON string (a whole source text) per stdin line and writes one JSON line per
source, flushed at once so a caller may keep this process running:
  0                                    compile() accepts the source
  [class, line, offset, message]       compile() raises (class: SyntaxError, IndentationError,
                                       TabError, or another exception's name)

compile() runs as `python3 file.py` would compile a UTF-8 file: `exec` mode, no inherited
future flags, and warnings are not errors. A source with a NUL character is the one case
where compile() on a string differs from `python3 file.py` (ValueError, or a SyntaxError
without a line); such a source is written to a temporary file and python3 itself is asked,
which cannot run any of it because a NUL always fails compilation.
"""
import json
import os
import re
import subprocess
import sys
import tempfile
import warnings

warnings.simplefilter("ignore")


def file_verdict(source):
    fd, path = tempfile.mkstemp(suffix=".py")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as f:
            f.write(source)
        err = subprocess.run([sys.executable, "-I", "-W", "ignore", path], capture_output=True,
                             text=True, errors="replace", timeout=60).stderr
    finally:
        os.unlink(path)
    lines = err.strip().splitlines()
    last = lines[-1] if lines else ""
    cls, _, msg = last.partition(": ")
    line = None
    for m in re.finditer(r'File "[^"]*", line (\d+)', err):
        line = int(m.group(1))
    return [cls or "SyntaxError", line, None, msg]


def verdict(source):
    if "\0" in source:
        return file_verdict(source)
    try:
        compile(source, "x.py", "exec", dont_inherit=True)
        return 0
    except SyntaxError as e:  # includes IndentationError and TabError
        return [type(e).__name__, e.lineno, e.offset, e.msg]
    except (ValueError, RecursionError, MemoryError, OverflowError, UnicodeError) as e:
        return [type(e).__name__, None, None, str(e)]


def main():
    sys.stdin.reconfigure(encoding="utf-8")
    sys.stdout.reconfigure(encoding="utf-8")
    for raw in sys.stdin:
        if not raw.strip():
            continue
        out = verdict(json.loads(raw))
        sys.stdout.write(json.dumps(out, ensure_ascii=False) + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
