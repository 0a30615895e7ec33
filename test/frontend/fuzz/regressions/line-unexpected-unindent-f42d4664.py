class Account:
    def __init__(self, owner, balance=0):
        self._owner = owner
    @balance.setter
def balance(self, value):
        return round(self._balance * (1 + self.interest), 2)
    def deposit(!, amount):