"""Realistic workshop answer sheets, built the way each tool writes them.

Every builder writes the same six people's answers to the small questionnaire
(tests/conftest.py), each in its own tool's style, so one table of expected
figures checks them all:

======  =================  ====  =================  ====  ====  ==========
person  perspective        a1    a2                 p1    p2    p3
======  =================  ====  =================  ====  ====  ==========
Ann     staff              3     4                  yes   2     More time
Bob     staff              2     2                  no    -     -
Cat     lived experience   5     5                  yes   4     -
Dan     lived experience   4     not applicable     yes   5     -
Eve     lived experience   DK    3                  no    -     -
Fay     staff              1     1                  no    -     -
======  =================  ====  =================  ====  ====  ==========
"""

from __future__ import annotations

import csv
import io
from datetime import datetime
from pathlib import Path

A1 = "Do you ask what people can offer?"
A2 = "Do you value lived experience?"
P1 = "Do people with lived experience sit on the board?"
P2 = "How much say do they have?"
P3 = "What would help most?"


def google_forms_csv(folder: Path) -> Path:
    """Google Forms: Timestamp first, full question texts, labels and numbers as chosen."""
    rows = [
        ["Timestamp", "Your name", "I am answering as", A1, A2, P1, P2, P3],
        ["2026/03/04 10:01:12", "Ann", "Staff", "3", "4 - Established", "Yes", "2", "More time"],
        ["2026/03/04 10:02:40", "Bob", "Staff", "Starting", "2", "No", "", ""],
        ["2026/03/04 10:03:05", "Cat", "Lived experience", "5", "5", "Yes", "4", ""],
        ["2026/03/04 10:04:59", "Dan", "Lived experience", "4", "N/A", "Yes", "5", ""],
        ["2026/03/04 10:05:31", "Eve", "Lived experience", "Don't know", "3", "No", "", ""],
        ["2026/03/04 10:06:02", "Fay", "Staff", "1", "1", "No", "", ""],
    ]
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    path = folder / "google-forms.csv"
    path.write_text(buffer.getvalue(), encoding="utf-8")
    return path


def microsoft_forms_xlsx(folder: Path) -> Path:
    """Microsoft Forms: ID, Start time, Completion time, Email, Name, questions; real numbers."""
    from openpyxl import Workbook

    book = Workbook()
    ws = book.active
    assert ws is not None
    ws.title = "Sheet1"
    ws.append(
        ["ID", "Start time", "Completion time", "Email", "Name", "Perspective", A1, A2, P1, P2, P3]
    )
    when = datetime(2026, 3, 4, 10, 0)
    people = [
        ("Ann", "Staff", 3, "4 – Established", "Yes", 2, "More time"),
        ("Bob", "Staff", "Starting", 2.0, "No", None, None),
        ("Cat", "Person with lived experience", 5, 5, "Yes", 4, None),
        ("Dan", "Person with lived experience", 4, "Not applicable", "Yes", "5", None),
        ("Eve", "Person with lived experience", "Don’t know", 3, "No", None, None),
        ("Fay", "Staff", 1, 1, "No", None, None),
    ]
    for i, (name, persp, a1, a2, p1, p2, p3) in enumerate(people, 1):
        ws.append([i, when, when, "anonymous", name, persp, a1, a2, p1, p2, p3])
    path = folder / "microsoft-forms.xlsx"
    book.save(path)
    return path


def semicolon_cp1252(folder: Path) -> Path:
    """A European-Excel CSV: semicolons, Windows-1252, numbered headers, an en dash."""
    lines = [
        "Participant;Perspective;Q1. "
        + A1
        + ";Q2. "
        + A2
        + ";3) "
        + P1
        + ";Q4 "
        + P2
        + ";5. "
        + P3,
        "Ann;staff;3;4 – Established;yes;2;More time",
        "Bob;staff;2 – Starting;2;no;;",
        "Cat;lived experience;5;5;yes;4;",
        "Dan;lived experience;4;n/a;yes;5;",
        "Eve;lived experience;DK;3;no;;",
        "Fay;staff;1;1;no;;",
    ]
    path = folder / "excel-semicolon.csv"
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode("cp1252"))
    return path


def typed_paper(folder: Path) -> Path:
    """Typed up from paper forms: ids as headers, labels, odd case, stray spaces, a blank line."""
    lines = [
        "participant,perspective,a1,a2,p1,p2,p3",
        "Ann , Staff ,  developing , established , YES , starting ,More time",
        "Bob,staff, starting,2 ,no, ,",
        ",,,,,,",
        "Cat,lived experience,LEADING,Leading,y,Established,",
        "Dan,Lived Experience,4,  N/A ,Yes,5,",
        "Eve,lived experience,dont know,Developing,No,-,",
        "Fay,STAFF,Not yet,not yet,N,,",
    ]
    path = folder / "typed-paper.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


BUILDERS = {
    "google_forms": google_forms_csv,
    "microsoft_forms": microsoft_forms_xlsx,
    "semicolon_cp1252": semicolon_cp1252,
    "typed_paper": typed_paper,
}
