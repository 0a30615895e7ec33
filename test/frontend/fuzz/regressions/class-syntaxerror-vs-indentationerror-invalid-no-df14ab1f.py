print(sorted(a), l‎en(a))
try: