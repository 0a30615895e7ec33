class Inventory:
    def __iadd__(self, other): :