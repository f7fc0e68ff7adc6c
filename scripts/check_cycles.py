"""Fail when any two coprod modules import each other, directly or round a loop.

Counts every import statement, at module level or inside a function (grimp reads
them all from the source), and ``TYPE_CHECKING``-only imports too.
Usage: .venv/bin/python scripts/check_cycles.py
"""

from __future__ import annotations

import sys

import grimp


def main() -> int:
    """Print each import cycle found among coprod's modules; 1 if there is any."""
    graph = grimp.build_graph("coprod", cache_dir=None)
    modules = sorted(graph.modules)
    cycles: list[tuple[str, ...]] = []
    seen: set[frozenset[str]] = set()
    for module in modules:
        for imported in graph.find_modules_directly_imported_by(module):
            # A cycle through this import: a chain back from the imported module.
            back = graph.find_shortest_chain(importer=imported, imported=module)
            if back and frozenset(back) not in seen:
                seen.add(frozenset(back))
                cycles.append((module, *back))
    for cycle in cycles:
        print(" -> ".join(cycle))
    print(f"{len(modules)} modules, {len(cycles)} import cycles.")
    return 1 if cycles else 0


if __name__ == "__main__":
    sys.exit(main())
