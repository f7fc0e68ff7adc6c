"""``coprod plan``: the improvement cycle, from recommendations to what was done.

Owns: ``actions`` (the plan's dataclasses), ``build`` (a plan from a response or
a workshop's batch folder), ``write`` (XLSX/CSV for a spreadsheet), ``read``,
``rows`` and ``cells`` (an edited plan read back, every cell checked and
located), ``progress`` (the plan beside the next round's scores) and
``feedback`` (the "You said, we did" page). May import: the command stages
``batch``, ``compare`` and ``forms``, and everything below them. It sits above
them because it closes their loop (it reads batch folders and uses the
comparison's judgement of change); none of them imports it.
"""
