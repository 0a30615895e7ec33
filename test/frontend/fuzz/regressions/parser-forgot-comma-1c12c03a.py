f(a if b c else d)
