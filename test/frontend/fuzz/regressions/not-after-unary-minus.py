x = - not a
