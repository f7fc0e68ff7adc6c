"""Every output format a command writes, in one registry: the CLI reads its choices here.

Stdlib only, so the CLI can build its ``--format`` help without loading any writer.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal, get_args

#: What ``coprod report`` writes: HTML, PDF, or both side by side.
ReportFormat = Literal["html", "pdf", "both"]
#: What ``coprod compare`` writes: one file.
CompareFormat = Literal["html", "pdf", "csv", "xlsx", "json"]


@dataclass(frozen=True)
class Choices:
    """One command's ``--format`` values, in the order its help lists them, and its default."""

    names: tuple[str, ...]
    default: tuple[str, ...]

    def __contains__(self, name: object) -> bool:
        return name in self.names

    def __iter__(self) -> Iterator[str]:
        return iter(self.names)

    def listed(self) -> str:
        """The names as a help text lists them: 'csv, xlsx or pdf'."""
        return f"{', '.join(self.names[:-1])} or {self.names[-1]}"

    def refusal(self, given: str) -> str:
        """Why ``given`` is refused, naming the choices."""
        return f"'{given}' is not one of {', '.join(self.names)}."


REPORT_FORMATS = Choices(get_args(ReportFormat), ("both",))
TEMPLATE_FORMATS = Choices(("csv", "xlsx", "pdf"), ("xlsx",))
#: html and pdf add the group report; the data files are what a batch gives unasked.
BATCH_FORMATS = Choices(("csv", "xlsx", "json", "html", "pdf"), ("csv", "xlsx", "json"))
COMPARE_FORMATS = Choices(get_args(CompareFormat), ("html",))
#: coprod plan --you-said-we-did: the page as HTML, PDF, or both (a plan itself is .xlsx or .csv,
#: chosen by --out's suffix).
PLAN_PAGE_FORMATS = Choices(get_args(ReportFormat), ("html",))

#: Every command's choices, by command name.
FORMATS: dict[str, Choices] = {
    "report": REPORT_FORMATS,
    "template": TEMPLATE_FORMATS,
    "batch": BATCH_FORMATS,
    "compare": COMPARE_FORMATS,
    "plan": PLAN_PAGE_FORMATS,
}
