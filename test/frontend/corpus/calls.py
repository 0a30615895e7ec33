f()
f(1)
f(1, 2)
f(a=1)
f(1, a=2)
f(*a)
f(**k)
f(1, *a, 2, *b, k=3, **d)
f(a, b=c, *d)
f(**a, b=1)
obj.method(x).other[0].attr
f(x)[y](z).w
