j = lambda a, / b: a
