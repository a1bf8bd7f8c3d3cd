"""Tests for leadboard.domain.templates: checking a template, filling it, the shipped words."""

from __future__ import annotations

from typing import Any

import pytest

from leadboard.domain.model import Channel, Lead
from leadboard.domain.sequence import DEFAULT_STEPS
from leadboard.domain.templates import (
    DEFAULT_TEMPLATES,
    GENERIC_TEMPLATES,
    PLACEHOLDERS,
    ChannelKind,
    FilledMessage,
    Template,
    TemplateError,
    channel_kind,
    default_template,
    default_text,
    fill,
    first_name,
    message_channel,
    parse_template,
)
from tests.conftest import NOW

KNOWN = "(known: first_name, company, next_step, my_name, signature)"


def lead(**fields: Any) -> Lead:
    """A lead at NOW with the fields given."""
    values: dict[str, Any] = {"name": "Emma Hughes", "created_at": NOW} | fields
    return Lead(**values)


def short(text: str, where: str = "step-2-short.txt") -> Template:
    return parse_template(text, step=2, kind=ChannelKind.SHORT, where=where)


def email(text: str, where: str = "step-2-email.txt") -> Template:
    return parse_template(text, step=2, kind=ChannelKind.EMAIL, where=where)


def filled(template: Template, **fields: Any) -> FilledMessage:
    return fill(
        template,
        lead(**fields),
        step_name="first personal message",
        channel=Channel.EMAIL if template.kind is ChannelKind.EMAIL else Channel.TEXT,
        my_name="Alex",
        signature="",
    )


# -- channels -------------------------------------------------------------------


def test_email_gets_an_email_and_every_other_channel_a_short_message() -> None:
    assert channel_kind(Channel.EMAIL) is ChannelKind.EMAIL
    others = {channel_kind(channel) for channel in Channel if channel is not Channel.EMAIL}
    assert others == {ChannelKind.SHORT}


def test_the_message_channel_is_the_preferred_one_else_a_call() -> None:
    assert message_channel(lead(preferred_channel=Channel.TEXT)) is Channel.TEXT
    assert message_channel(lead()) is Channel.CALL


# -- parsing --------------------------------------------------------------------


def test_a_short_template_is_all_body_and_keeps_its_lines() -> None:
    template = short("Hi {first_name},\n\nit's {my_name}.\n\n\n")
    assert template == Template(
        2, ChannelKind.SHORT, "", "Hi {first_name},\n\nit's {my_name}.", "step-2-short.txt"
    )


def test_an_email_template_has_a_subject_line_then_a_blank_line() -> None:
    template = email("Subject: About {company}\n\nHi {first_name},\nthanks.\n")
    assert template.subject == "About {company}"
    assert template.body == "Hi {first_name},\nthanks."
    # The blank line may be left out, and "subject:" written in any case.
    assert email("SUBJECT:  Hello \nHi\n").subject == "Hello"
    assert email("SUBJECT:  Hello \nHi\n").body == "Hi"


def test_crlf_and_control_characters_are_cleaned_before_checking() -> None:
    template = email("\ufeffSubject: Hi\x1b[31m there\r\n\r\nLine one\r\nLine\x07 two\r\n")
    assert template.subject == "Hi there"
    assert template.body == "Line one\nLine two"


def test_the_source_is_the_file_given_else_where() -> None:
    assert short("x", where="a.txt").source == "a.txt"
    path = "/home/rep/.config/leadboard/templates/step-2-short.txt"
    assert parse_template("x", step=2, kind=ChannelKind.SHORT, where="f", source=path).source == (
        path
    )


@pytest.mark.parametrize(
    ("text", "error"),
    [
        (
            "Hi,\n\nthanks {frist_name}",
            f"step-2-short.txt line 3: unknown placeholder {{frist_name}} {KNOWN}",
        ),
        ("{lead.name}", f"step-2-short.txt line 1: unknown placeholder {{lead.name}} {KNOWN}"),
        ("{lead[0]}", f"step-2-short.txt line 1: unknown placeholder {{lead[0]}} {KNOWN}"),
        ("{}", f"step-2-short.txt line 1: unknown placeholder {{}} {KNOWN}"),
        ("{0}", f"step-2-short.txt line 1: unknown placeholder {{0}} {KNOWN}"),
        (
            "ok\n{company!r}",
            "step-2-short.txt line 2: {company!r} takes no format or conversion; write {company}",
        ),
        (
            "{company:>10}",
            "step-2-short.txt line 1: {company:>10} takes no format or conversion; write {company}",
        ),
        (
            "{signature:{first_name}}",
            "step-2-short.txt line 1: {signature:{first_name}} takes no format or conversion; "
            "write {signature}",
        ),
        ("a\nb\nc { d", "step-2-short.txt line 3: unmatched brace (write {{ or }} for a brace)"),
        ("a } b", "step-2-short.txt line 1: unmatched brace (write {{ or }} for a brace)"),
        ("{first_name", "step-2-short.txt line 1: unmatched brace (write {{ or }} for a brace)"),
        ("", "step-2-short.txt: the message is empty"),
        ("  \n\n \n", "step-2-short.txt: the message is empty"),
    ],
)
def test_a_bad_short_template_is_refused_with_its_line(text: str, error: str) -> None:
    with pytest.raises(TemplateError) as caught:
        short(text)
    assert str(caught.value) == error.replace(" for a brace)", " for a brace in the text)")


