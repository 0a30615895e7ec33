# Valid Python that Lezer's grammar reads differently: `print` as an ordinary name, `await`
# applied to a primary inside operator chains, starred comprehension targets.
import functools

print = functools.partial(print, flush=True)
print -1
print[0] = 1
print (x)
print .x
print: int = 1
print += 1
print, y = 1, 2
print if x else y
print; x
print @ x
print * x
print is x
print not in x
print >>f, x
print [1]
print\
  (1)
f = lambda: (yield)
rows = [n for n, *_ in rows]
rows = [n for *_, n in rows]
rows = {n: m for n, *m in rows}
rows = list(n for n, *_ in rows)


async def main():
    a = await x ** 2
    b = await x + 1
    c = await x.y[1](2) * 3 < 4 and 5
    d = await x if y else z
    e = await x or await y
    return [await q for q in r], await (yield)
rows = {r for *_, *r in x}
rows = {r: q for *r, q in x}
rows = [r for a in b for * r, q in x]
rows = (r for *r, q in x)
