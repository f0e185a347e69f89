"""Dataclasses that are cheap to define: for the classes a run makes a few of (options, a
product's job, the event, the theme's sections, the report).

Python compiles a dataclass's methods (``__init__``, ``__repr__``, ``__eq__``, ``__hash__``,
and a frozen one's ``__setattr__`` and ``__delattr__``) from source text, class by class, when
the module defining it is imported: 0.3-0.8 ms a class, 21 ms of the bundled booklet's 59
classes (issue #28: every command pays for the classes its modules define, used or not).
:func:`record` makes the same dataclass with all six written once, here, for every record
(:class:`Record`; a frozen record's two take 0.14 ms a class to compile): they read the
class's fields when called, so each call costs a few microseconds more than a generated one.
That suits a class made a few times a run; a class made per session, text run or badge stays
a plain ``@dataclass``.

Same behaviour as the dataclass it stands for: positional or keyword arguments, the fields'
defaults and default factories, fields with ``init=False`` set to their default,
``__post_init__`` called; equal when the class and every field are; frozen ones read-only
and hashed by their fields, others unhashable; ``dataclasses.fields``, ``replace`` and
``asdict`` work as on any dataclass. tests/test_records.py compares each with a
``@dataclass`` of the same fields.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import MISSING, Field, FrozenInstanceError, dataclass, fields
from typing import Any, TypeVar

T = TypeVar("T", bound=type)


class Record:
    """The methods of every :func:`record` class (see the module's docstring)."""

    __slots__ = ()
    #: Set by :func:`record`: the fields ``__init__`` takes, in order, and those it does not
    #: take but sets to their default (worked out once per class, not per instance).
    __record_init__: tuple[Field, ...] = ()
    __record_defaults__: tuple[Field, ...] = ()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        own = self.__record_init__
        name = type(self).__name__
        if len(args) > len(own):
            raise TypeError(f"{name}() takes {len(own)} positional arguments but "
                            f"{len(args)} were given")
        setter = object.__setattr__
        for f, value in zip(own, args, strict=False):
            if f.name in kwargs:
                raise TypeError(f"{name}() got multiple values for argument '{f.name}'")
            setter(self, f.name, value)
        for f in own[len(args):]:
            if f.name in kwargs:
                setter(self, f.name, kwargs.pop(f.name))
            else:
                setter(self, f.name, _default(f, name))
        if kwargs:  # what no field took
            raise TypeError(f"{name}() got an unexpected keyword argument "
                            f"'{next(iter(kwargs))}'")
        for f in self.__record_defaults__:
            setter(self, f.name, _default(f, name))
        post = getattr(self, "__post_init__", None)
        if post is not None:
            post()

    def _values(self) -> tuple:
        return tuple(getattr(self, f.name) for f in fields(self) if f.compare)

    def __repr__(self) -> str:
        shown = ", ".join(f"{f.name}={getattr(self, f.name)!r}" for f in fields(self) if f.repr)
        return f"{type(self).__qualname__}({shown})"

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return self._values() == other._values()  # type: ignore[attr-defined]

    def __hash__(self) -> int:  # a frozen record's (a mutable one's is None, as a dataclass's)
        return hash(self._values())


def _frozen_set(self: Any, name: str, value: Any) -> None:
    """A frozen record's ``__setattr__``: as a frozen dataclass's, every name is refused on
    the record's own instances, and its fields on a plain subclass's."""
    if "__setattr__" in type(self).__dict__ or name in self.__dataclass_fields__:
        raise FrozenInstanceError(f"cannot assign to field {name!r}")
    object.__setattr__(self, name, value)


def _frozen_del(self: Any, name: str) -> None:
    """A frozen record's ``__delattr__`` (see :func:`_frozen_set`)."""
    if "__delattr__" in type(self).__dict__ or name in self.__dataclass_fields__:
        raise FrozenInstanceError(f"cannot delete field {name!r}")
    object.__delattr__(self, name)


def _default(f: Field, owner: str) -> Any:
    if f.default is not MISSING:
        return f.default
    if f.default_factory is not MISSING:
        return f.default_factory()
    raise TypeError(f"{owner}() missing 1 required positional argument: '{f.name}'")


def record(cls: T | None = None, /, *, frozen: bool = False, eq: bool = True
           ) -> T | Callable[[T], T]:
    """``@record``, ``@record(frozen=True)`` or ``@record(frozen=True, eq=False)`` on a
    subclass of :class:`Record`: the dataclass ``@dataclass`` with the same arguments would
    make, with :class:`Record`'s methods (see the module's docstring). With ``eq=False``
    instances are equal only to themselves and hashed by identity."""

    def wrap(cls: T) -> T:
        if not issubclass(cls, Record):
            raise TypeError(f"@record class {cls.__name__} must subclass Record")
        # A frozen record's __setattr__ and __delattr__ are Record's own (_frozen_set,
        # _frozen_del), not compiled for the class; it is marked frozen as a dataclass is, so
        # that a @dataclass(frozen=True) subclass, as a product's options are
        # (tests/test_product_recipe.py), is allowed. A record below a frozen dataclass must
        # be made frozen by dataclass itself (it refuses otherwise), and is.
        below_frozen = any(getattr(getattr(base, "__dataclass_params__", None), "frozen", False)
                           for base in cls.__mro__[1:])
        made = dataclass(init=False, repr=False, eq=False, frozen=frozen and below_frozen)(cls)
        if frozen and not below_frozen:
            made.__setattr__ = _frozen_set  # type: ignore[assignment]
            made.__delattr__ = _frozen_del  # type: ignore[assignment]
            made.__dataclass_params__.frozen = True  # type: ignore[attr-defined]
        made.__record_init__ = tuple(f for f in fields(made) if f.init)
        made.__record_defaults__ = tuple(
            f for f in fields(made)
            if not f.init and (f.default is not MISSING or f.default_factory is not MISSING))
        if not eq:
            made.__eq__ = object.__eq__  # type: ignore[assignment]
            made.__hash__ = object.__hash__  # type: ignore[assignment]
        elif not frozen and "__hash__" not in cls.__dict__:
            # Equal by value and mutable: unhashable, as a dataclass is.
            made.__hash__ = None  # type: ignore[assignment]
        return made

    return wrap if cls is None else wrap(cls)
