x = 1
a, *b = c = 1, 2
x: int = 5
y: "List[int]"
self.z: int = 3
(p): int = 1
d[k]: str
x += 1
a.b -= 2
a[1] **= 3
x //= 2; y >>= 1; z @= m
[a, b] = (c, d) = e
x = 1, 2,
x = *a, *b
for x, in y: pass
x = yield_ = 3
del a, b[1], c.d
del (a, b), [c]
