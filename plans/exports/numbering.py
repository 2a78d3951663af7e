"""Merging PDF parts with pypdf and writing «стр. N из M» on every page of the whole.

A document laid out in parts (see `parts`) is printed without its page-number margin box;
after the merge each page gets its footer, drawn exactly as WeasyPrint draws it. WeasyPrint
lays out a few template pages whose footer reads «стр. 0 из 000», «стр. 00 из 000», … (one per
length of N) with the same stylesheets (`stamp.html`), and one more whose footer holds every
pair of digits (their glyphs and the kerning between them). The footer of page N is then the
template of its length with the digits' glyphs put in, the kerning between digits put in, and
the text moved by half the width the kerning changed (the footer is centred): the same text
operators WeasyPrint writes for «стр. N из M», for every page at the cost of a few template
pages, instead of laying out M empty pages (about 20 ms each).

Each template page is checked as it is read (one glyph per character, digits of equal advance
as in Liberation Serif); anything unexpected falls back to laying out every footer.
"""

from __future__ import annotations

import functools
import io
import re
from dataclasses import dataclass
from decimal import Decimal

from django.template.loader import render_to_string
from pypdf import PdfReader, PdfWriter
from pypdf.generic import ArrayObject, DecodedStreamObject, DictionaryObject, NameObject

from plans.exports.printing import html_to_pdf

STAMP_TEMPLATE = "plans/exports/print/stamp.html"
PREFIX = "PNum"


def de_bruijn() -> str:
    """Every pair of digits once, overlapping: 101 digits (a de Bruijn sequence, order 2)."""
    sequence, a = [], [0] * 20

    def walk(t: int, p: int) -> None:
        if t > 2:
            if 2 % p == 0:
                sequence.extend(a[1:p + 1])
            return
        a[t] = a[t - p]
        walk(t + 1, p)
        for digit in range(a[t - p] + 1, 10):
            a[t] = digit
            walk(t + 1, t)

    walk(1, 1)
    return "".join(map(str, sequence)) + str(sequence[0])


# Every pair of digits, in pieces short enough for one footer line (overlapping by one digit).
DIGIT_PIECES = [de_bruijn()[i:i + 26] for i in range(0, 101, 25)]
TJ = re.compile(rb"\[([^\]]*)\]\s*TJ")
TM = re.compile(rb"1 0 0 -1 (-?[\d.]+) (-?[\d.]+) Tm")
TF = re.compile(rb"/(\S+) (-?[\d.]+) Tf")
GLYPH = re.compile(rb"<([0-9a-fA-F]+)>\s*(-?[\d.]+)?")


class StampError(ValueError):
    """A template page is not as expected: lay out every footer instead."""


def footer(number: int, total: int) -> str:
    return f"стр. {number} из {total}"


def stamp_pdf(texts: list[str]) -> bytes:
    """Pages with only a footer each, the given texts (WeasyPrint, the plan's stylesheets)."""
    return html_to_pdf(render_to_string(STAMP_TEMPLATE, {"texts": texts}))


@dataclass
class Line:
    """One footer as WeasyPrint wrote it: its content stream and its glyphs."""

    stream: bytes
    x: Decimal
    size: Decimal
    glyphs: list[tuple[str, Decimal]]  # (4 hex digits, adjustment after it)

    @classmethod
    def read(cls, page, text: str) -> Line:
        stream = page.get_contents().get_data()
        if len(TJ.findall(stream)) != 1 or not TM.search(stream) or not TF.search(stream):
            raise StampError("not one text line")
        glyphs = []
        for hexa, adjust in GLYPH.findall(TJ.search(stream).group(1)):
            codes = hexa.decode().lower()
            parts = [codes[i:i + 4] for i in range(0, len(codes), 4)]
            glyphs += [(code, Decimal(0)) for code in parts[:-1]]
            glyphs.append((parts[-1], Decimal(adjust.decode() if adjust else 0)))
        if len(glyphs) != len(text):
            raise StampError("not one glyph per character")
        return cls(stream, Decimal(TM.search(stream).group(1).decode()),
                   Decimal(TF.search(stream).group(2).decode()), glyphs)


@functools.lru_cache(maxsize=8)
def stamper(width: int) -> Stamper:
    """The footers of documents of `width`-digit page counts (laid out once a process)."""
    return Stamper(width)


