f(x for x in y if a b)
