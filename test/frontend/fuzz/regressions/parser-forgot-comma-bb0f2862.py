f(print 1)
