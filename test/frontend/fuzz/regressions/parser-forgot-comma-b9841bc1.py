f(a, b "c")
