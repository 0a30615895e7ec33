total = sum(q * p for _, q, p in bo
dy)
