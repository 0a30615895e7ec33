f(-a b)
