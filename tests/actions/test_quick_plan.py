"""plan_quick on a real store: which lead, ranking and ambiguity, and the dialog's rules."""

from __future__ import annotations

from leadboard.actions.quick import EMPTY_LINE, QuickPlan, QuickProblem, plan_quick
from leadboard.domain.dates import DEFAULT_READING
from leadboard.domain.followup import Policy, effect_of_contact
from leadboard.domain.model import Channel, Direction, Lead, LeadDraft, Outcome, Status
from leadboard.store.leads import LeadStore
from tests.conftest import NOW


def add(store: LeadStore, name: str, company: str = "", **fields: object) -> Lead:
    return store.add(LeadDraft(name=name, company=company, **fields), NOW)  # type: ignore[arg-type]


def plan(store: LeadStore, text: str, selected: Lead | None = None) -> QuickPlan | QuickProblem:
    return plan_quick(store, text, NOW, Policy(), DEFAULT_READING, selected)


def planned(store: LeadStore, text: str, selected: Lead | None = None) -> QuickPlan:
    result = plan(store, text, selected)
    assert isinstance(result, QuickPlan), result
    return result


def problem(store: LeadStore, text: str, selected: Lead | None = None) -> QuickProblem:
    result = plan(store, text, selected)
    assert isinstance(result, QuickProblem), result
    return result


def test_the_example_line_and_its_summary(store: LeadStore) -> None:
    emma = add(store, "Emma Hughes", "Acme")
    result = planned(store, "emma call talked +3d send the quote; wants 20 seats")
    assert result.lead.id == emma.id
    entry = result.entry
    assert (entry.channel, entry.outcome, entry.direction) == (
        Channel.CALL,
        Outcome.TALKED,
        Direction.OUT,
    )
    assert entry.typed_due == NOW.add(days=3) and not entry.promise
    assert entry.next_step == "send the quote" and entry.note == "wants 20 seats"
    assert result.summary(NOW, "UTC") == (
        "Emma Hughes · call · talked · due Thu 26 Nov 09:00 · next: send the quote"
        " · note: wants 20 seats"
    )
    assert not result.past_due


def test_ranking_exact_then_whole_words_then_one_prefix(store: LeadStore) -> None:
    ann = add(store, "Ann Lee")
    add(store, "Anna Lee")
    add(store, "Annabel Lee")
    assert planned(store, "ann vm").lead.id == ann.id  # the one with "ann" whole
    assert planned(store, "annab vm").lead.name == "Annabel Lee"
    assert planned(store, "anna lee vm").lead.name == "Anna Lee"  # exact beats prefixes
    both = problem(store, "lee vm")
    assert both.message == '"lee" matches 3 leads: type more of the name or #id'
    assert len(both.candidates) == 3


def test_an_ambiguous_name_lists_candidates_inline(store: LeadStore) -> None:
    add(store, "Emma Hughes", "Acme")
    add(store, "Emma Stone", "Bolt")
    add(store, "Emma Li")
    found = problem(store, "emma call talked")
    assert found.summary() == (
        '"emma" matches 3 leads: Emma Hughes (Acme) · Emma Stone (Bolt) · Emma Li'
    )
    for number in range(5):
        add(store, f"Emma {number}")
    many = problem(store, "emma vm")
    assert len(many.candidates) == 5 and many.summary().endswith(" · and 3 more")


def test_two_leads_with_the_same_name_are_ambiguous(store: LeadStore) -> None:
    add(store, "Emma Hughes", "Acme")
    add(store, "Emma Hughes", "Bolt")
    assert problem(store, "emma hughes vm").message.startswith('"emma hughes" matches 2 leads')
    assert planned(store, "emma hughes, bolt vm").lead.company == "Bolt"


def test_selected_lead_id_and_quoted_name(store: LeadStore) -> None:
    emma = add(store, "Emma Hughes")
    won = add(store, "Won Park")
    assert planned(store, "call talked send it", selected=emma).lead.id == emma.id
    assert planned(store, f"#{won.id} vm").lead.id == won.id
    assert problem(store, "#999 vm").message == "no lead with id 999"
    quoted = planned(store, '"won park" call talked')
    assert quoted.lead.id == won.id and quoted.entry.outcome is Outcome.TALKED
    named = planned(store, "with emma vm", selected=won)
    assert named.lead.id == emma.id and named.entry.next_step is None


def test_a_name_in_the_trailing_words_without_a_selection(store: LeadStore) -> None:
    add(store, "Emma Hughes")
    result = planned(store, "call talked emma send the deck")
    assert result.lead.name == "Emma Hughes" and result.entry.next_step == "send the deck"


def test_problems(store: LeadStore) -> None:
    add(store, "Emma Hughes")
    assert problem(store, "   ").message == EMPTY_LINE
    assert problem(store, "zz call talked").message == 'no lead matches "zz"'
    assert problem(store, "emma call").message.startswith("say what came of it: talked")
    assert problem(store, "emma talked vm").message == "two outcomes: talked and vm; keep one"
    assert problem(store, "call talked").message.startswith("name the lead")


def test_effect_follows_the_dialog_rules(store: LeadStore) -> None:
    emma = add(store, "Emma Hughes", preferred_channel=Channel.EMAIL)
    policy = Policy()
    plain = planned(store, "emma talked")
    assert plain.entry.typed_due is None and plain.entry.next_step is None
    assert plain.entry.channel is Channel.EMAIL  # the lead's preferred channel
    rules = effect_of_contact(
        emma, at=NOW, direction=Direction.OUT, outcome=Outcome.TALKED, policy=policy
    )
    assert plain.effect == rules
    promised = planned(store, "emma talked !")
    assert promised.entry.promise and promised.entry.typed_due == rules.next_due
    assert promised.effect.promised
    fri = planned(store, "emma talked fri!")
    assert fri.entry.promise and fri.summary(NOW, "UTC").endswith("promised Fri 27 Nov 09:00")
    objection = planned(store, "emma objection too pricey")
    assert objection.effect.sequence_step == 4
    won = planned(store, "emma won +3d for 20 seats")
    assert won.effect.status is Status.WON and won.effect.next_due is None
    assert won.entry.typed_due is None and won.entry.next_step is None
    assert won.entry.note == "for 20 seats"
    assert " · marks won · " in won.summary(NOW, "UTC")
    add(store, "Vic Mills")
    assert planned(store, "vic vm").entry.channel is Channel.VOICEMAIL


def test_a_typed_due_in_the_past_is_flagged(store: LeadStore) -> None:
    add(store, "Emma Hughes")
    assert planned(store, "emma talked -2d call back").past_due
    assert not planned(store, "emma talked now").past_due
