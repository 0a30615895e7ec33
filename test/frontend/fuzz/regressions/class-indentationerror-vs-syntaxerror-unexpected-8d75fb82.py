class Person:
    @dataclass
class Student(Person):
    school: str = "unknown"