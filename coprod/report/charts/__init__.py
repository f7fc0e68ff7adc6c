"""SVG charts, drawn as plain strings: no plotting library, no JavaScript.

Owns: ``svg`` (palette, number format, axis, label wrap, chart frame: the
shared primitives), ``single`` (bars and radar), ``group`` (dots, spread,
distribution), ``compare`` (heat map style, arrows). May import nothing of
coprod but each other's ``svg``.
"""