@pytest.mark.parametrize(
    ("text", "error"),
    [
        ("Hi {first_name}\n", "line 1: an email template starts with 'Subject: ...'"),
        ("\nSubject: late\n\nbody", "line 1: an email template starts with 'Subject: ...'"),
        ("Subject:   \n\nbody", "line 1: the subject is empty"),
        ("Subject: {frist_name}\n\nbody", f"line 1: unknown placeholder {{frist_name}} {KNOWN}"),
        ("Subject: ok\n\nbody {x}", f"line 3: unknown placeholder {{x}} {KNOWN}"),
        ("Subject: ok\n\n\n", ": the message is empty"),
    ],
)
def test_a_bad_email_template_is_refused_with_its_line(text: str, error: str) -> None:
    with pytest.raises(TemplateError) as caught:
        email(text)
    assert str(caught.value) == "step-2-email.txt" + ("" if error[0] == ":" else " ") + error


def test_an_error_quotes_a_hostile_placeholder_safely_and_short() -> None:
    with pytest.raises(TemplateError) as caught:
        short("{\x1b[2J" + "x" * 500 + "}")
    message = str(caught.value)
    assert "\x1b" not in message
    assert len(message) < 200
    assert "\n" not in message


def test_braces_doubled_are_literal_text() -> None:
    template = short("{{first_name}} is {first_name}; a set: {{1, 2}}")
    assert filled(template).body == "{first_name} is Emma; a set: {1, 2}"


def test_a_template_is_never_formatted_with_str_format() -> None:
    # Attribute access is what str.format would allow: refused before any fill.
    with pytest.raises(TemplateError):
        short("{first_name.__class__.__mro__}")


# -- filling --------------------------------------------------------------------


def test_every_placeholder_is_filled() -> None:
    template = email(
        "Subject: For {company}\n\n{first_name}|{company}|{next_step}|{my_name}\n{signature}"
    )
    message = fill(
        template,
        lead(company="Acme", next_step="send the quote"),
        step_name="first personal message",
        channel=Channel.EMAIL,
        my_name="Alex",
        signature="Alex Smith\nSmith & Co",
    )
    assert message == FilledMessage(
        step=2,
        step_name="first personal message",
        channel=Channel.EMAIL,
        kind=ChannelKind.EMAIL,
        subject="For Acme",
        body="Emma|Acme|send the quote|Alex\nAlex Smith\nSmith & Co",
        source="step-2-email.txt",
    )
    assert message.text() == (
        "Subject: For Acme\n\nEmma|Acme|send the quote|Alex\nAlex Smith\nSmith & Co"
    )


def test_a_short_message_is_its_body_alone() -> None:
    message = filled(short("Hi {first_name}"))
    assert message.text() == "Hi Emma"
    assert message.subject == ""


def test_empty_values_fall_back_to_words_that_read_well() -> None:
    template = short("{first_name}|{company}|{next_step}|{my_name}|{signature}")
    message = fill(
        template,
        lead(name="  "),
        step_name="x",
        channel=Channel.TEXT,
        my_name="Alex",
        signature="  \n ",
    )
    assert message.body == "there|your team|a short call|Alex|Alex"
    nobody = fill(template, lead(), step_name="x", channel=Channel.TEXT, my_name="", signature="")
    assert nobody.body.endswith("|me|me")


@pytest.mark.parametrize(
    ("name", "first"),
    [
        ("Emma Hughes", "Emma"),
        ("emma", "emma"),
        ("Dr. Jane Smith", "Jane"),
        ("Dr Jane Smith", "Jane"),
        ("MRS  Ann   Lee", "Ann"),
        ("Prof. Ada Lovelace", "Ada"),
        ("Mx Sam Taylor", "Sam"),
        ("Dr Smith", "Dr Smith"),
        ("Mr.", ""),
        ("Hughes, Emma", "Emma"),
        ("Emma Hughes, PhD", "Emma"),
        ("Drew Barry", "Drew"),
        ("山田 太郎", "山田"),
        ("שלום עליכם", "שלום"),
        ("", ""),
    ],
)
def test_the_first_name_greets_the_person(name: str, first: str) -> None:
    assert first_name(name) == first


