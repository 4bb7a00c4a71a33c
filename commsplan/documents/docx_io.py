"""Saving a python-docx Document so that the same content always gives the same bytes."""

from __future__ import annotations

import datetime as dt
import io
import os
import zipfile
from typing import BinaryIO

from docx.document import Document

FIXED_DATETIME = dt.datetime(2000, 1, 1)
ZIP_DATE_TIME = (1980, 1, 1, 0, 0, 0)  # the earliest date a zip entry can carry
_FIRST_ENTRIES = ("[Content_Types].xml", "_rels/.rels")


def docx_bytes(document: Document) -> bytes:
    """The .docx file of a document, byte for byte the same for the same content."""
    props = document.core_properties
    # python-docx keeps whatever dates the template had; never let "now" in.
    if props.created is None:
        props.created = FIXED_DATETIME
    if props.modified is None:
        props.modified = props.created
    return zip_entries(package_entries(document))


def package_entries(document: Document) -> dict[str, bytes]:
    """Every zip entry of the document's package, as python-docx's own writer makes them.

    Collected rather than saved, so the zip is compressed once, with fixed timestamps
    (saving and then re-zipping compressed a large document twice).
    """
    from docx.opc.pkgwriter import _ContentTypesItem

    package = document.part.package
    parts = list(package.parts)
    for part in parts:
        part.before_marshal()
    entries = {
        "[Content_Types].xml": _ContentTypesItem.from_parts(parts).blob,
        "_rels/.rels": package.rels.xml,
    }
    for part in parts:
        entries[part.partname.membername] = part.blob
        if len(part.rels):
            entries[part.partname.rels_uri.membername] = part.rels.xml
    return entries


def save_docx(document: Document, target: str | os.PathLike | BinaryIO) -> None:
    """Write the document to a path or a binary stream, deterministically."""
    data = docx_bytes(document)
    if hasattr(target, "write"):
        target.write(data)
    else:
        with open(target, "wb") as handle:
            handle.write(data)


def zip_entries(entries: dict[str, bytes]) -> bytes:
    """A zip of the entries in a fixed order, with a fixed timestamp and fixed attributes."""
    names = [n for n in _FIRST_ENTRIES if n in entries]
    names += sorted(n for n in entries if n not in _FIRST_ENTRIES)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for name in names:
            info = zipfile.ZipInfo(name, date_time=ZIP_DATE_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 0  # otherwise the host OS is written into each entry
            info.external_attr = 0
            target.writestr(info, entries[name], compresslevel=6)
    return out.getvalue()
