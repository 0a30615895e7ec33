def f():
    3 = x
    y = = 2
