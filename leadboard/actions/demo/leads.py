"""The demo's leads, touches and moves as records by column name, made from epoch seconds."""

from __future__ import annotations

import random
import time
from bisect import bisect
from collections.abc import Callable
from typing import Any

from pendulum import DateTime

from leadboard.actions.demo import words
from leadboard.actions.demo.dues import CadenceDues
from leadboard.actions.demo.pools import ContactKind, DemoPools, cumulative
from leadboard.domain.dates import from_utc_text, to_utc_text
from leadboard.domain.followup import Policy, due_for_new_lead
from leadboard.domain.identity import email_key, phone_key
from leadboard.domain.model import TEMPERATURES, Source, Status

Record = dict[str, Any]
"""A row by column name, as store.bulk.BulkWriter takes it."""

_DAY = 86_400
_HISTORY_DAYS = 275  # about nine months of leads
_OVERDUE = (0.18, 0.20, 0.22, 0.30)  # chance an active lead of each rank is overdue
_LAG_DAYS = (40, 25, 10, 3)  # how far past due an overdue lead of each rank may be
_PROMISE_DAYS = (21, 14, 10, 2)

# Sources and statuses in the enums' order, which the weight tables below follow.
_SOURCES = tuple(source.value for source in Source)
_SOURCE_WEIGHTS = (18, 14, 20, 10, 22, 10, 6)
# Per source: temperature weights (cold..hot), then status weights (active, won, lost, inactive).
_BY_SOURCE = (
    ((2, 13, 50, 35), (82, 12, 4, 2)),
    ((5, 30, 40, 25), (84, 8, 5, 3)),
    ((20, 50, 20, 10), (85, 5, 6, 4)),
    ((15, 40, 30, 15), (85, 6, 5, 4)),
    ((70, 28, 2, 0), (87, 1.5, 5, 6.5)),
    ((25, 50, 18, 7), (86, 4, 5, 5)),
    ((30, 45, 17, 8), (86, 4, 5, 5)),
)
_STATUSES = tuple(status.value for status in Status)  # active, won, lost, inactive


def _deal(lead_id: int, rank: int) -> Record:
    """A demo lead's deal value (minor units) and tags, from its id alone.

    A hash of the id, not the random stream: leads made before values existed keep
    every other field they had.
    """
    mixed = (lead_id * 2654435761) % 2**32
    value = None
    if mixed % 10 < 7:
        value = ((mixed >> 4) % 60 + 2) * (2 + rank) // 2 * 500 * 100
    picks = mixed >> 12
    tags = ""
    if picks % 5 < 2:
        chosen = {words.TAGS[(picks >> 3) % len(words.TAGS)]}
        if picks % 5 == 0:
            chosen.add(words.TAGS[(picks >> 7) % len(words.TAGS)])
        tags = " ".join(sorted(chosen))
    return {"value": value, "tags": tags}