HOSTILE = [
    "{company}",
    "{first_name.__class__}",
    "[bold]Emma[/bold]",
    "[@click=app.quit]x",
    "\x1b[31mred\x1b[0m",
    "\x1b]52;c;ZXZpbA==\x07",
    "山田 🚀 e\u0301",
    "שלום \u202eevil",
    "{{}}",
    "}{",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_lead_text_goes_in_literally_and_is_never_parsed(text: str) -> None:
    template = short("A {first_name} B {company} C {next_step}")
    message = filled(template, name=f"{text} Hughes", company=text, next_step=text)
    # Escape sequences and bidi overrides are cleaned out as on every write; the rest stays.
    kept = text.replace("\x1b[31m", "").replace("\x1b[0m", "").replace("\x1b]52;c;ZXZpbA==\x07", "")
    kept = kept.replace("\u202e", "")
    first = f"{kept} Hughes".split()[0]
    assert (
        message.body
        == f"A {first} B {kept.strip() or 'your team'} C {kept.strip() or 'a short call'}"
    )
    assert "\x1b" not in message.text()


def test_a_ten_thousand_character_next_step_is_filled_whole() -> None:
    step = "call " * 2000
    message = filled(short("Next: {next_step}."), next_step=step)
    assert message.body == f"Next: {step.strip()}."


def test_a_multi_line_signature_keeps_its_lines_but_loses_controls() -> None:
    message = fill(
        short("Best,\n{signature}"),
        lead(),
        step_name="x",
        channel=Channel.TEXT,
        my_name="Alex",
        signature="Alex\x1b[2J\r\nSmith & Co\x07",
    )
    assert message.body == "Best,\nAlex\nSmith & Co"


# -- the shipped words ------------------------------------------------------------


def test_every_default_step_has_both_kinds_and_they_parse() -> None:
    assert set(DEFAULT_TEMPLATES) == set(DEFAULT_STEPS)
    for step, name in enumerate(DEFAULT_STEPS, start=1):
        for kind in ChannelKind:
            template = default_template(step, name, kind)
            assert template.source == "default"
            assert template.step == step and template.kind is kind
    assert set(GENERIC_TEMPLATES) == set(ChannelKind)


@pytest.mark.parametrize("name", [*DEFAULT_STEPS, "a step of my own"])
def test_the_defaults_read_well_for_a_lead_with_nothing_filled_in(name: str) -> None:
    for kind in ChannelKind:
        template = default_template(1, name, kind)
        bare = fill(
            template,
            lead(name="Kim"),
            step_name=name,
            channel=Channel.TEXT,
            my_name="Alex",
            signature="",
        )
        text = bare.text()
        assert "{" not in text and "}" not in text
        assert "Kim" in text
        if kind is ChannelKind.SHORT:
            # A text or a voicemail script: short enough to read out or send.
            assert len(text) < 300, text
            assert "\n" not in text.strip()
        else:
            assert text.startswith("Subject: ")
            assert 3 <= len([line for line in bare.body.split("\n") if line]) <= 8
            assert bare.body.endswith("Best,\nAlex")


def test_each_step_says_what_it_is_for() -> None:
    words = {name: DEFAULT_TEMPLATES[name][ChannelKind.EMAIL].lower() for name in DEFAULT_STEPS}
    assert "thanks" in words["confirmation"]
    assert "?" in words["first personal message"]
    assert "goal" in words["reminder tied to their goal"]
    assert "one question" in words["objection handling"]
    assert "no" in words["final clear next step"] and "yes" in words["final clear next step"]
    for name in DEFAULT_STEPS:
        for kind in ChannelKind:
            assert "{first_name}" in DEFAULT_TEMPLATES[name][kind]
        assert "{signature}" in DEFAULT_TEMPLATES[name][ChannelKind.EMAIL]


def test_a_default_is_found_by_name_in_any_case_and_spacing() -> None:
    expected = DEFAULT_TEMPLATES["objection handling"][ChannelKind.SHORT]
    assert default_text("  Objection   Handling ", ChannelKind.SHORT) == expected
    assert default_text("check in", ChannelKind.EMAIL) == GENERIC_TEMPLATES[ChannelKind.EMAIL]


def test_the_placeholders_are_the_five_of_the_issue() -> None:
    assert PLACEHOLDERS == ("first_name", "company", "next_step", "my_name", "signature")


def test_a_subject_stays_one_line_with_a_multi_line_signature() -> None:
    message = fill(
        email("Subject: From {signature}\n\nHi"),
        lead(),
        step_name="x",
        channel=Channel.EMAIL,
        my_name="Alex",
        signature="Alex\nSmith & Co",
    )
    assert message.subject == "From Alex Smith & Co"
    assert message.text().split("\n")[:2] == ["Subject: From Alex Smith & Co", ""]
