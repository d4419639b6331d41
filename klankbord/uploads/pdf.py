"""PDF active content, judged by object after name decoding, not by searching raw bytes.

A PDF name may escape any character as ``#xx``: ``/J#61vaScript`` is ``/JavaScript``. pypdf decodes names
while it parses, so walking every object it finds (also those inside object streams, and direct objects nested
in dictionaries and arrays) sees the real names. A raw scan of every name in the file, decoded the same way,
runs as well: it also sees objects that no cross-reference table lists, and it is the only check left when a
file does not parse, which is then refused anyway.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator

from django.utils.translation import gettext as _
from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, NameObject, PdfObject

from .refusal import FileRefusedError

# Keys whose presence means active content or a file inside the file.
ACTIVE_KEYS = frozenset(
    {"/JS", "/JavaScript", "/AA", "/XFA", "/EmbeddedFiles", "/EmbeddedFile", "/EF", "/RichMedia"}
)
# Action types (/S) that run, open or fetch something.
ACTIVE_ACTIONS = frozenset(
    {
        "/JavaScript",
        "/Launch",
        "/ImportData",
        "/SubmitForm",
        "/GoToE",
        "/GoToR",
        "/RichMediaExecute",
        "/Rendition",
    }
)
ACTIVE_TYPES = frozenset({"/EmbeddedFile"})
MAX_NODES = 500_000  # objects and nested values visited at most; a legitimate CV or letter has far fewer

_RAW_NAME = re.compile(rb"/((?:[^\x00-\x20/<>\[\]()%{}#\x7f-\xff]|#[0-9A-Fa-f]{2})+)")
_ESCAPE = re.compile(rb"#([0-9A-Fa-f]{2})")
_RAW_ACTIVE = frozenset(name[1:].encode() for name in ACTIVE_KEYS | ACTIVE_ACTIONS | ACTIVE_TYPES)


def _active_content() -> FileRefusedError:
    return FileRefusedError(
        "pdf_active",
        _(
            "De PDF bevat scripts, acties of ingesloten bestanden. Sla hem op als gewone PDF (afdrukken naar PDF)."
        ),
    )


def raw_names(data: bytes) -> Iterator[bytes]:
    """Every name token in the raw bytes, with ``#xx`` escapes decoded."""
    for match in _RAW_NAME.finditer(data):
        yield _ESCAPE.sub(lambda escape: bytes([int(escape.group(1), 16)]), match.group(1))


def raw_scan(data: bytes) -> None:
    if any(name in _RAW_ACTIVE for name in raw_names(data)):
        raise _active_content()


def _is_active(node: DictionaryObject) -> bool:
    if any(str(key) in ACTIVE_KEYS for key in node):
        return True
    action, kind = node.get("/S"), node.get("/Type")
    return (isinstance(action, NameObject) and str(action) in ACTIVE_ACTIONS) or (
        isinstance(kind, NameObject) and str(kind) in ACTIVE_TYPES
    )


def _indirect_objects(reader: PdfReader) -> Iterator[PdfObject | None]:
    """Every object the cross-reference tables and object streams list, and the trailer."""
    yield reader.trailer
    for generation, numbers in reader.xref.items():
        for number in numbers:
            yield reader.get_object(IndirectObject(number, generation, reader))
    for number in reader.xref_objStm:
        yield reader.get_object(number)


def _walk(reader: PdfReader) -> None:
    """Refuse if any object, or any value nested in one (without following references), is active."""
    budget = MAX_NODES
    for top in _indirect_objects(reader):
        stack: list[object] = [top]
        while stack:
            budget -= 1
            if budget < 0:
                raise FileRefusedError("pdf_complex", _("De PDF is te ingewikkeld om te controleren."))
            node = stack.pop()
            if isinstance(node, DictionaryObject):
                if _is_active(node):
                    raise _active_content()
                stack.extend(value for value in node.values() if not isinstance(value, IndirectObject))
            elif isinstance(node, ArrayObject):
                stack.extend(value for value in node if not isinstance(value, IndirectObject))


def check_pdf(data: bytes) -> None:
    """Refuse active content (scripts, launch and other actions, embedded files, XFA forms), encrypted and
    unreadable PDFs. Any parse failure is a refusal: what cannot be checked is not accepted."""
    raw_scan(data)
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            raise FileRefusedError(
                "pdf_encrypted", _("Beveiligde (versleutelde) PDF-bestanden kunnen we niet aannemen.")
            )
        if len(reader.pages) < 1:
            raise FileRefusedError("pdf_empty", _("De PDF bevat geen pagina's."))
        _walk(reader)
    except FileRefusedError:
        raise
    except Exception as error:  # pypdf raises many kinds of errors (and RecursionError) for hostile files
        raise FileRefusedError("pdf_broken", _("De PDF is beschadigd of geen echte PDF.")) from error
