"""A lead drawn as a few Strips of hand-built Segments: no markup ever touches user text."""

from __future__ import annotations

import functools
from dataclasses import dataclass

from pendulum import DateTime
from rich.segment import Segment
from rich.style import Style
from textual.strip import Strip

from leadboard.domain.followup import SEQUENCE_DONE, due_words, is_due_today, is_overdue
from leadboard.domain.model import Lead, Status
from leadboard.domain.money import DEFAULT_CURRENCY, Currency, format_value
from leadboard.domain.tags import shown_tags
from leadboard.domain.text import cell_text, cell_width, fit_width
from leadboard.domain.validation import email_problem, phone_problem

CARD_HEIGHT = 5
"""Lines per card: four of text and one gap."""

NAME_CELLS = 12
"""The least of a lead's name a card keeps before it gives up showing the deal value."""

OWNER_CELLS = 12
"""The most of an owner's name a card shows (a team's board, everyone's leads)."""


@dataclass(frozen=True)
class CardStyles:
    """Rich styles for the parts of a card, taken from the column's component classes."""

    base: Style
    selected: Style
    marker: Style
    name: Style
    dim: Style
    overdue: Style
    today: Style
    score: Style

    @property
    def unselected(self) -> tuple[Style, ...]:
        """The styles a card off the cursor is drawn in (selection and marker left out)."""
        return (self.base, self.name, self.dim, self.overdue, self.today, self.score)


def _line(parts: list[tuple[str, Style]], width: int, fill: Style) -> Strip:
    """One card line from (text, style) parts, cut or padded to `width` cells."""
    segments = [Segment(text, style) for text, style in parts if text]
    return Strip(segments).adjust_cell_length(width, fill)


def _left_right(left: str, right: str, width: int) -> tuple[str, str]:
    """Fit a left text and a right-aligned text into `width` cells, cutting the left first."""
    right_w = cell_width(right)
    if right_w + 1 >= width:
        return fit_width(left, width), ""
    return fit_width(left, width - right_w - 1) + " ", right


@functools.lru_cache(maxsize=4096)
def unreachable(email: str, phone: str) -> str:
    """'email?', 'phone?' or both for an email or phone that does not look like one, else ''.

    Remembered per (email, phone): a card is drawn often, the check is done once per lead.
    """
    marks = ("email?" if email_problem(email) else "", "phone?" if phone_problem(phone) else "")
    return " ".join(mark for mark in marks if mark)


def due_label(lead: Lead, now: DateTime, tz: str = "UTC") -> str:
    """'3 days overdue', 'due in 2h', 'due now' or 'promised: due in 3 days'."""
    if lead.next_due is None:
        return lead.status.value
    words = due_words(lead, now, tz)
    return f"promised, {words}" if lead.promised else words


def card_strips(
    lead: Lead,
    width: int,
    now: DateTime,
    tz: str,
    styles: CardStyles,
    *,
    selected: bool,
    focused: bool = True,
    owner: bool = False,
    sequence_done: int = SEQUENCE_DONE,
    currency: Currency = DEFAULT_CURRENCY,
) -> list[Strip]:
    """The CARD_HEIGHT lines of one card, `width` cells wide; `owner` names whose it is."""
    fill = styles.selected if selected else styles.base
    inner = max(width - 2, 1)

    def styled(style: Style) -> Style:
        # Parts keep their colours on the card's (or the selection's) background.
        return fill + style

    # The marker shows the cursor without colour too (NO_COLOR, 16 colours).
    marker = (" ", fill)
    if selected:
        marker = ("▌" if focused else "▏", styles.marker + fill)
    # cell_text, not printable: a zero-width joiner measured one way by Rich and
    # drawn another by the terminal would push the card's right edge off.
    score = f"{lead.score}/9"
    if lead.value is not None:
        valued = f"{format_value(lead.value, currency, compact=True)} {score}"
        # The name comes first: a narrow column drops the value before cutting the name short.
        if inner - cell_width(valued) - 1 >= min(cell_width(lead.name), NAME_CELLS):
            score = valued
    name, score = _left_right(cell_text(lead.name), score, inner)
    company = cell_text(lead.company)
    channel = lead.preferred_channel.value if lead.preferred_channel else ""
    second = " · ".join(
        part
        for part in (company, channel, unreachable(lead.email, lead.phone), shown_tags(lead.tags))
        if part
    )
    whose = cell_text(lead.owner) if owner else ""
    if whose:
        # At the right of the second line, cut short: a long name never pushes the company off.
        whose = fit_width(whose, min(OWNER_CELLS, cell_width(whose)))
        second = "".join(_left_right(second, whose, inner))
    step = "> " + (cell_text(lead.next_step) or "no next step set")
    if lead.status is not Status.ACTIVE:
        # A closed lead has no next step to take: the card says how it ended instead.
        reason = cell_text(lead.lost_reason) if lead.status is Status.LOST else ""
        step = f"{lead.status.value}: {reason}" if reason else lead.status.value
    due_style = styles.dim
    if is_overdue(lead, now, tz):
        due_style = styles.overdue
    elif is_due_today(lead.next_due, now, tz):
        due_style = styles.today
    sequence = "seq done" if lead.sequence_step >= sequence_done else f"step {lead.sequence_step}"
    due_text = due_label(lead, now, tz)
    if cell_width(due_text) + cell_width(sequence) + 1 > inner:
        # When both cannot fit, how late the lead is matters more than the step.
        due, seq = fit_width(due_text, inner), ""
    else:
        due, seq = _left_right(due_text, sequence, inner)
    return [
        _line([marker, (name, styled(styles.name)), (score, styled(styles.score))], width, fill),
        _line([marker, (fit_width(second, inner), styled(styles.dim))], width, fill),
        _line([marker, (fit_width(step, inner), fill)], width, fill),
        _line([marker, (due, styled(due_style)), (seq, styled(styles.dim))], width, fill),
        Strip.blank(width, styles.base),
    ]
