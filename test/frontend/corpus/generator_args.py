# A generator expression as the sole argument needs no parentheses, whatever its target
total = sum(q * p for _, q, p in body)
pairs = dict((k, v) for k, v in items if k if v)
nested = list(x for xs in rows for x, in xs)
aio = f(x async for x, y in stream)
both = sorted((a, b) for (a, b) in zip(c, d))
