f = lambda: 0
g = lambda x: x + 1
h = lambda a, b=2, *c, d, e=5, **f: (a, b, c, d, e, f)
i = lambda *, k: k
j = lambda a, /, b: a
k = lambda *args, **kwargs: None
