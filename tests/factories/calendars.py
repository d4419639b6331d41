"""Reading iCalendar text as a calendar client does, to check what the apps send."""

from __future__ import annotations


def unfold(text: str) -> list[str]:
    """Parse content lines as a calendar client would: CRLF-separated, continuation lines start with a space."""
    assert text.endswith("\r\n")
    raw = text[:-2].split("\r\n")
    lines: list[str] = []
    for line in raw:
        if line.startswith(" "):
            lines[-1] += line[1:]
        else:
            lines.append(line)
    return lines


def properties(text: str) -> dict[str, str]:
    return {line.split(":", 1)[0]: line.split(":", 1)[1] for line in unfold(text)}