class DemoLeads:
    """Makes batches of demo records; the follow-up rules decide every due date."""

    def __init__(
        self, rng: random.Random, now: DateTime, policy: Policy, owners: tuple[str, ...] = ("",)
    ) -> None:
        self.rng = rng
        self.policy = policy
        self.owners = owners
        """Who follows the leads up, in turn by id (not by chance: the leads stay the same)."""
        cadence = tuple(policy.cadence_days(temp) * _DAY for temp in TEMPERATURES)
        # Contacts fall in the rep's working hours; today's offset is close enough all year.
        offset = now.in_tz(policy.tz).utcoffset()
        zone = int(offset.total_seconds()) if offset is not None else 0
        epoch = int(now.timestamp())
        earliest = epoch - _HISTORY_DAYS * _DAY
        self.when = (epoch, earliest, cadence, zone)
        self.pools = DemoPools(rng)
        self.source_totals = cumulative(_SOURCE_WEIGHTS)
        self.by_source = [(cumulative(t), cumulative(s)) for t, s in _BY_SOURCE]
        # Times become text by table lookup: a day's "YYYY-MM-DDT" plus a second's "HH:MM:SSZ".
        reach = max(cadence) + 60 * _DAY
        self.first_day = (min(earliest, epoch - reach) - 60 * _DAY) // _DAY
        last_day = (epoch + reach) // _DAY
        self.days = [
            time.strftime("%Y-%m-%dT", time.gmtime(day * _DAY))
            for day in range(self.first_day, last_day + 1)
        ]
        self.seconds = [
            f"{hour:02d}:{minute:02d}:{second:02d}Z"
            for hour in range(24)
            for minute in range(60)
            for second in range(60)
        ]
        self.dues = CadenceDues(policy, self.first_day, last_day)

    def text(self, moment: int) -> str:
        """Storage text of a moment in epoch seconds (domain.dates.to_utc_text, by table)."""
        return self.days[moment // _DAY - self.first_day] + self.seconds[moment % _DAY]

    def batch(self, first_id: int, size: int) -> tuple[list[Record], list[Record], list[Record]]:
        """Lead, contact and temperature-change records for `size` leads from `first_id` on."""
        r, bits, (now, _, _, zone) = self.rng.random, self.rng.getrandbits, self.when
        pools, due_after = self.pools, self.dues.due
        days, seconds, first_day = self.days, self.seconds, self.first_day

        def text(moment: int) -> str:
            # self.text, inlined: this runs millions of times for a big demo.
            return days[moment // _DAY - first_day] + seconds[moment % _DAY]

        today = now - (now + zone) % _DAY  # the rep's midnight
        # Before 07:00 the day's moments go to the evening before, after its 19:00.
        morning = today + 7 * 3600 if now - today >= 7 * 3600 else today - 5 * 3600
        squeeze = (now - morning) / max(now - today, 1)

        def working(moment: int) -> int:
            # Into the rep's working hours, keeping order: 00:00..24:00 -> 07:00..19:00,
            # and today's moments squeezed into morning..now so none lands after now.
            if moment >= today:
                return morning + int((moment - today) * squeeze)
            second = (moment + zone) % _DAY
            return moment - second + 25_200 + (second >> 1)

        source_totals, by_source, scores = self.source_totals, self.by_source, pools.scores
        referrers, preferred = pools.referrers, pools.preferred
        leads: list[Record] = []
        contacts: list[Record] = []
        changes: list[Record] = []
        for lead_id in range(first_id, first_id + size):
            source = bisect(source_totals, r() * source_totals[-1])
            temp_totals, status_totals = by_source[source]
            rank = bisect(temp_totals, r() * temp_totals[-1])
            status = bisect(status_totals, r() * status_totals[-1])
            # Customers were mostly hot when they bought; lost and lapsed leads had cooled.
            if status == 1 and rank < 3 and r() < 0.6:
                rank += 1
            elif status > 1 and rank > 0 and r() < 0.4:
                rank -= 1

            name, company, title, email, phone, notes, kind = pools.identity()
            steps = pools.steps[kind]
            fit, interest, readiness, score = scores[rank][bits(6)]
            referred_by = referrers[int(r() * len(referrers))] if source == 0 else ""

            # Raw moments first (uniform, at or before now), then moved into working hours.
            created, end, kinds = self._timeline(status, rank)
            count = len(kinds)
            if count > 1:
                # The first touch comes soon after the lead arrives: speed matters most.
                opening = created + int(min(r() * r() * 2 * _DAY, (end - created) / 2))
                middle = sorted([opening + int(r() * (end - opening)) for _ in range(count - 2)])
                moments = [working(opening), *[working(m) for m in middle], working(end)]
            else:
                moments = [working(end)] if count else []
            created_text = text(working(created))
            step = 1
            for contact_kind in kinds:
                step = contact_kind[4][step]

            promised = 0
            due_text = won_text = lost_text = inactive_text = last_text = None
            lost_reason = ""
            updated = moments[-1] if count else working(created)
            # Closed leads are never due (domain.followup.with_status): due_text stays None.
            if status == 0:
                next_step = steps[int(r() * len(steps))]
                if count:
                    due = due_after(updated, rank)
                    if r() < 0.05:
                        # A date promised to the lead: a round hour on a nearby day.
                        day = today + (int(r() * (_PROMISE_DAYS[rank] + 2)) - 1) * _DAY
                        promise = day + (9, 10, 14, 16)[bits(2)] * 3600
                        if promise > updated:
                            due, promised = promise, 1
                    due_text = text(due)
                else:
                    due_text = to_utc_text(due_for_new_lead(from_utc_text(created_text)))
            elif status == 1:
                next_step = words.WON_STEPS[bits(2)]
                won_text = text(updated)
            elif status == 2:
                next_step = ""
                lost_reason = words.LOST_REASONS[int(r() * len(words.LOST_REASONS))]
                lost_text = text(updated)
            else:
                next_step = "Try again next season" if r() < 0.5 else ""
                updated = working(min(now, end + int(r() * 10 * _DAY)))
                inactive_text = text(updated)

            if count:
                final = count - 1
                for index in range(final):
                    # text() inlined: this loop runs millions of times for a big demo.
                    at = moments[index]
                    due = due_after(at, rank)
                    channel, direction, outcome, said, _ = kinds[index]
                    contacts.append({
                        "lead_id": lead_id,
                        "at": days[at // _DAY - first_day] + seconds[at % _DAY],
                        "channel": channel, "direction": direction, "outcome": outcome,
                        "note": said[int(r() * len(said))],
                        "next_step": steps[int(r() * len(steps))],
                        "next_due": days[due // _DAY - first_day] + seconds[due % _DAY],
                        "session_id": None,
                    })  # fmt: skip
                last_text = text(moments[final])
                channel, direction, outcome, said, _ = kinds[final]
                contacts.append({
                    "lead_id": lead_id, "at": last_text, "channel": channel,
                    "direction": direction, "outcome": outcome,
                    "note": said[int(r() * len(said))], "next_step": next_step,
                    "next_due": due_text, "session_id": None,
                })  # fmt: skip
                if r() < 0.3:
                    start, moved = self._moves(lead_id, rank, created, end, working)
                    changes.append(_change(lead_id, created_text, None, start))
                    changes += moved
                else:
                    changes.append(_change(lead_id, created_text, None, rank))
            else:
                changes.append(_change(lead_id, created_text, None, rank))

            leads.append({
                "id": lead_id, "name": name, "company": company, "title": title,
                "email": email, "phone": phone,
                "email_key": email_key(email), "phone_key": phone_key(phone),
                "preferred_channel": preferred[int(r() * len(preferred))],
                "source": _SOURCES[source], "referred_by": referred_by, "temperature": rank,
                "status": _STATUSES[status], "fit": fit, "interest": interest,
                "readiness": readiness, "score": score, "next_step": next_step,
                "next_due": due_text, "promised": promised, "sequence_step": step,
                "notes": notes, "owner": self.owners[lead_id % len(self.owners)],
                "lost_reason": lost_reason, "version": 1, **_deal(lead_id, rank),
                "created_at": created_text, "updated_at": text(updated),
                "last_contact": last_text, "won_at": won_text, "lost_at": lost_text,
                "inactive_at": inactive_text,
            })  # fmt: skip
        return leads, contacts, changes

    def _timeline(self, status: int, rank: int) -> tuple[int, int, list[ContactKind]]:
        """When a lead arrived, when it was last touched, and its touches in order."""
        r = self.rng.random
        now, earliest, cadence, _ = self.when
        active = self.pools.active_kinds
        if status == 0:
            new = r()
            if new < 0.04:
                # Just arrived and not yet touched: due the moment it came in.
                created = now - int(r() * 3 * _DAY)
                return created, created, []
            cad = cadence[rank]
            if new < 0.04 + _OVERDUE[rank]:
                end = now - cad - 600 - int(r() * r() * _LAG_DAYS[rank] * _DAY)
            else:
                end = now - int(r() * cad)
            created = end - int(r() * max(end - earliest, 0))
            count = 1 + min(7, int(r() * r() * (2 + (end - created) / (20 * _DAY))))
            return created, end, [active[int(r() * len(active))] for _ in range(count)]
        end = now - _DAY // 2 - int(r() * (_HISTORY_DAYS - 2) * _DAY)
        if status == 3:
            # Five silent touches take weeks, so the lead is older than that.
            created = end - 20 * _DAY - int(r() * max(end - 20 * _DAY - earliest, 0))
            silent = self.pools.silent_kinds
            kinds = [active[int(r() * len(active))] for _ in range(int(r() * r() * 4))]
            return created, end, kinds + [silent[int(r() * len(silent))] for _ in range(5)]
        created = end - int(r() * (end - earliest))
        count = 1 + min(7, int(r() * r() * (2 + (end - created) / (20 * _DAY))))
        kinds = [active[int(r() * len(active))] for _ in range(count - 1)]
        closing = self.pools.won_kinds if status == 1 else self.pools.lost_kinds
        return created, end, [*kinds, closing[int(r() * len(closing))]]

    def _moves(
        self, lead_id: int, rank: int, created: int, end: int, working: Callable[[int], int]
    ) -> tuple[int, list[Record]]:
        """One or two moves before the last touch that end at the lead's temperature."""
        r = self.rng.random
        count = 1 if r() < 0.7 else 2
        way = 1 if r() < 0.6 else -1  # warming is more common than cooling
        start = rank - way * count
        if not 0 <= start <= 3:
            way, start = -way, rank + way * count
        moves: list[Record] = []
        temp = start
        for moment in sorted([created + int(r() * (end - created)) for _ in range(count)]):
            moves.append(_change(lead_id, self.text(working(moment)), temp, temp + way))
            temp += way
        return start, moves


def _change(lead_id: int, at: str, before: int | None, after: int) -> Record:
    """A temperature-change record (temperatures as ranks; `before` None at creation)."""
    return {"lead_id": lead_id, "at": at, "from_temp": before, "to_temp": after}
