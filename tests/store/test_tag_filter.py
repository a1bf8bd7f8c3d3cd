"""`#tag` in the filter: the lead's tag itself, with the other words, on both engines."""

from __future__ import annotations

import pytest

from leadboard.domain.model import LeadDraft, Temperature
from leadboard.store.leads import LeadStore
from leadboard.store.search_hits import read_first, read_hits
from tests.conftest import NOW


def names(store: LeadStore, text: str) -> list[str]:
    """Names of the active leads the filter text finds, in name order."""
    return sorted(lead.name for lead in store.find(search=text))


@pytest.fixture
def tagged(store: LeadStore) -> LeadStore:
    """Leads whose tags, names and notes are close to each other's."""
    drafts = [
        LeadDraft(name="Ana Ruiz", company="Acme", tags=("vip", "q4")),
        LeadDraft(name="Ben Okafor", company="Acme", tags=("vipers",)),
        LeadDraft(name="Cy Moreau", notes="loves #vip lounges", tags=("q4",)),
        LeadDraft(name="Dia Lind", company="Vip Travel", temperature=Temperature.HOT),
        LeadDraft(name="Eli Sato", tags=("a",)),
    ]
    for draft in drafts:
        store.add(draft, NOW)
    return store


def test_a_tag_finds_that_tag_and_never_a_longer_one_or_a_note(tagged: LeadStore) -> None:
    assert names(tagged, "#vip") == ["Ana Ruiz"]
    assert names(tagged, "#VIP") == ["Ana Ruiz"]
    assert names(tagged, "#q4") == ["Ana Ruiz", "Cy Moreau"]
    assert names(tagged, "#a") == ["Eli Sato"]  # one letter: still the tag, not every 'a'
    assert names(tagged, "#nothing") == []
    # Without the '#', the word is searched as ever: names, companies, notes, tags.
    assert names(tagged, "vip") == ["Ana Ruiz", "Ben Okafor", "Cy Moreau", "Dia Lind"]


def test_tags_and_words_must_all_match(tagged: LeadStore) -> None:
    assert names(tagged, "#q4 acme") == ["Ana Ruiz"]
    assert names(tagged, "acme #q4") == ["Ana Ruiz"]
    assert names(tagged, "#q4 #vip") == ["Ana Ruiz"]
    assert names(tagged, "#q4 lounges") == ["Cy Moreau"]
    assert names(tagged, "#q4 zz") == []  # a short word is tested text by text


def test_the_board_reads_tagged_matches(tagged: LeadStore) -> None:
    hits = read_hits(tagged.db, "#q4", NOW.add(days=1))
    assert sum(hits.count(t) for t in Temperature) == 2
    first = read_first(tagged.db, "#vip", 10)
    assert [i for t in Temperature for i in first.page(t, 0, 10)] == [1]


def test_changing_tags_changes_what_is_found(tagged: LeadStore) -> None:
    ben = tagged.find(search="Ben")[0]
    assert ben.id is not None
    tagged.update(ben.id, LeadDraft(name="Ben Okafor", company="Acme", tags=("vip",)), NOW)
    assert names(tagged, "#vip") == ["Ana Ruiz", "Ben Okafor"]
    assert names(tagged, "#vipers") == []
