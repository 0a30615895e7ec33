[x for x in y]
[x for x in y if x if not x]
[(x, y) for x in a for y in b]
{x for x in y}
{k: v for k, v in d.items()}
(x for x in y)
[x async for x in y]
[[y for y in x] for x in z]
sum(x * x for x in range(10))
[x for x in (lambda: y)()]
[x for x in y if x > 0 for z in x]
