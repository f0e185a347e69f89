"""core.records: a record behaves as the ``@dataclass`` of the same fields (the expected
behaviour is the standard library's, each case run on both)."""

from __future__ import annotations

import dataclasses
from dataclasses import FrozenInstanceError, dataclass, field

import pytest

from printprog.core.records import Record, record


def _made(post: list):
    """The same class three times: a frozen and a mutable record, and the dataclasses."""

    class Base:
        a: int
        b: str = "b"
        c: list = field(default_factory=list)
        d: int = field(default=7, repr=False, compare=False)
        e: int = field(default=3, init=False)

        def __post_init__(self) -> None:
            post.append(type(self).__name__)

    def build(kind: str, frozen: bool):
        body = dict(Base.__dict__)
        for name in ("__dict__", "__weakref__"):
            body.pop(name, None)
        if kind == "record":
            cls = type(f"R{frozen:d}", (Record,), body)
            return record(frozen=frozen)(cls)
        return dataclass(frozen=frozen)(type(f"D{frozen:d}", (), body))

    return {(kind, frozen): build(kind, frozen)
            for kind in ("record", "dataclass") for frozen in (False, True)}


@pytest.mark.parametrize("frozen", [False, True])
def test_record_behaves_as_the_dataclass_of_the_same_fields(frozen):
    post: list = []
    R, D = _made(post)[("record", frozen)], _made(post)[("dataclass", frozen)]

    def both(call):
        outcomes = []
        for cls in (R, D):
            try:
                outcomes.append(("ok", call(cls)))
            except Exception as error:  # the kind of error is what must match
                outcomes.append(("error", type(error).__name__))
        return outcomes

    def state(x):
        return (x.a, x.b, x.c, x.d, x.e)

    for call in (lambda k: state(k(1)), lambda k: state(k(1, "x", [2], 9)),
                 lambda k: state(k(a=1, c=[3])), lambda k: k(), lambda k: k(1, a=2),
                 lambda k: k(1, z=2), lambda k: k(1, "x", [], 1, 2), lambda k: k(1, e=5),
                 lambda k: k(1) == k(1), lambda k: k(1) == k(2), lambda k: k(1, d=1) == k(1, d=2),
                 lambda k: k(1).c is not k(1).c, lambda k: [f.name for f in dataclasses.fields(k)],
                 lambda k: state(dataclasses.replace(k(1), b="y")),
                 lambda k: dataclasses.asdict(k(1, c=[1])),
                 lambda k: repr(k(1)).split("(", 1)[1], lambda k: hash(k(1)) == hash(k(1)),
                 lambda k: setattr(k(1), "a", 5), lambda k: delattr(k(1), "b")):
        got, expected = both(call)
        assert got == expected
    assert post.count(R.__name__) == post.count(D.__name__) > 0


def test_record_refuses_a_class_that_does_not_subclass_record():
    with pytest.raises(TypeError, match="must subclass Record"):
        record(type("Plain", (), {"__annotations__": {"a": "int"}}))


def test_a_frozen_record_is_read_only_and_a_mutable_one_is_not():
    @record(frozen=True)
    class Frozen(Record):
        a: int

    @record
    class Mutable(Record):
        a: int

    with pytest.raises(FrozenInstanceError):
        Frozen(1).a = 2
    m = Mutable(1)
    m.a = 2
    assert m.a == 2
    assert {Frozen(1), Frozen(1)} == {Frozen(1)}
    with pytest.raises(TypeError, match="unhashable"):
        hash(Mutable(1))


def test_a_record_without_eq_is_equal_only_to_itself_as_a_dataclass_is():
    @record(frozen=True, eq=False)
    class Identity(Record):
        a: int

    @dataclass(frozen=True, eq=False)
    class Expected:
        a: int

    for cls in (Identity, Expected):
        one = cls(1)
        assert one == one and one != cls(1)
        assert hash(one) == object.__hash__(one)
        assert len({one, cls(1)}) == 2


def test_a_dataclass_subclasses_a_record_as_it_would_the_dataclass():
    @record(frozen=True)
    class Base(Record):
        a: int = 1

    @dataclass(frozen=True)
    class Options(Base):
        b: int = 2

    assert (Options().a, Options(b=3).b) == (1, 3)
    with pytest.raises(FrozenInstanceError):
        Options().b = 4
    with pytest.raises(TypeError, match="non-frozen dataclass from a frozen"):
        @dataclass
        class Thawed(Base):
            c: int = 0


def test_a_plain_subclass_of_a_frozen_record_sets_its_own_names_as_a_dataclass_s_would():
    @record(frozen=True)
    class R(Record):
        a: int

    @dataclass(frozen=True)
    class D:
        a: int

    for base in (R, D):
        plain = type("Plain", (base,), {})(1)
        plain.extra = 2  # not a field, and not the frozen class's own instance: allowed
        del plain.extra
        with pytest.raises(FrozenInstanceError):
            plain.a = 3
        with pytest.raises(FrozenInstanceError):
            del plain.a
        with pytest.raises(FrozenInstanceError):
            base(1).extra = 2  # the frozen class's own instance: every name refused


def test_a_frozen_record_below_a_frozen_record_stays_frozen():
    @record(frozen=True)
    class Base(Record):
        a: int = 1

    @record(frozen=True)
    class Child(Base):
        b: int = 2

    assert (Child().a, Child(b=3).b, Child() == Child()) == (1, 3, True)
    with pytest.raises(FrozenInstanceError):
        Child().a = 4
    assert dataclasses.fields(Child)[1].name == "b"


def test_a_frozen_record_compiles_no_method_of_its_own(monkeypatch):
    """Why records exist (issue #28): a dataclass compiles its methods from source text,
    and a frozen record must not (Record's own serve it)."""
    compiled: list[str] = []
    real = dataclasses._create_fn

    def counting(name, *args, **kwargs):
        compiled.append(name)
        return real(name, *args, **kwargs)

    monkeypatch.setattr(dataclasses, "_create_fn", counting)

    @record(frozen=True)
    class Frozen(Record):
        a: int

    assert compiled == []
    with pytest.raises(FrozenInstanceError):
        Frozen(1).a = 2
