f(a lambda x, y: 1)
