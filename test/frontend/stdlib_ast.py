"""CPython's side of the Lib/ AST check (scripts/stdlib-ast.mjs).

Reads one file path per stdin line and writes one JSON line per file:
  {"verdict": 0 | [class, line, offset, message],   compile() of the file's bytes, as
                                                     `python3 file.py` compiles it
   "sha": sha256 of ast.dump(include_attributes=True) (code-point columns), if accepted,
   "text": the decoded source, only when it is not simply the file's UTF-8 text
           (a PEP 263 coding cookie naming another encoding, or a BOM)}
With --dump, writes the dump itself as a JSON string instead (for showing a mismatch).
"""
import ast
import hashlib
import io
import json
import os
import sys
import tokenize
import warnings

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from cpython_dump import to_chars  # noqa: E402

warnings.simplefilter("ignore")


def decoded(data):
    """The text CPython compiles, with line endings normalised as its tokenizer does."""
    encoding, _ = tokenize.detect_encoding(io.BytesIO(data).readline)
    text = data.decode(encoding)
    if text.startswith("\ufeff"):
        text = text[1:]
    return text.replace("\r\n", "\n").replace("\r", "\n")


def dump(text, path):
    tree = ast.parse(text, path)
    to_chars(tree, text)
    return ast.dump(tree, include_attributes=True)


def examine(path, want_dump):
    with open(path, "rb") as f:
        data = f.read()
    try:
        compile(data, path, "exec", dont_inherit=True)
    except SyntaxError as e:
        return {"verdict": [type(e).__name__, e.lineno, e.offset, e.msg]}
    except (ValueError, RecursionError, MemoryError) as e:
        return {"verdict": [type(e).__name__, None, None, str(e)]}
    text = decoded(data)
    out = {"verdict": 0}
    try:
        plain = data.decode("utf-8").replace("\r\n", "\n").replace("\r", "\n")
    except UnicodeDecodeError:
        plain = None
    if plain != text:
        out["text"] = text
    d = dump(text, path)
    if want_dump:
        out["dump"] = d
    else:
        out["sha"] = hashlib.sha256(d.encode("utf-8", "surrogatepass")).hexdigest()
    return out


def main():
    want_dump = "--dump" in sys.argv
    sys.stdin.reconfigure(encoding="utf-8")
    sys.stdout.reconfigure(encoding="utf-8")
    for raw in sys.stdin:
        path = raw.rstrip("\n")
        if path:
            sys.stdout.write(json.dumps(examine(path, want_dump), ensure_ascii=False) + "\n")
            sys.stdout.flush()


if __name__ == "__main__":
    main()
