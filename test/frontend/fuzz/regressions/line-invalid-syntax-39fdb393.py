f"{a}{b}"yield
f"{d['kB]}"