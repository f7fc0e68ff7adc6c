"""PO and XLIFF 1.2 files, written and read by translate-toolkit (never hand-made XML).

Both carry, for every text: its id (PO ``msgctxt``, XLIFF ``id``), the source
wording, the translation, a note saying what the text is (``#.`` / ``<note>``)
and where it is in the source file (``#:`` / a second note). Review status: a
PO entry is ``fuzzy`` until a person has reviewed it; an XLIFF unit is
``needs-review-translation`` until approved (``approved="yes"``, state
``signed-off``).
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal

from coprod import __version__
from coprod.errors import InputFileError
from coprod.translate.units import Header, TranslationFile, Unit

Format = Literal["po", "xliff", "pot"]
#: pot: a gettext template (the source texts only), for msgmerge and the like.
FORMATS: tuple[Format, ...] = ("po", "xliff", "pot")
SUFFIXES = {"po": ".po", "xliff": ".xlf", "pot": ".pot"}
_XLIFF_NS = "urn:oasis:names:tc:xliff:document:1.2"
_WHERE = "in the source: "


def write_translation(units: list[Unit], header: Header, fmt: Format) -> bytes:
    """The units as a PO or an XLIFF 1.2 file, or a gettext template (pot)."""
    if fmt == "pot":
        return write_template(units, header)
    return _write_po(units, header) if fmt == "po" else _write_xliff(units, header)


def write_template(units: list[Unit], header: Header) -> bytes:
    """A gettext template (.pot): every source text, no translations."""
    blank = [Unit(u.id, u.source, "", u.context, False, u.reference) for u in units]
    return _write_po(blank, header, template=True)


def _write_po(units: list[Unit], header: Header, template: bool = False) -> bytes:
    from translate.storage import pypo

    store = pypo.pofile()
    now = datetime.now(UTC).strftime("%Y-%m-%d %H:%M+0000")
    store.updateheader(
        add=True,
        Project_Id_Version=f"{header.name} {header.version}",
        Report_Msgid_Bugs_To="",
        POT_Creation_Date=now,
        PO_Revision_Date="YEAR-MO-DA HO:MI+ZONE" if template else now,
        Last_Translator="" if not template else "FULL NAME <EMAIL@ADDRESS>",
        Language_Team="" if not template else "LANGUAGE <LL@li.org>",
        Language="" if template else header.target_lang,
        MIME_Version="1.0",
        Content_Type="text/plain; charset=UTF-8",
        Content_Transfer_Encoding="8bit",
        X_Generator=f"coprod {__version__}",
        X_Coprod_Kind=header.kind,
        X_Coprod_Source=header.original,
        X_Coprod_Source_Language=header.source_lang,
    )
    for u in units:
        entry = store.UnitClass(u.source)
        entry.setcontext(u.id)
        entry.addnote(u.context, origin="developer")
        if u.reference:
            entry.addlocation(u.reference)
        if u.brace_format:
            entry.settypecomment("python-brace-format")
        if u.percent_format:
            entry.settypecomment("python-format")
        if u.target:
            entry.target = u.target
            entry.markfuzzy(not u.reviewed)
        store.addunit(entry)
    return bytes(store)


def _write_xliff(units: list[Unit], header: Header) -> bytes:
    from lxml import etree
    from translate.storage import xliff

    skeleton = (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<xliff version="1.2" xmlns="{_XLIFF_NS}">'
        '<file original="coprod" source-language="en" datatype="plaintext"><body/></file></xliff>'
    )
    store = xliff.xlifffile.parsestring(skeleton.encode("utf-8"))
    node = store.getfilenode(store.getfilenames()[0])
    node.set("original", header.original or header.name)
    node.set("source-language", header.source_lang)
    node.set("target-language", header.target_lang)
    node.set("product-name", header.name)
    node.set("product-version", header.version)
    node.set("category", header.kind)
    name = store.getfilename(node)
    for u in units:
        entry = store.addsourceunit(u.source, filename=name)
        entry.setid(u.id)
        entry.addnote(u.context, origin="developer")
        if u.reference:
            entry.addnote(_WHERE + u.reference, origin="developer")
        if u.target:
            entry.target = u.target
            entry.set_state_n(entry.S_SIGNED_OFF if u.reviewed else entry.S_NEEDS_REVIEW)
    root = store.document.getroot()
    etree.cleanup_namespaces(root)
    return bytes(store)


def read_translation(path: Path) -> TranslationFile:
    """A PO or XLIFF file as coprod wrote it (and a translator's tool saved it)."""
    if not path.is_file():
        raise InputFileError(f"{path}: no such file.", "Check the path of the translation file.")
    data = path.read_bytes()
    if path.suffix.lower() in (".po", ".pot"):
        return _read_po(path, data)
    if path.suffix.lower() in (".xlf", ".xliff", ".xml"):
        return _read_xliff(path, data)
    raise InputFileError(
        f"{path}: not a translation file coprod reads.",
        "Give a .po file or an .xlf/.xliff file, as `coprod translate export` writes.",
    )


def _read_po(path: Path, data: bytes) -> TranslationFile:
    from translate.storage import pypo

    try:
        store = pypo.pofile.parsestring(data)
    except (ValueError, UnicodeDecodeError) as exc:
        raise InputFileError(f"{path}: not a readable PO file ({exc}).") from None
    fields = store.parseheader()
    header = _header(path, fields.get("X-Coprod-Kind"), fields)
    units = []
    for entry in store.units:
        if entry.isheader() or entry.isobsolete():
            continue
        locations = entry.getlocations()
        units.append(
            Unit(
                id=entry.getcontext(),
                source=str(entry.source),
                target=str(entry.target or ""),
                context=entry.getnotes("developer"),
                reviewed=bool(entry.target) and not entry.isfuzzy(),
                reference=locations[0] if locations else "",
            )
        )
    return TranslationFile(str(path), header, units)


def _read_xliff(path: Path, data: bytes) -> TranslationFile:
    from translate.storage import xliff

    try:
        store = xliff.xlifffile.parsestring(data)
    except (ValueError, SyntaxError) as exc:  # lxml's XMLSyntaxError is a SyntaxError
        raise InputFileError(f"{path}: not a readable XLIFF file ({exc}).") from None
    names = store.getfilenames()
    node = store.getfilenode(names[0]) if names else None
    fields = {} if node is None else dict(node.attrib)
    header = _header(path, fields.get("category"), fields)
    units = []
    for entry in store.units:
        notes = [n for n in entry.getnotes("developer").splitlines() if n]
        context = next((n for n in notes if not n.startswith(_WHERE)), "")
        where = next((n.removeprefix(_WHERE) for n in notes if n.startswith(_WHERE)), "")
        state = entry.get_state_n()
        units.append(
            Unit(
                id=str(entry.xmlelement.get("id") or ""),
                source=str(entry.source),
                target=str(entry.target or ""),
                context=context,
                reviewed=bool(entry.target) and state >= entry.S_SIGNED_OFF,
                reference=where,
            )
        )
    return TranslationFile(str(path), header, units)


def _header(path: Path, kind: Any, fields: dict[str, Any]) -> Header:
    if kind not in ("questionnaire", "interface"):
        raise InputFileError(
            f"{path}: this translation file was not written by `coprod translate export`.",
            "Export the texts with coprod first, translate that file, then import it.",
        )
    name, _, version = str(fields.get("Project-Id-Version", "")).partition(" ")
    return Header(
        kind=kind,
        name=str(fields.get("product-name", name)),
        version=str(fields.get("product-version", version)),
        source_lang=str(
            fields.get("source-language", fields.get("X-Coprod-Source-Language", "en"))
        ),
        target_lang=str(fields.get("target-language", fields.get("Language", ""))),
        original=str(fields.get("original", fields.get("X-Coprod-Source", ""))),
    )
