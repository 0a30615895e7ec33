if x: y: int
class A: x: int
if lambda: 1: pass
x = a is not b
y = [a for a in not b]
def f() -> not x: pass
