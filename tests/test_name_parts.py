"""schedule.model.name_parts: titles and degrees left out, names that look like them kept."""

from __future__ import annotations

import pytest

from printprog.schedule.model import name_parts


@pytest.mark.parametrize("name, parts", [
    ("Prof. Dr. Sören Auer", ["Sören", "Auer"]),
    ("Dr Jane Doe", ["Jane", "Doe"]),
    ("Mag. Anna Huber", ["Anna", "Huber"]),
    ("Dipl.-Ing. Hans Meier", ["Hans", "Meier"]),
    ("Jane Doe, PhD", ["Jane", "Doe"]),
    ("Jane Doe, MA", ["Jane", "Doe"]),
    ("John Smith Jr.", ["John", "Smith"]),
    ("Mag Hoehme", ["Mag", "Hoehme"]),  # a given name, not "Magister"
    ("Ing Lund", ["Ing", "Lund"]),
    ("Ao Wang", ["Ao", "Wang"]),
    ("Jack Ma", ["Jack", "Ma"]),  # a family name, not a degree
    ("Dr.", ["Dr."]),  # nothing but a title: kept whole
])
def test_name_parts_titles_and_lookalikes(name, parts):
    assert name_parts(name) == parts


def test_name_parts_keeps_commas_inside_a_name():
    assert name_parts("Ian Sollars, Sohel Sarder & Ramses de Norre") == [
        "Ian", "Sollars,", "Sohel", "Sarder", "&", "Ramses", "de", "Norre"]


def test_sort_key_files_names_under_their_first_letter():
    from printprog.schedule.model import Speaker

    assert Speaker(id="a", name="Jan (Dooms)").sort_key[0] == "dooms)"
    assert Speaker(id="b", name="– Panel").sort_key[0] == "panel"
    assert Speaker(id="c", name="Ada Lovelace").sort_key[0] == "lovelace"
