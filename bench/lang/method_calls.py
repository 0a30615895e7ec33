# Method-call heavy classes: small objects, properties, inheritance and super().
import time


class Counter:
    def __init__(self):
        self.value = 0

    def increment(self, by=1):
        self.value += by
        return self

    def get(self):
        return self.value


class Account(Counter):
    def __init__(self, owner):
        super().__init__()
        self.owner = owner
        self.history = []

    @property
    def balance(self):
        return self.get()

    def deposit(self, amount):
        self.increment(amount)
        self.history.append(amount)

    def withdraw(self, amount):
        if amount > self.balance:
            return False
        self.increment(-amount)
        self.history.append(-amount)
        return True


def simulate(n):
    accounts = [Account(f"user{i}") for i in range(10)]
    ok = 0
    for i in range(n):
        acc = accounts[i % 10]
        acc.deposit(i % 7)
        if acc.withdraw(i % 5):
            ok += 1
    return ok, sum(a.balance for a in accounts)


runs = 10
start = time.perf_counter()
for _ in range(runs):
    result = simulate(50000)
elapsed = time.perf_counter() - start
assert result == (47496, 60009), result
print(f"method_calls: {runs / elapsed:.2f}")
