"""LeadStore.named_like and named_exactly on both engines: prefixes, accents, scope, limits."""

from __future__ import annotations

from dataclasses import replace

from leadboard.domain.model import LeadDraft, Status
from leadboard.store.leads import LeadStore
from tests.conftest import NOW


def add(store: LeadStore, name: str, company: str = "", owner: str = "") -> int:
    lead = store.add(LeadDraft(name=name, company=company, owner=owner), NOW)
    assert lead.id is not None
    return lead.id


def names(store: LeadStore, *words: str, limit: int = 10) -> list[str]:
    return sorted(lead.name for lead in store.named_like(list(words), limit))


def test_every_word_starts_a_word_of_the_name_or_company(store: LeadStore) -> None:
    add(store, "Emma Hughes", "Acme Ltd")
    add(store, "Emma Stone", "Bolt")
    add(store, "Gemma Ward", "Emmaus Trust")
    add(store, "Jean-Luc Picard", "Star (UK)")
    assert names(store, "emma") == ["Emma Hughes", "Emma Stone", "Gemma Ward"]
    assert names(store, "EMMA", "hu") == ["Emma Hughes"]
    assert names(store, "acm") == ["Emma Hughes"]
    assert names(store, "luc") == ["Jean-Luc Picard"]
    assert names(store, "uk") == ["Jean-Luc Picard"]
    assert names(store, "mma") == []
    assert names(store, "e") == ["Emma Hughes", "Emma Stone", "Gemma Ward"]
    assert names(store, "zz") == []


def test_accents_fold_either_way(store: LeadStore) -> None:
    add(store, "Zoë Krüger")
    add(store, "Zoe Miller")
    add(store, "José Núñez", "Café Olé")
    assert names(store, "zoe") == ["Zoe Miller", "Zoë Krüger"]
    assert names(store, "zoë") == ["Zoe Miller", "Zoë Krüger"]
    assert names(store, "kruger") == ["Zoë Krüger"]
    assert names(store, "nunez") == ["José Núñez"]
    assert names(store, "cafe", "ole") == ["José Núñez"]


def test_only_active_leads_in_the_owners_scope(store: LeadStore) -> None:
    add(store, "Emma Mine", owner="rep")
    add(store, "Emma Theirs", owner="sam")
    closed = add(store, "Emma Won", owner="rep")
    store.set_status(closed, Status.WON, NOW)
    assert names(store, "emma") == ["Emma Mine", "Emma Theirs"]
    store.owner = "rep"
    assert names(store, "emma") == ["Emma Mine"]


def test_at_most_the_limit(store: LeadStore) -> None:
    for number in range(8):
        add(store, f"Emma {number}")
    assert len(store.named_like(["emma"], 3)) == 3
    assert store.named_like(["emma"], 0) == []
    assert store.named_like([], 5) == []
    assert store.named_like(["[/]", "*", "%_"], 5) == []


def test_exact_names_any_case_and_spacing_active_first(store: LeadStore) -> None:
    first = add(store, "Emma Hughes", "Acme")
    second = add(store, "emma  hughes", "Bolt")
    add(store, "Emma Hughes-Smith")
    store.set_status(first, Status.LOST, NOW)
    found = store.named_exactly("EMMA HUGHES")
    assert [lead.id for lead in found] == [second, first]
    assert [lead.id for lead in store.named_exactly("Emma Hughes", active_only=True)] == [second]
    assert [lead.id for lead in store.named_exactly("emma hughes", "acme")] == [first]
    assert store.named_exactly("Li") == []
    li = add(store, "Li")
    assert [lead.id for lead in store.named_exactly("li")] == [li]
    assert replace(found[0], version=1).name == "emma  hughes"
