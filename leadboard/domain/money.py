"""Deal values: one currency per rep, amounts as whole minor units (cents), never floats."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation


@dataclass(frozen=True, slots=True)
class Currency:
    """An ISO 4217 currency: its code, the symbol a card shows, and its minor-unit digits."""

    code: str
    symbol: str
    digits: int = 2
    symbol_after: bool = False

    @property
    def per_unit(self) -> int:
        """Minor units in one whole unit (100 cents in a euro, 1 yen in a yen)."""
        return int(10**self.digits)


CURRENCIES = {
    currency.code: currency
    for currency in (
        Currency("EUR", "€"),
        Currency("USD", "$"),
        Currency("GBP", "£"),
        Currency("CHF", "CHF "),
        Currency("JPY", "¥", 0),
        Currency("CNY", "¥"),
        Currency("INR", "₹"),
        Currency("CAD", "CA$"),
        Currency("AUD", "A$"),
        Currency("NZD", "NZ$"),
        Currency("SEK", " kr", symbol_after=True),
        Currency("NOK", " kr", symbol_after=True),
        Currency("DKK", " kr", symbol_after=True),
        Currency("PLN", " zł", symbol_after=True),
        Currency("CZK", " Kč", symbol_after=True),
        Currency("BRL", "R$"),
        Currency("MXN", "MX$"),
        Currency("ZAR", "R "),
        Currency("SGD", "S$"),
        Currency("HKD", "HK$"),
        Currency("KRW", "₩", 0),
        Currency("ILS", "₪"),
        Currency("TRY", "₺"),
        Currency("AED", "AED "),
    )
}
"""The currencies a config may name; another ISO code shows as its code ('XYZ 1,200')."""

DEFAULT_CURRENCY = CURRENCIES["EUR"]

MAX_VALUE_UNITS = 10**12
"""The largest deal, in whole units: more is a typing slip (and sums stay in 64 bits)."""


def currency_for(code: str) -> Currency:
    """The currency of a three-letter ISO code (any case); ValueError for anything else."""
    upper = code.strip().upper()
    if upper in CURRENCIES:
        return CURRENCIES[upper]
    if re.fullmatch(r"[A-Z]{3}", upper):
        return Currency(upper, f" {upper}", symbol_after=True)
    raise ValueError(f"currency must be a three-letter code such as EUR or USD, not {code!r}")


_SUFFIXES = {"k": Decimal(1_000), "m": Decimal(1_000_000), "bn": Decimal(1_000_000_000)}
_AMOUNT = re.compile(r"(?P<number>[0-9][0-9.,' ]*)\s*(?P<suffix>k|m|bn)?", re.IGNORECASE)
_NOISE = re.compile(r"[^\d.,' kmbn-]", re.IGNORECASE)


def _decimal_text(number: str) -> str:
    """'42,300.50' / '42.300,50' / "42'300" / '1,5' as '42300.50' / '42300.50' / '42300' / '1.5'."""
    number = number.replace(" ", "").replace("'", "")
    commas, dots = number.count(","), number.count(".")
    if commas and dots:
        # Both: the one that comes last separates the decimals.
        decimal = "," if number.rfind(",") > number.rfind(".") else "."
        thousands = "." if decimal == "," else ","
        return number.replace(thousands, "").replace(decimal, ".")
    mark = "," if commas else "." if dots else ""
    if not mark:
        return number
    head, _, tail = number.rpartition(mark)
    if number.count(mark) > 1 or (len(tail) == 3 and head.replace(mark, "").isdigit()):
        return number.replace(mark, "")  # 42,300 and 1.234.567 group thousands
    return f"{head}.{tail}"


def parse_value(text: str, currency: Currency = DEFAULT_CURRENCY) -> int | None:
    """A typed or imported amount as minor units; '' is None. ValueError says what is wrong.

    Takes '42300', '42,300', '€42,300.50', '42.300,50 €', 'EUR 1200', '12k', '1.5m'.
    A three-digit group after one separator is thousands ('1,500' is 1500), as people
    write amounts; '1,5' is one and a half.
    """
    raw = text.strip()
    if not raw:
        return None
    shown = raw if len(raw) <= 30 else raw[:29] + "…"
    cleaned = raw.replace(currency.code, "").replace(currency.code.lower(), "")
    cleaned = _NOISE.sub("", cleaned).strip()
    if cleaned.startswith("-"):
        raise ValueError(f"a deal value cannot be negative: {shown!r}")
    match = _AMOUNT.fullmatch(cleaned)
    if match is None:
        raise ValueError(f"not an amount: {shown!r} (write it as 42300, 42,300.50 or 12k)")
    try:
        amount = Decimal(_decimal_text(match["number"]))
    except InvalidOperation:
        raise ValueError(f"not an amount: {shown!r} (write it as 42300 or 12k)") from None
    if match["suffix"]:
        amount *= _SUFFIXES[match["suffix"].lower()]
    if amount >= MAX_VALUE_UNITS:
        raise ValueError(f"{shown!r} is more than any deal (under {MAX_VALUE_UNITS:,})")
    minor = amount * currency.per_unit
    if minor != minor.to_integral_value():
        if not currency.digits:
            raise ValueError(f"{shown!r}: {currency.code} amounts are whole numbers")
        raise ValueError(f"{shown!r} has more decimals than {currency.code}'s {currency.digits}")
    return int(minor)


def format_value(
    minor: int, currency: Currency = DEFAULT_CURRENCY, *, compact: bool = False
) -> str:
    """Minor units as the rep reads them: '€42,300', '€42,300.50'; compact: '€1.2M', '€42.3k'."""
    whole, part = divmod(minor, currency.per_unit)
    if compact and whole >= 10_000:
        # A column's total must fit its title: three figures and a size are enough.
        size, mark = next(s for s in ((10**9, "bn"), (10**6, "M"), (10**3, "k")) if whole >= s[0])
        number = f"{Decimal(whole) / size:.1f}".removesuffix(".0")
        return _with_symbol(number + mark, currency)
    number = f"{whole:,}"
    if part and not compact:
        number += f".{part:0{currency.digits}d}"
    return _with_symbol(number, currency)


def _with_symbol(number: str, currency: Currency) -> str:
    return f"{number}{currency.symbol}" if currency.symbol_after else f"{currency.symbol}{number}"


def decimal_text(minor: int | None, currency: Currency = DEFAULT_CURRENCY) -> str | None:
    """Minor units as a plain decimal string for JSON and CSV ('42300.50'), None when unset."""
    if minor is None:
        return None
    if currency.digits == 0:
        return str(minor)
    whole, part = divmod(minor, currency.per_unit)
    return f"{whole}.{part:0{currency.digits}d}"


def shown_value(minor: int | None, currency: Currency = DEFAULT_CURRENCY) -> str:
    """A deal value as a detail line shows it ('€42,300.50'), '' when there is none."""
    return "" if minor is None else format_value(minor, currency)
