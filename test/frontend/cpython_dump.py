"""Prints CPython's ast.dump(include_attributes=True) for each file named on stdin (one per
line) as a JSON object {path: dump or "SyntaxError:line:col:msg"}. Columns are converted from
UTF-8 byte offsets to code-point offsets, which is what the pyts frontend reports."""
import ast
import json
import sys
import tokenize


def to_chars(tree, source):
    lines = source.split("\n")

    def conv(lineno, col):
        if lineno is None or col is None or lineno - 1 >= len(lines):
            return col
        line = lines[lineno - 1].encode("utf-8")
        return len(line[:col].decode("utf-8", errors="replace"))

    for node in ast.walk(tree):
        if getattr(node, "col_offset", None) is not None:
            node.col_offset = conv(node.lineno, node.col_offset)
        if getattr(node, "end_col_offset", None) is not None:
            node.end_col_offset = conv(node.end_lineno, node.end_col_offset)


def read_source(path):
    """The file's text decoded as CPython reads a file: coding comment or BOM (PEP 263), else
    UTF-8; line endings as CPython's tokenizer gives them."""
    with open(path, "rb") as f:
        encoding, _ = tokenize.detect_encoding(f.readline)
    with open(path, encoding=encoding, newline="") as f:
        return f.read().replace("\r\n", "\n").replace("\r", "\n")


def dump_source(source, path="<unknown>"):
    """ast.dump of source with code-point columns, or "SyntaxError:line:col:msg"."""
    try:
        tree = ast.parse(source, path)
    except SyntaxError as e:
        return "SyntaxError:%s:%s:%s" % (e.lineno, e.offset, e.msg)
    to_chars(tree, source)
    return ast.dump(tree, include_attributes=True)


def main():
    out = {}
    for path in sys.stdin.read().splitlines():
        if not path:
            continue
        out[path] = dump_source(read_source(path), path)
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main()
