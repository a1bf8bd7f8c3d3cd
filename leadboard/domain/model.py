"""Plain data of the domain: temperatures, statuses, channels, outcomes, leads, contacts."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from pendulum import DateTime

# SCORE_PART_MAX is re-exported: the lead form still reads it from here.
from leadboard.domain.scoring import SCORE_PART_MAX as SCORE_PART_MAX
from leadboard.domain.scoring import score_from_parts


class Temperature(StrEnum):
    """How ready a lead is to buy; the board's columns, coldest first."""

    COLD = "cold"
    COOL = "cool"
    WARM = "warm"
    HOT = "hot"

    @property
    def rank(self) -> int:
        """0 for cold up to 3 for hot."""
        return TEMPERATURES.index(self)

    @classmethod
    def from_rank(cls, rank: int) -> Temperature:
        """The temperature at a rank (0 cold .. 3 hot)."""
        return TEMPERATURES[rank]

    def hotter(self) -> Temperature | None:
        """One step hotter, or None when already hot."""
        return TEMPERATURES[self.rank + 1] if self.rank < 3 else None

    def colder(self) -> Temperature | None:
        """One step colder, or None when already cold."""
        return TEMPERATURES[self.rank - 1] if self.rank > 0 else None


TEMPERATURES: tuple[Temperature, ...] = (
    Temperature.COLD,
    Temperature.COOL,
    Temperature.WARM,
    Temperature.HOT,
)


class Status(StrEnum):
    """Where a lead stands; only active leads sit in the columns."""

    ACTIVE = "active"
    WON = "won"
    LOST = "lost"
    INACTIVE = "inactive"


class Channel(StrEnum):
    """How a contact was made."""

    CALL = "call"
    EMAIL = "email"
    TEXT = "text"
    VOICEMAIL = "voicemail"
    POSTCARD = "postcard"
    SOCIAL = "social"
    VIDEO = "video"
    MEETING = "meeting"
    OTHER = "other"


class Direction(StrEnum):
    """Who reached out: we did (out) or they did (in)."""

    OUT = "out"
    IN = "in"

    @property
    def arrow(self) -> str:
        """'->' or '<-': ASCII, as some terminals draw arrow characters two cells wide."""
        return "->" if self is Direction.OUT else "<-"


class Outcome(StrEnum):
    """What came of a contact."""

    NO_ANSWER = "no_answer"
    LEFT_MESSAGE = "left_message"
    REPLIED = "replied"
    TALKED = "talked"
    MEETING_BOOKED = "meeting_booked"
    OBJECTION = "objection"
    NOT_INTERESTED = "not_interested"
    WON = "won"
    LOST = "lost"

    @property
    def label(self) -> str:
        """Human words: 'meeting booked'."""
        return self.value.replace("_", " ")


class Source(StrEnum):
    """Where a lead came from."""

    REFERRAL = "referral"
    INQUIRY = "inquiry"
    WEBSITE = "website"
    EVENT = "event"
    PURCHASED_LIST = "purchased_list"
    SOCIAL = "social"
    OTHER = "other"


NAME_MAX = 200
"""Longest lead name accepted; longer names are a paste accident, not a name."""


@dataclass(frozen=True, slots=True)
class Lead:
    """A person or company we are following up; times are UTC pendulum DateTimes."""

    name: str
    created_at: DateTime
    id: int | None = None
    company: str = ""
    title: str = ""
    email: str = ""
    phone: str = ""
    preferred_channel: Channel | None = None
    source: Source | None = None
    referred_by: str = ""
    temperature: Temperature = Temperature.COOL
    status: Status = Status.ACTIVE
    fit: int = 0
    interest: int = 0
    readiness: int = 0
    next_step: str = ""
    next_due: DateTime | None = None
    promised: bool = False
    sequence_step: int = 1
    notes: str = ""
    owner: str = ""
    lost_reason: str = ""
    value: int | None = None
    """The deal's value in minor units of the rep's currency (domain.money), None when unknown."""
    tags: tuple[str, ...] = ()
    """Lowercase labels, sorted (domain.tags)."""
    updated_at: DateTime | None = None
    last_contact: DateTime | None = None
    won_at: DateTime | None = None
    lost_at: DateTime | None = None
    inactive_at: DateTime | None = None
    version: int = 1
    """Counts the lead's saves: a save made from an older version is refused (no lost update)."""

    @property
    def score(self) -> int:
        """Fit + interest + readiness, 0..9 (domain.scoring.score_from_parts)."""
        return score_from_parts(self.fit, self.interest, self.readiness)


@dataclass(frozen=True, slots=True)
class Contact:
    """One logged touch with a lead."""

    lead_id: int
    at: DateTime
    channel: Channel
    outcome: Outcome
    direction: Direction = Direction.OUT
    note: str = ""
    next_step: str = ""
    next_due: DateTime | None = None
    id: int | None = None


@dataclass(frozen=True, slots=True)
class TemperatureChange:
    """A lead moved from one temperature to another (or was created at one)."""

    lead_id: int
    at: DateTime
    to_temp: Temperature
    from_temp: Temperature | None = None


LEAD_MOMENTS = (
    "next_due",
    "created_at",
    "updated_at",
    "last_contact",
    "won_at",
    "lost_at",
    "inactive_at",
)
"""The Lead fields that are moments (UTC DateTimes), in the order files and reports name them."""


@dataclass(slots=True)
class LeadDraft:
    """The fields a rep types for a new or edited lead, before validation."""

    name: str
    company: str = ""
    title: str = ""
    email: str = ""
    phone: str = ""
    preferred_channel: Channel | None = None
    source: Source | None = None
    referred_by: str = ""
    temperature: Temperature = Temperature.COOL
    fit: int = 0
    interest: int = 0
    readiness: int = 0
    next_step: str = ""
    next_due: DateTime | None = None
    promised: bool = False
    notes: str = ""
    owner: str = ""
    value: int | None = None
    tags: tuple[str, ...] = ()
