if a:
    pass
if a:
    x = 1
elif b:
    x = 2
elif c:
    x = 3
else:
    x = 4
while x:
    break
else:
    pass
while True:
    continue
for i in range(10):
    if i: break
else:
    y = 1
for a, b in c, d:
    pass
for (a, b) in c:
    pass
for [a, *b] in c:
    pass
if x: pass
elif y: pass
while (n := n - 1) > 0: pass