class Stamper:
    """The footers of documents whose page count has `width` digits."""

    def __init__(self, width: int):
        total = int("9" * width)
        self.texts = [footer(int("1" + "0" * (n - 1)), total) for n in range(1, width + 1)]
        pieces = [f"стр. {piece} из {total}" for piece in DIGIT_PIECES]
        self.reader = PdfReader(io.BytesIO(stamp_pdf([*self.texts, *pieces])))
        pages = self.reader.pages
        self.lines = [Line.read(pages[i], text) for i, text in enumerate(self.texts)]
        self.page = pages[0]
        self.digit: dict[str, str] = {}
        self.kern: dict[str, Decimal] = {}
        for i, piece in enumerate(DIGIT_PIECES):
            self._learn_digits(Line.read(pages[len(self.texts) + i], pieces[i]), piece)
        if len(self.digit) != 10 or len(self.kern) != 100:
            raise StampError("not every digit or pair of digits")
        if len({self.digit[d] for d in self.digit}) != 10:
            raise StampError("digits share a glyph")

    def _learn_digits(self, line: Line, piece: str) -> None:
        start = len("стр. ")
        for i, char in enumerate(piece):
            self.digit[char] = line.glyphs[start + i][0]
            if i + 1 < len(piece):
                self.kern[char + piece[i + 1]] = line.glyphs[start + i][1]

    def stream(self, number: int, total: int) -> bytes:
        """Page `number`'s footer: the template of its length with its digits put in."""
        text = footer(number, total)
        template = self.lines[len(str(number)) - 1]
        old = sum(adjust for _code, adjust in template.glyphs)
        glyphs = []
        for i, char in enumerate(text):
            code, adjust = template.glyphs[i]
            if char.isdigit():
                code = self.digit[char]
                after = text[i + 1] if i + 1 < len(text) else ""
                adjust = self.kern[char + after] if after.isdigit() else adjust
            glyphs.append((code, adjust))
        shift = (sum(a for _c, a in glyphs) - old) * template.size / 2000
        operators = "[" + "".join(f"<{c}>{a.normalize():f}" for c, a in glyphs) + "] TJ"
        stream = TJ.sub(operators.encode(), template.stream)
        x = f"{(template.x + shift).quantize(Decimal('0.000001')).normalize():f}"
        return TM.sub(lambda m: b"1 0 0 -1 " + x.encode() + b" " + m.group(2) + b" Tm", stream)


def renamed(stream: bytes, names: dict[str, str]) -> bytes:
    """The stream with its resources' names replaced (the stamp's names beside the page's)."""
    for old, new in names.items():
        stream = re.sub(rb"/" + re.escape(old.encode()) + rb"(?=[\s/\[<(])",
                        b"/" + new.encode(), stream)
    return stream


class Overlay:
    """Writes the footers into a writer's pages: the stamp's resources once, then, for each
    page, its content wrapped in q … Q and the footer after it."""

    def __init__(self, writer: PdfWriter, stamper: Stamper, total: int):
        self.writer = writer
        self.stamper = stamper
        self.total = total
        self.resources: dict[str, dict] = {}
        self.names: dict[str, str] = {}
        source = stamper.page["/Resources"].get_object()
        for kind in ("/Font", "/ExtGState"):
            for name, value in source.get(kind, DictionaryObject()).get_object().items():
                new = f"{PREFIX}{kind[1]}{len(self.names)}"
                self.names[name[1:]] = new
                self.resources.setdefault(kind, {})[new] = value.clone(writer)
        self.open = writer._add_object(stream_object(b"q\n"))
        self.close = writer._add_object(stream_object(b"\nQ\n"))

    def apply(self, page, number: int) -> None:
        footer_stream = renamed(self.stamper.stream(number, self.total), self.names)
        contents = page.get("/Contents")
        old = list(contents.get_object()) if isinstance(contents.get_object(), ArrayObject) \
            else ([contents] if contents is not None else [])
        footer_ref = self.writer._add_object(stream_object(footer_stream))
        page[NameObject("/Contents")] = ArrayObject([self.open, *old, self.close, footer_ref])
        resources = page.setdefault(NameObject("/Resources"), DictionaryObject()).get_object()
        for kind, entries in self.resources.items():
            target = resources.setdefault(NameObject(kind), DictionaryObject()).get_object()
            for name, value in entries.items():
                target[NameObject("/" + name)] = value


def stream_object(data: bytes) -> DecodedStreamObject:
    stream = DecodedStreamObject()
    stream.set_data(data)
    return stream


def merge(parts: list[bytes]) -> PdfWriter:
    """The parts one after another (pages, outlines, the first part's metadata)."""
    writer = PdfWriter()
    for index, data in enumerate(parts):
        reader = PdfReader(io.BytesIO(data))
        writer.append(reader)
        if index == 0 and reader.metadata:
            writer.add_metadata(dict(reader.metadata))
    return writer


def link(writer: PdfWriter, targets: dict[str, int]) -> None:
    """Links to a named destination in `targets` lead to that page of the merged document
    (a part cannot link into another part: the consolidated plan's contents)."""
    for page in writer.pages:
        for annotation in page.get("/Annots", ArrayObject()).get_object():
            annotation = annotation.get_object()
            name = annotation.get("/Dest")
            if isinstance(name, str) and str(name) in targets:
                target = writer.pages[targets[str(name)]].indirect_reference
                annotation[NameObject("/Dest")] = ArrayObject([target, NameObject("/Fit")])


def merge_numbered(parts: list[bytes], targets: dict[str, int] | None = None) -> bytes:
    """The parts merged, every page numbered «стр. N из M» across them (and the links to
    `targets`, named destinations, set to their pages: see `link`)."""
    writer = merge(parts)
    link(writer, targets or {})
    total = len(writer.pages)
    try:
        overlay = Overlay(writer, stamper(len(str(total))), total)
        for number, page in enumerate(writer.pages, start=1):
            overlay.apply(page, number)
    except StampError:
        writer = laid_out_footers(parts, total)
        link(writer, targets or {})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def laid_out_footers(parts: list[bytes], total: int) -> PdfWriter:
    """The slow, sure way: every footer laid out by WeasyPrint, merged onto its page."""
    writer = merge(parts)
    stamps = PdfReader(io.BytesIO(stamp_pdf([footer(n, total) for n in range(1, total + 1)])))
    for page, stamp in zip(writer.pages, stamps.pages, strict=True):
        page.merge_page(stamp)
    return writer
