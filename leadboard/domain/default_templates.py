"""The words leadboard ships for each step of the default sequence, as template files read."""

from __future__ import annotations

# Each text is a template file as the rep would write it (see domain.templates):
# an email starts with its Subject line. {next_step} always follows a colon, so a
# rep's "send the quote" and the fallback for none both read as a sentence.

DEFAULT_TEXTS: dict[str, dict[str, str]] = {
    "confirmation": {
        "short": (
            "Hi {first_name}, it's {my_name}. Thanks for getting in touch: I have your "
            "request and I'm on it. Next: {next_step}. How would you like me to follow up: "
            "call, text or email?\n"
        ),
        "email": (
            "Subject: Thanks for getting in touch\n"
            "\n"
            "Hi {first_name},\n"
            "\n"
            "Thanks for reaching out: I have your request and I'm already on it.\n"
            "What happens next: {next_step}.\n"
            "How would you like me to follow up: call, text or email? Whatever suits you.\n"
            "\n"
            "Best,\n"
            "{signature}\n"
        ),
    },
    "first personal message": {
        "short": (
            "Hi {first_name}, {my_name} here. I've been thinking about what you need for "
            "{company}. One question so I get it right: what matters most to you, and by "
            "when? Then next: {next_step}.\n"
        ),
        "email": (
            "Subject: A quick question about your plans\n"
            "\n"
            "Hi {first_name},\n"
            "\n"
            "I've been thinking about what you told me you need for {company}.\n"
            "So I get it right: what matters most to you, and by when?\n"
            "Once I know, the next step I suggest: {next_step}.\n"
            "\n"
            "Best,\n"
            "{signature}\n"
        ),
    },
    "reminder tied to their goal": {
        "short": (
            "Hi {first_name}, {my_name} here. Checking in on your plans for {company}: is "
            "the goal still the same? If so, next: {next_step}. Happy to fit around your "
            "timing.\n"
        ),
        "email": (
            "Subject: Still on track for your goal?\n"
            "\n"
            "Hi {first_name},\n"
            "\n"
            "A quick reminder, as I know you have a goal in mind for {company}.\n"
            "If it still stands, the next step I suggest: {next_step}.\n"
            "If things have changed, tell me and I'll adjust.\n"
            "\n"
            "Best,\n"
            "{signature}\n"
        ),
    },
    "objection handling": {
        "short": (
            "Hi {first_name}, {my_name} here. Thanks for being straight with me about your "
            "concern: it's a fair one and I'd like to answer it properly. One question: what "
            "would need to be true for this to work for you?\n"
        ),
        "email": (
            "Subject: About your concern\n"
            "\n"
            "Hi {first_name},\n"
            "\n"
            "Thank you for telling me what's holding you back: it's a fair point.\n"
            "I'd rather answer it properly than guess, so one question:\n"
            "what would need to be true for this to work for you?\n"
            "If it helps, the next step I suggest: {next_step}.\n"
            "\n"
            "Best,\n"
            "{signature}\n"
        ),
    },
    "final clear next step": {
        "short": (
            "Hi {first_name}, {my_name} here, one last note from me. The one step I suggest: "
            "{next_step}. Is that a yes? If now isn't the time, just say no and I'll stop "
            "following up, no hard feelings.\n"
        ),
        "email": (
            "Subject: One last question\n"
            "\n"
            "Hi {first_name},\n"
            "\n"
            "I don't want to crowd your inbox, so this is my last follow-up for now.\n"
            "The one step I suggest: {next_step}.\n"
            "Is that a yes? If not, a simple no is fine and I'll stop following up.\n"
            "\n"
            "Best,\n"
            "{signature}\n"
        ),
    },
}
"""Keyed by the default step names of domain.sequence, then by channel kind."""

GENERIC_TEXTS: dict[str, str] = {
    "short": (
        "Hi {first_name}, {my_name} here, following up. Next: {next_step}. Does that still "
        "work for you?\n"
    ),
    "email": (
        "Subject: Following up\n"
        "\n"
        "Hi {first_name},\n"
        "\n"
        "Following up on our conversation.\n"
        "The next step I suggest: {next_step}.\n"
        "Does that still work for you?\n"
        "\n"
        "Best,\n"
        "{signature}\n"
    ),
}
"""For a step the rep named themselves and wrote no file for."""
