"""`coprod plan`: the improvement cycle, from recommendations to what was done.

Owns the action plan: making it from a response or a workshop (``build``),
writing it for a spreadsheet (``write``), reading it back after people edited
it, every cell checked (``read``, ``rows``, ``cells``), setting it beside the
next round's scores (``progress``) and the "You said, we did" page for the
people who took part (``feedback``). It sits above the other command stages
because it closes their loop: it reads batch folders and uses the comparison's
judgement of change; none of them knows it.
"""
