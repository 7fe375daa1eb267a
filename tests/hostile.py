"""Hostile and odd inputs for ``rashomon read`` (a generator, not a test module).

``generate_cases(root)`` writes several hundred inputs under ``root`` and returns one ``Case`` per
input: what it is, how to pass it on the command line, and what a correct run gives (a readable
article that must come out, an input that must fail with a clear message, or an input where either
is acceptable as long as nothing crashes, hangs or stays silent). ``tests/hostile_harness.py`` runs
them. Every text here is made up for this file (invented people, towns and events).

Sizes: each case is written in well under a few seconds; all cases together take about 40 MB on
disk (bombs are written compressed, the 1 GiB file is sparse).
"""

from __future__ import annotations

import gzip
import io
import json
import os
import random
import struct
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

# ---------------------------------------------------------------------------------------------------
# the case record


@dataclass
class Case:
    """One hostile input.

    ``good``: a readable article (or several: ``records``) that must appear in the output.
    ``expect_failure``: the input must be refused with a clear one-line message (no record).
    Neither: reading it or refusing it are both fine, as long as it neither crashes nor hangs and
    says something when it gives no record.
    """

    name: str
    path: Path  # the file or folder written under root (or a device path)
    kind: str  # category: good, encoding, text, json, html, feed, pdf, archive, file
    good: bool = False
    expect_failure: bool = False
    records: int = 1  # articles a good case must give
    args: list | None = None  # the CLI arguments naming the input (str or bytes); default [str(path)]
    cwd: Path | None = None  # run from this folder (relative args)
    stdin: Path | None = None  # feed this file as standard input
    timeout: float | None = None  # seconds; None: the harness default
    expect_text: tuple[str, ...] = ()  # substrings the records' text/title must hold (a correct decoding)
    forbid: tuple[str, ...] = ()  # substrings that must not appear raw in stdout, stderr or the output
    forbid_report: tuple[str, ...] = ()  # substrings that must not appear in analyze's report.html
    batch: bool = True  # part of the one-invocation batch run (False: it blocks or eats memory by design)
    note: str = ""

    def cli_args(self) -> list:
        return list(self.args) if self.args is not None else [str(self.path)]


# ---------------------------------------------------------------------------------------------------
# invented prose

EN_GIVEN = ["Ivana", "Tomas", "Marguerite", "Oskar", "Leila", "Henrik", "Noor", "Bastien", "Kalina", "Rufus",
            "Esme", "Dario", "Sunniva", "Matej", "Yara", "Ottilie"]
EN_FAMILY = ["Petrova", "Varga", "Lindqvist", "Okonkwo", "Brennan", "Castellane", "Holm", "Sadik", "Marsh",
             "Dunmore", "Kessler", "Rautio", "Fairbairn", "Oyelaran"]
EN_PLACES = ["Velmor", "Karsk", "Ostravale", "Duhnberg", "Port Isolde", "Marrowby", "Tesselin", "Lower Avrith",
             "Quenby", "Saint-Orvan"]
EN_ORGS = ["Velmor Transit Authority", "the Regional Water Board", "the Harbour Workers' Union",
           "the Ministry of Infrastructure", "the Karsk Chamber of Commerce", "the National Rail Company"]
EN_ROLES = ["Transport Minister", "Mayor", "Deputy Governor", "Health Minister", "Police Chief", "Councillor"]
EN_THINGS = ["bridge", "ferry terminal", "hospital wing", "tram line", "grain silo", "flood barrier"]
EN_ACTIONS = ["reopen", "close for repairs", "be rebuilt", "be sold", "be inspected again"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
# Names in other scripts, for the unicode of the good English articles.
UNICODE_NAMES = ["Zoë Lefèvre", "Jürgen Weiß", "Dmitri Orlov (Дмитрий Орлов)", "Amira Haddad (أميرة حداد)",
                 "Ágnes Szőke", "Łukasz Wróbel", "Søren Kjærgaard", "Çağla Öztürk", "Nguyễn Thị Lan",
                 "Olena Kovalenko (Олена Коваленко)", "Yusuf al-Amin (يوسف الأمين)", "Inès Brûlé"]


def en_sentence(rng: random.Random) -> str:
    """One English news sentence with invented people, places and numbers."""
    person = f"{rng.choice(EN_GIVEN)} {rng.choice(EN_FAMILY)}"
    person2 = rng.choice(UNICODE_NAMES)
    place = rng.choice(EN_PLACES)
    templates = [
        lambda: (f"{rng.choice(EN_ROLES)} {person} said on {rng.choice(WEEKDAYS)} that the {rng.choice(EN_THINGS)} "
                 f"in {place} would {rng.choice(EN_ACTIONS)} by {rng.choice(MONTHS)}."),
        lambda: (f"\u201cWe have waited long enough,\u201d said {person2}, who heads {rng.choice(EN_ORGS)}, "
                 f"outside the town hall in {place}."),
        lambda: (f"According to {rng.choice(EN_ORGS)}, {rng.randint(12, 4000)} people were affected and the "
                 f"damage reached {rng.randint(2, 90)} million euros."),
        lambda: (f"Residents of {place}, among them {person2}, described the delays as "
                 f"{rng.choice(['frustrating', 'absurd', 'expected', 'dangerous'])}."),
        lambda: f"The ministry did not respond to a request for comment on {rng.choice(WEEKDAYS)} evening.",
        lambda: (f"Opposition leader {person} called the decision \u201chasty and premature\u201d in a statement "
                 f"issued late on {rng.choice(MONTHS)} {rng.randint(1, 28)}."),
        lambda: (f"Work on the {rng.choice(EN_THINGS)} began in {rng.randint(1998, 2023)} and has been halted "
                 f"{rng.randint(2, 7)} times since."),
        lambda: f"{person} told reporters that the budget of {rng.randint(3, 70)} million euros was \u201cnot enough\u201d.",
    ]
    return rng.choice(templates)()


def en_paragraph(rng: random.Random, sentences: int = 3) -> str:
    return " ".join(en_sentence(rng) for _ in range(sentences))


def en_article(rng: random.Random, paragraphs: int = 3, title: bool = True) -> str:
    """A made-up English news article: a headline, a dateline-style lead, 2-4 paragraphs."""
    place = rng.choice(EN_PLACES)
    parts = []
    if title:
        parts.append(f"{rng.choice(EN_THINGS).capitalize()} in {place} to {rng.choice(EN_ACTIONS)}, "
                     f"{rng.choice(EN_ROLES).lower()} says")
    parts.append(f"{place.upper()}, {rng.choice(MONTHS)} {rng.randint(1, 28)} \u2014 " + en_paragraph(rng, 3))
    for _ in range(paragraphs - 1):
        parts.append(en_paragraph(rng, rng.randint(2, 4)))
    return "\n\n".join(parts) + "\n"


def en_prose(rng: random.Random, size: int) -> str:
    """At least ``size`` characters of English paragraphs (for the big inputs)."""
    parts, total = [], 0
    while total < size:
        paragraph = en_paragraph(rng, rng.randint(3, 6))
        parts.append(paragraph)
        total += len(paragraph) + 2
    return "\n\n".join(parts) + "\n"


RU_ARTICLE = """Мост через реку Ольшанку в Верхнеозёрске откроют к марту

Министр транспорта области Аркадий Беломестнов заявил в понедельник, что движение по мосту в Верхнеозёрске возобновят к первому марта. По его словам, ремонт обошёлся в 412 миллионов рублей.

«Мы ждали достаточно долго», — сказала глава районной администрации Светлана Гурьянова журналистам у здания мэрии. Жители жалуются, что объезд удлиняет дорогу до Краснополья на сорок минут.

В ведомстве добавили, что подрядчик, компания «Севермостстрой», выплатит штраф за срыв сроков.
"""

FR_ARTICLE = """La médiathèque de Saint-Orvan rouvrira en février

Le maire de Saint-Orvan, Gérald Ménétrier, a annoncé lundi que la médiathèque rouvrirait ses portes le 3 février, après dix-huit mois de travaux. « Nous avons attendu trop longtemps », a déclaré Hélène Courbière, présidente de l'association des riverains.

Selon la préfecture, 1 240 foyers ont été privés d'électricité pendant près de deux jours lors de l'inondation de l'été dernier. Les travaux, estimés à 4,7 millions d'euros, seront financés en partie par la région.

L'opposition municipale juge le coût « excessif » et réclame un audit indépendant.
"""

DE_ARTICLE = """Brücke über die Weißach bleibt bis März gesperrt

Der Bürgermeister von Duhnberg, Reinhold Käßmann, kündigte am Montag an, dass die Brücke über die Weißach bis Ende März gesperrt bleibt. Nach Angaben der Stadtverwaltung kostet die Sanierung rund 6,3 Millionen Euro.

„Wir haben lange genug gewartet“, sagte Jördis Üxküll, Sprecherin der Bürgerinitiative. Anwohner äußerten sich größtenteils verärgert über die Umleitung durch das Gewerbegebiet.

Die Opposition im Stadtrat forderte eine Sondersitzung für Donnerstag.
"""

ES_ARTICLE = """El puerto de Marrowby cerrará dos semanas por obras

La alcaldesa de Marrowby, Begoña Iturralde, anunció el martes que el puerto pesquero cerrará durante dos semanas a partir del 12 de mayo. Según la autoridad portuaria, las obras costarán 2,1 millones de euros.

«Es una decisión dolorosa pero necesaria», dijo Íñigo Larrañaga, portavoz de la cofradía de pescadores. Los comerciantes del muelle temen pérdidas de hasta un 30 por ciento.
"""

AR_ARTICLE = """إعادة فتح جسر مدينة الوردانية في مارس

قال وزير النقل سليم الحوراني يوم الاثنين إن الجسر في مدينة الوردانية سيعاد فتحه في مارس بعد أشهر من الإصلاحات. وأضاف أن تكلفة الأعمال بلغت 42 مليون دينار.

وقالت رئيسة البلدية هالة الزعبي للصحفيين: «انتظرنا طويلا». ويشكو السكان من أن الطريق البديل يضيف أربعين دقيقة إلى رحلتهم اليومية.
"""

NATIVE = {"ru": RU_ARTICLE, "fr": FR_ARTICLE, "de": DE_ARTICLE, "es": ES_ARTICLE, "ar": AR_ARTICLE}
# A word of each native article's body that only a correct decoding keeps.
NATIVE_PROBE = {"ru": "Беломестнов", "fr": "Ménétrier", "de": "Käßmann", "es": "Iturralde", "ar": "الحوراني"}
# Punctuation that some legacy charsets lack, with ASCII stand-ins.
ASCII_PUNCT = str.maketrans({"«": '"', "»": '"', "„": '"', "“": '"', "”": '"', "—": "-", "–": "-", "’": "'"})


def encode_lossy(text: str, encoding: str) -> bytes:
    """``text`` in ``encoding``; punctuation the charset lacks turned ASCII first."""
    try:
        return text.encode(encoding)
    except UnicodeEncodeError:
        return text.translate(ASCII_PUNCT).encode(encoding)


def html_page(title: str, body_paragraphs: list[str], *, head_extra: str = "", body_extra: str = "",
              url: str = "https://www.velmor-courier.example/2024/03/05/bridge", site: str = "Velmor Courier",
              lang: str = "en", charset: str = "utf-8", date: str = "2024-03-05") -> str:
    """A news page: head metadata, navigation, an <article>, a footer."""
    paras = "\n".join(f"<p>{p}</p>" for p in body_paragraphs)
    return f"""<!DOCTYPE html>
<html lang="{lang}"><head><meta charset="{charset}">
<title>{title}</title>
<meta property="og:title" content="{title}">
<meta property="og:site_name" content="{site}">
<meta property="og:url" content="{url}">
<meta property="article:published_time" content="{date}T08:30:00Z">
<link rel="canonical" href="{url}">
{head_extra}
</head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/politics">Politics</a></li><li><a href="/sport">Sport</a></li></ul></nav>
<main><article><h1>{title}</h1>
<p class="byline">By {EN_GIVEN[0]} {EN_FAMILY[3]}</p>
{paras}
</article></main>
{body_extra}
<footer><p>&copy; 2024 {site}. All rights reserved.</p></footer>
</body></html>
"""


def esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


# ---------------------------------------------------------------------------------------------------
# PDF helpers


def hand_pdf(page_streams: list, *, info: dict | None = None, extra_objects: list[bytes] | None = None,
             font: bool = True) -> bytes:
    """A minimal PDF written by hand: one page per content stream, Helvetica, a correct xref.

    A stream is bytes, or (bytes, extra dictionary entries) such as ``(data, "/Filter /FlateDecode")``.
    """
    objects: list[bytes] = []
    n_pages = len(page_streams)
    # 1 catalog, 2 pages, 3 font, then (page, content) pairs, then info, then extras
    kids = " ".join(f"{4 + 2 * i} 0 R" for i in range(n_pages))
    objects.append(b"<< /Type /Catalog /Pages 2 0 R >>")
    objects.append(f"<< /Type /Pages /Kids [{kids}] /Count {n_pages} >>".encode())
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    for i, stream in enumerate(page_streams):
        resources = b"/Resources << /Font << /F1 3 0 R >> >>" if font else b""
        objects.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] " + resources
                       + f" /Contents {5 + 2 * i} 0 R >>".encode())
        stream, extra = stream if isinstance(stream, tuple) else (stream, "")
        objects.append(f"<< /Length {len(stream)} {extra}>>\nstream\n".encode() + stream + b"\nendstream")
    info_ref = b""
    if info:
        entries = " ".join(f"/{k} ({v})" for k, v in info.items())
        objects.append(f"<< {entries} >>".encode("latin-1"))
        info_ref = f" /Info {len(objects)} 0 R".encode()
    objects.extend(extra_objects or [])
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(out.tell())
        out.write(f"{number} 0 obj\n".encode() + body + b"\nendobj\n")
    xref = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    for offset in offsets:
        out.write(f"{offset:010d} 00000 n \n".encode())
    out.write(f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R".encode() + info_ref
              + f" >>\nstartxref\n{xref}\n%%EOF\n".encode())
    return out.getvalue()


def text_stream(lines: list[str]) -> bytes:
    """A content stream that shows ``lines`` of Latin-1 text, one under another."""
    ops = ["BT", "/F1 11 Tf", "14 TL", "50 740 Td"]
    for line in lines:
        safe = line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
        ops.append(f"({safe}) Tj T*")
    ops.append("ET")
    return "\n".join(ops).translate(ASCII_PUNCT).encode("latin-1", errors="replace")


def wrap(text: str, width: int = 90) -> list[str]:
    lines, current = [], ""
    for word in text.split():
        if len(current) + len(word) + 1 > width:
            lines.append(current)
            current = word
        else:
            current = f"{current} {word}".strip()
    if current:
        lines.append(current)
    return lines


def fpdf_document(paragraphs: list[str], *, title: str | None = None, unicode_font: Path | None = None,
                  encrypt: dict | None = None, pages: int = 1, header: str | None = None) -> bytes:
    """A PDF made with fpdf2 (Helvetica, or a TrueType font for non-Latin text)."""
    from fpdf import FPDF

    pdf = FPDF()
    if title:
        pdf.set_title(title)
        pdf.set_author("Velmor Courier newsroom")
    if unicode_font is not None:
        pdf.add_font("uni", fname=str(unicode_font))
        family = "uni"
    else:
        family = "Helvetica"
    for page in range(pages):
        pdf.add_page()
        if header:
            pdf.set_font(family, size=8)
            pdf.cell(0, 6, f"{header} - page {page + 1}")
            pdf.ln(10)
        pdf.set_font(family, size=11)
        for paragraph in paragraphs:
            if unicode_font is None:  # the core fonts hold Latin-1 only
                paragraph = paragraph.translate(ASCII_PUNCT).encode("latin-1", "replace").decode("latin-1")
            pdf.multi_cell(0, 6, paragraph)
            pdf.ln(3)
    if encrypt:
        pdf.set_encryption(**encrypt)
    return bytes(pdf.output())


def find_unicode_font() -> Path | None:
    for candidate in ("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
                      "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf"):
        if Path(candidate).exists():
            return Path(candidate)
    return None


# ---------------------------------------------------------------------------------------------------
# archive helpers


def gzip_bytes(data: bytes, name: str | None = None) -> bytes:
    out = io.BytesIO()
    with gzip.GzipFile(filename=name or "", mode="wb", fileobj=out, mtime=0) as stream:
        stream.write(data)
    return out.getvalue()


def gzip_bomb(path: Path, unpacked: int, byte: bytes = b"\x00") -> None:
    """A gzip file of ``unpacked`` bytes of ``byte``, written compressed only: one compressed member of
    16 MiB repeated (gzip allows concatenated members), so that writing it takes milliseconds."""
    chunk = 16 * 2**20
    member = gzip_bytes(byte * chunk)
    with path.open("wb") as out:
        for _ in range(unpacked // chunk):
            out.write(member)


def zip_bytes(members: dict[str, bytes], compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return out.getvalue()


def zip_of_zeros(path: Path, member_size: int) -> None:
    """A ZIP with one member of ``member_size`` zero bytes, streamed (never held in memory)."""
    block = b"\x00" * (4 * 2**20)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        with archive.open("zeros.txt", "w", force_zip64=True) as stream:
            for _ in range(member_size // len(block)):
                stream.write(block)


def mark_zip_encrypted(data: bytes) -> bytes:
    """Set the "encrypted" flag of every member (local and central headers): a member zipfile refuses."""
    buf = bytearray(data)
    i = 0
    while (i := buf.find(b"PK\x03\x04", i)) != -1:
        flags = struct.unpack_from("<H", buf, i + 6)[0]
        struct.pack_into("<H", buf, i + 6, flags | 1)
        i += 4
    i = 0
    while (i := buf.find(b"PK\x01\x02", i)) != -1:
        flags = struct.unpack_from("<H", buf, i + 8)[0]
        struct.pack_into("<H", buf, i + 8, flags | 1)
        i += 4
    return bytes(buf)


def lie_about_zip_size(data: bytes, size: int) -> bytes:
    """Write ``size`` as every member's uncompressed size in the central directory (a lying header)."""
    buf = bytearray(data)
    i = 0
    while (i := buf.find(b"PK\x01\x02", i)) != -1:
        struct.pack_into("<I", buf, i + 24, size)
        i += 4
    return bytes(buf)


# ---------------------------------------------------------------------------------------------------
# the generator


class Writer:
    """Writes case files under ``root`` and collects the cases."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.cases: list[Case] = []
        self.names: set[str] = set()

    def add(self, case: Case) -> Case:
        if case.name in self.names:
            raise ValueError(f"duplicate case name {case.name}")
        self.names.add(case.name)
        self.cases.append(case)
        return case

    def file(self, kind: str, name: str, data: bytes | str, *, ext: str = ".txt", filename: str | None = None,
             **fields) -> Case:
        folder = self.root / kind
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / (filename if filename is not None else name + ext)
        path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
        return self.add(Case(name=name, path=path, kind=kind, **fields))

    def folder(self, kind: str, name: str) -> Path:
        path = self.root / kind / name
        path.mkdir(parents=True, exist_ok=True)
        return path


def generate_cases(root: Path) -> list[Case]:
    """Write every hostile case under ``root`` (created if missing) and return them."""
    root = Path(root)
    root.mkdir(parents=True, exist_ok=True)
    w = Writer(root)
    rng = random.Random(20240305)
    good_cases(w, rng)
    encoding_cases(w, rng)
    text_cases(w, rng)
    json_cases(w, rng)
    html_cases(w, rng)
    feed_cases(w, rng)
    pdf_cases(w, rng)
    archive_cases(w, rng)
    file_cases(w, rng)
    return w.cases


# --- good articles ----------------------------------------------------------------------------------


def good_cases(w: Writer, rng: random.Random) -> None:
    for i in range(10):
        w.file("good", f"good-txt-en-{i}", en_article(rng, paragraphs=2 + i % 3), good=True)
    for lang, article in NATIVE.items():
        w.file("good", f"good-txt-{lang}", article, good=True, expect_text=(NATIVE_PROBE[lang],))
    w.file("good", "good-txt-crlf", en_article(rng).replace("\n", "\r\n"), good=True)
    w.file("good", "good-txt-hardwrapped", "\n".join(wrap(en_article(rng).replace("\n\n", "\n\n\n"), 68)),
           good=True)
    w.file("good", "good-txt-no-title", en_paragraph(rng, 5), good=True)
    w.file("good", "good-txt-md-suffix", en_article(rng), ext=".md", good=True, note="unknown suffix, plain text")
    w.file("good", "good-txt-no-suffix", en_article(rng), ext="", good=True)

    for i in range(5):
        paragraphs = [esc(en_paragraph(rng, 3)) for _ in range(2 + i % 3)]
        w.file("good", f"good-html-{i}", html_page(f"Bridge in {EN_PLACES[i]} to reopen", paragraphs), ext=".html",
               good=True)
    for lang in ("ru", "fr", "de"):
        title, *body = [p for p in NATIVE[lang].split("\n\n") if p.strip()]
        w.file("good", f"good-html-{lang}", html_page(esc(title), [esc(p) for p in body], lang=lang), ext=".html",
               good=True, expect_text=(NATIVE_PROBE[lang],))
    w.file("good", "good-html-fragment-in-txt",
           "".join(f"<p>{esc(en_paragraph(rng, 3))}</p>\n" for _ in range(6)), good=True,
           note="HTML fragment without <html>, told by its tags")

    def record(i: int, lang: str = "en") -> dict:
        if lang == "en":
            text = en_article(rng)
        else:
            text = NATIVE[lang]
        return {"id": f"rec-{lang}-{i}", "title": f"Record {i}", "url": f"https://news.example.org/{lang}/{i}",
                "outlet": "Example News", "published": "2024-03-05", "language": lang, "text": text}

    w.file("good", "good-json-object", json.dumps(record(1), ensure_ascii=False), ext=".json", good=True)
    w.file("good", "good-json-object-ascii", json.dumps(record(2, "ru")), ext=".json", good=True,
           expect_text=(NATIVE_PROBE["ru"],), note="\\u escapes")
    w.file("good", "good-json-minimal", json.dumps({"text": en_article(rng)}), ext=".json", good=True)
    w.file("good", "good-json-list", json.dumps([record(i, lang) for i, lang in enumerate(["en", "fr", "de"])],
                                                ensure_ascii=False), ext=".json", good=True, records=3)
    langs = ["en", "ru", "fr", "de", "es", "ar"]
    w.file("good", "good-jsonl-6", "\n".join(json.dumps(record(i, lang), ensure_ascii=False)
                                             for i, lang in enumerate(langs)) + "\n", ext=".jsonl", good=True,
           records=6)
    w.file("good", "good-jsonl-3-no-lang", "\n".join(json.dumps({"text": en_article(rng)}) for _ in range(3)),
           ext=".jsonl", good=True, records=3)
    w.file("good", "good-jsonl-in-txt", "\n".join(json.dumps({"text": en_article(rng), "id": f"t{i}"})
                                                  for i in range(3)), good=True, records=3,
           note="JSONL content in a .txt")


# --- encodings --------------------------------------------------------------------------------------


def encoding_cases(w: Writer, rng: random.Random) -> None:
    variants = {
        "utf-8": lambda t: t.encode("utf-8"),
        "utf-8-bom": lambda t: t.encode("utf-8-sig"),
        "utf-16-le-bom": lambda t: b"\xff\xfe" + t.encode("utf-16-le"),
        "utf-16-be-bom": lambda t: b"\xfe\xff" + t.encode("utf-16-be"),
        "utf-16-le-nobom": lambda t: t.encode("utf-16-le"),
        "utf-16-be-nobom": lambda t: t.encode("utf-16-be"),
        "utf-8-crlf": lambda t: t.replace("\n", "\r\n").encode("utf-8"),
        "utf-8-cr": lambda t: t.replace("\n", "\r").encode("utf-8"),
    }
    for lang in ("ru", "fr", "de", "ar"):
        for label, encode in variants.items():
            w.file("encoding", f"enc-{lang}-{label}", encode(NATIVE[lang]), good=True,
                   expect_text=(NATIVE_PROBE[lang],))
    legacy = {"ru": ["cp1251", "koi8-r", "iso8859-5", "cp866"], "fr": ["cp1252", "latin-1", "iso8859-15", "mac_roman"],
              "de": ["cp1252", "latin-1", "cp850"], "es": ["cp1252"], "ar": ["cp1256", "iso8859-6"]}
    for lang, encodings in legacy.items():
        for encoding in encodings:
            w.file("encoding", f"enc-{lang}-{encoding}", encode_lossy(NATIVE[lang], encoding), good=True,
                   expect_text=(NATIVE_PROBE[lang],), note=f"legacy charset {encoding}")
    en = en_article(rng)
    w.file("encoding", "enc-utf-32-le-bom", b"\xff\xfe\x00\x00" + en.encode("utf-32-le"), note="UTF-32 with BOM")
    w.file("encoding", "enc-utf-32-be-bom", b"\x00\x00\xfe\xff" + en.encode("utf-32-be"), note="UTF-32 with BOM")
    w.file("encoding", "enc-utf-7", en.replace("said", "said\u00e9").encode("utf-7"))
    # invalid and mixed bytes
    fr = FR_ARTICLE.encode("utf-8")
    w.file("encoding", "enc-utf8-one-stray-latin1-byte", fr[:200] + b" caf\xe9 " + fr[200:], good=True,
           expect_text=(NATIVE_PROBE["fr"],), note="UTF-8 with one Latin-1 byte: the rest must not turn to mojibake")
    w.file("encoding", "enc-utf8-one-0x81", fr[:200] + b"\x81" + fr[200:], good=True,
           expect_text=(NATIVE_PROBE["fr"],), note="0x81 is undefined in Windows-1252 too")
    w.file("encoding", "enc-utf8-truncated-multibyte", RU_ARTICLE.encode("utf-8") + "Ж".encode()[:1], good=True,
           expect_text=(NATIVE_PROBE["ru"],), note="file cut inside a UTF-8 character")
    w.file("encoding", "enc-utf8-overlong", en.encode() + b" \xc0\xaf \xe0\x80\xaf ", good=True,
           note="overlong UTF-8 sequences")
    w.file("encoding", "enc-utf8-surrogate-bytes", en.encode() + b" \xed\xa0\x80 ", good=True,
           note="CESU/WTF-8 surrogate bytes")
    w.file("encoding", "enc-mixed-utf8-cp1251", RU_ARTICLE.encode("utf-8") + "\n\n".encode()
           + "Продолжение следует.".encode("cp1251"), good=True, expect_text=(NATIVE_PROBE["ru"],))
    w.file("encoding", "enc-random-high-bytes", bytes(rng.randrange(0x80, 0x100) for _ in range(3000)))
    w.file("encoding", "enc-bom-only-utf8", b"\xef\xbb\xbf", expect_failure=True)
    w.file("encoding", "enc-bom-only-utf16", b"\xff\xfe", expect_failure=True)
    w.file("encoding", "enc-utf16-odd-length", b"\xff\xfe" + en.encode("utf-16-le") + b"A",
           note="UTF-16 with a dangling byte")
    w.file("encoding", "enc-utf16-bom-then-utf8", b"\xff\xfe" + en.encode("utf-8"),
           note="UTF-16 BOM on UTF-8 bytes")
    w.file("encoding", "enc-double-bom", b"\xef\xbb\xbf\xef\xbb\xbf" + en.encode(), good=True)
    w.file("encoding", "enc-html-meta-cp1251",
           html_page("Мост откроют к марту", [esc(p) for p in RU_ARTICLE.split("\n\n")[1:]], charset="windows-1251",
                     lang="ru").encode("cp1251", errors="replace"), ext=".html", good=True,
           expect_text=(NATIVE_PROBE["ru"],), note="the page declares its charset")
    w.file("encoding", "enc-html-meta-latin1",
           html_page("Médiathèque", [esc(p) for p in FR_ARTICLE.split("\n\n")[1:]], charset="iso-8859-1",
                     lang="fr").encode("latin-1", errors="replace"), ext=".html", good=True,
           expect_text=(NATIVE_PROBE["fr"],))
    w.file("encoding", "enc-html-meta-says-utf8-is-cp1252",
           html_page("Brücke", [esc(p) for p in DE_ARTICLE.split("\n\n")[1:]], lang="de").encode("cp1252", "replace"),
           ext=".html", good=True, expect_text=(NATIVE_PROBE["de"],), note="meta says utf-8, bytes are cp1252")
    w.file("encoding", "enc-json-cp1252", json.dumps({"text": FR_ARTICLE}, ensure_ascii=False).encode("cp1252",
                                                                                                     "replace"),
           ext=".json", good=True, expect_text=(NATIVE_PROBE["fr"],))
    w.file("encoding", "enc-json-utf16", b"\xff\xfe" + json.dumps({"text": RU_ARTICLE}).encode("utf-16-le"),
           ext=".json", good=True, expect_text=(NATIVE_PROBE["ru"],))


# --- text content -----------------------------------------------------------------------------------


def text_cases(w: Writer, rng: random.Random) -> None:
    article = en_article(rng)
    body = en_paragraph(rng, 4)
    w.file("text", "text-empty", b"", expect_failure=True)
    for n in (1, 1000, 200_000):
        w.file("text", f"text-spaces-{n}", " " * n, expect_failure=True)
    w.file("text", "text-whitespace-mix", " \t\n\r\f\v\u00a0\u2003\u3000\n" * 200, expect_failure=True,
           note="unicode spaces too (NBSP, em space, ideographic space)")
    w.file("text", "text-newlines-100k", "\n" * 100_000, expect_failure=True)
    w.file("text", "text-only-punctuation", "!?.,;:-\u2014()[]{}\"'\u00ab\u00bb" * 50)
    w.file("text", "text-punctuation-lines", "\n".join(c * 60 for c in "-=*#.~_+!?") * 5)
    w.file("text", "text-single-word", "Velmor")
    w.file("text", "text-single-word-newline", "Velmor\n")
    w.file("text", "text-single-char", "x")
    w.file("text", "text-single-sentence", "The bridge in Velmor reopened on Monday.", good=True)
    w.file("text", "text-title-only", "Bridge in Velmor to reopen\n\n")
    for n in (6_000, 60_000, 600_000):
        w.file("text", f"text-token-{n}", ("Ab/" * (n // 3))[:n], timeout=120 if n > 100_000 else None)
    w.file("text", "text-token-60k-in-prose", body + " " + "Ab/" * 20_000 + " " + body, good=True)
    w.file("text", "text-url-60k", "See https://velmor.example/" + "a" * 60_000 + " for details. " + body,
           good=True)
    w.file("text", "text-digits-60k", body + " The code was " + "7" * 60_000 + ". " + body, good=True)
    for label, size in (("100k", 100_000), ("1m", 1_050_000), ("3m", 3_100_000)):
        w.file("text", f"text-prose-{label}", en_prose(rng, size), good=True, timeout=120 if size > 200_000 else 60,
               note="longer than spaCy's max_length" if size > 1_000_000 else "")
    w.file("text", "text-10000-sentences-one-paragraph",
           " ".join(rng.choice(["The council met.", "Officials spoke.", "It rained.", "Trains were late.",
                                "Nobody was hurt.", "Shops closed early."]) for _ in range(10_000)), good=True,
           timeout=120)
    w.file("text", "text-30000-quotes", "\u201cYes,\u201d he said. " * 30_000, timeout=120)
    w.file("text", "text-30000-quotes-ascii", "\"Yes,\" he said. " * 30_000, timeout=120)
    w.file("text", "text-30000-quotes-lines", "\"Yes,\" he said.\n" * 30_000, timeout=120)
    w.file("text", "text-unbalanced-quotes", body + " \u201c" * 5_000 + body, good=True)
    for n in (5_000, 50_000):
        w.file("text", f"text-nested-parens-{n}", "(" * n + body + ")" * n, timeout=120 if n > 10_000 else None)
    w.file("text", "text-open-parens-10000", body + " " + "(" * 10_000, good=True)
    w.file("text", "text-nested-brackets-quotes",
           "".join("\u201c(" for _ in range(3000)) + body + "".join(")\u201d" for _ in range(3000)))
    for n in (20_000, 200_000):
        line = " ".join(en_sentence(rng) for _ in range(n // 100))
        w.file("text", f"text-long-line-{n}", line[:n] + "\n", good=True, timeout=120 if n > 50_000 else None)
    w.file("text", "text-many-short-lines", "\n".join(("word " * rng.randint(1, 3)).strip() for _ in range(20_000)),
           timeout=120)
    w.file("text", "text-50000-paragraphs", "\n\n".join("It rained." for _ in range(50_000)), timeout=120)
    w.file("text", "text-punct-lines-in-prose",
           article.replace("\n\n", "\n\n" + "*" * 40 + "\n\n" + "-" * 80 + "\n\n"), good=True)
    # NUL and control characters
    w.file("text", "text-nul-start", "\x00" + article)
    w.file("text", "text-nul-middle", article[:100] + "\x00" + article[100:])
    w.file("text", "text-nul-after-8k", en_prose(rng, 9000) + "\x00" + body, good=True,
           note="a NUL past the binary sniff window")
    w.file("text", "text-nul-every-word-after-8k", en_prose(rng, 9000) + body.replace(" ", "\x00 "), good=True)
    controls = "".join(chr(c) for c in range(1, 32) if chr(c) not in "\n\t\r") + "\x7f"
    w.file("text", "text-c0-controls", article.replace(". ", ". " + controls + " ", 3), good=True)
    for c in range(1, 32):
        if chr(c) in "\n\t\r":
            continue
        if c in (0x0b, 0x0c, 0x1b, 0x1c, 0x1d, 0x1e, 0x1f, 0x08, 0x07, 0x01):
            w.file("text", f"text-control-{c:02x}", article.replace(" ", chr(c), 25), good=True)
    w.file("text", "text-c1-controls", article.replace(". ", ". \x85 \x9b \x80 \x9f ", 4), good=True)
    w.file("text", "text-nel-line-breaks", article.replace("\n", "\x85"), good=True)
    w.file("text", "text-unicode-line-separators", article.replace("\n\n", "\u2029").replace(". ", ".\u2028"),
           good=True)
    w.file("text", "text-form-feeds-10000", body + "\f" * 10_000 + body, good=True)
    w.file("text", "text-form-feed-pages", "\n\f\n".join(en_article(rng) for _ in range(5)), good=True)
    w.file("text", "text-backspaces", body.replace("e", "e\b", 40), good=True)
    # terminal escapes
    ansi = "\x1b[31m red \x1b[0m \x1b]0;pwned title\x07 \x1b[2J\x1b[H \x1b[?1049h \x1b]8;;http://evil.example\x07link\x1b]8;;\x07"
    w.file("text", "text-ansi-in-body", article.replace(". ", ". " + ansi + " ", 3), good=True)
    w.file("text", "text-ansi-title", "\x1b[2J\x1b]0;owned\x07Bridge reopens \x1b[5mnow\x1b[0m\n\n" + body, good=True)
    w.file("text", "text-ansi-only", ansi * 20)
    # invisible and direction-changing characters
    w.file("text", "text-bidi-override", article.replace("bridge", "\u202ebridge\u202c"), good=True)
    w.file("text", "text-bidi-isolates", article.replace(" said", " \u2066said\u2069 \u200f"), good=True)
    w.file("text", "text-zero-width", article.replace(" ", " \u200b", 30).replace("a", "a\u200d", 30)
           .replace("e", "\u2060e", 30).replace("o", "o\ufeff", 30), good=True)
    w.file("text", "text-zero-width-names", body.replace("Velmor", "Vel\u200bmor"), good=True)
    w.file("text", "text-soft-hyphens", body.replace("tion", "\u00adtion"), good=True)
    w.file("text", "text-combining-1k", "Z" + "\u0301\u0316\u0334" * 333 + " " + body, good=True)
    w.file("text", "text-combining-100k", "Z" + "\u0301" * 100_000 + " " + body, good=True, timeout=120)
    w.file("text", "text-zalgo-words", " ".join(word + "\u0336\u0301" * 8 for word in body.split()), good=True)
    w.file("text", "text-emoji", body.replace(". ", ". \U0001f525\U0001f1fa\U0001f1e6 \U0001f468\u200d\U0001f469"
                                                   "\u200d\U0001f467 ", 5), good=True)
    w.file("text", "text-emoji-only", "\U0001f600\U0001f4a9\U0001f525" * 2000)
    w.file("text", "text-private-use-and-nonchars", body + " \ue000\uf8ff\ufffe\uffff\U0010fffd", good=True)
    w.file("text", "text-astral-names", body.replace("Velmor", "\U00010400\U00010401mor"), good=True)
    w.file("text", "text-fullwidth", body.translate({i: i + 0xFEE0 for i in range(0x21, 0x7f)}), good=True)
    w.file("text", "text-homoglyph-cyrillic", body.replace("a", "а").replace("o", "о"), good=True)
    w.file("text", "text-lone-surrogate-escape-in-txt", body + " \\ud800 \\udfff", good=True)
    # prose that looks like another format
    w.file("text", "text-starts-with-brace", "{Update} " + article, good=True, note="prose starting with {")
    w.file("text", "text-starts-with-bracket", "[Updated 14:00] " + article, good=True, note="prose starting with [")
    w.file("text", "text-starts-with-bracket-json-suffix", "[Updated 14:00] " + article, ext=".json",
           note="prose in a .json: a clear JSON error is fine")
    w.file("text", "text-mentions-pdf-header",
           "The leaked file, a %PDF-1.4 document of 40 pages, was sent to reporters. " + article, good=True,
           note="%PDF- in the first 1024 bytes of prose")
    w.file("text", "text-mentions-pdf-later", en_prose(rng, 2000) + " The file was a %PDF-1.4 document. ",
           good=True)
    w.file("text", "text-starts-with-rss", "<rss> readers complained on Monday. " + article, good=True,
           note="prose starting with <rss")
    w.file("text", "text-starts-with-feed", "<feed> prices rose again, farmers in Karsk said. " + article,
           good=True)
    w.file("text", "text-starts-with-html-word", "<html> tags were the topic of the meetup. " + article, good=True)
    w.file("text", "text-starts-with-xml-decl", "<?xml version=\"1.0\"?> was the first line. " + article, good=True)
    w.file("text", "text-starts-with-pk", "PK\x03\x04 is how a zip begins, the trainer said. " + article,
           good=True)
    w.file("text", "text-starts-with-gzip-magic", b"\x1f\x8b" + article.encode(),
           note="gzip magic then text: a clear broken-gzip message")
    w.file("text", "text-starts-with-id3", "ID3 tags were missing, the archivist said. " + article, good=True)
    w.file("text", "text-starts-with-bzh", "BZh is the start of the code. " + article, good=True)
    w.file("text", "text-starts-with-riff", "RIFF between the ministries widened on Monday. " + article, good=True)
    w.file("text", "text-starts-with-gif8", "GIF89a images were banned at the office. " + article, good=True)
    w.file("text", "text-starts-with-rtf", "{\\rtf of the meeting was leaked. " + article, good=True)
    w.file("text", "text-markdown", "# Bridge reopens\n\n*By staff*\n\n" + article + "\n\n| a | b |\n|---|---|\n| 1 | 2 |\n",
           ext=".md", good=True)
    w.file("text", "text-rich-markup", "[bold red]Alert[/bold red] [link=http://evil.example]x[/link] :warning: "
           + article, good=True, note="rich console markup in text")
    w.file("text", "text-format-braces", "{0} {name!r} {__class__} %s %(x)s " + article, good=True)
    w.file("text", "text-html-escaped-entities", article.replace(" the ", " &amp;the&nbsp;&#8212; "), good=True)
    w.file("text", "text-numbers-huge", body + " It cost " + "9" * 5000 + " euros and "
           + "1,000," * 2000 + "000 dollars, up 1e308 % or 10^10^10.", good=True)
    w.file("text", "text-dates-odd", body + " On 31 February 2024, at 25:61 on 0000-00-00 and in the year 99999, "
           "on 1/1/1, in 10,000 BC and on 2038-01-19T03:14:08Z.", good=True)
    w.file("text", "text-repeated-names", " ".join(f"{rng.choice(EN_ROLES)} {rng.choice(EN_GIVEN)} "
                                                   f"{rng.choice(EN_FAMILY)} said." for _ in range(5000)),
           good=True, timeout=120)
    w.file("text", "text-one-word-repeated", "bridge " * 200_000, timeout=120)
    w.file("text", "text-mixed-scripts", RU_ARTICLE + "\n\n" + AR_ARTICLE + "\n\n" + FR_ARTICLE + "\n\n"
           + "中国的桥梁于周一重新开放。东京で会議が開かれた。서울에서 회의가 열렸다.\n", good=True)
    w.file("text", "text-cjk-only", "维尔莫尔的桥梁将于三月重新开放，交通部长周一表示。" * 30, good=True)
    w.file("text", "text-hebrew-rtl", "ראש העיר של ולמור אמר ביום שני כי הגשר ייפתח מחדש במרץ. " * 10, good=True)
    w.file("text", "text-thai-no-spaces", "สะพานในเมืองเวลมอร์จะเปิดอีกครั้งในเดือนมีนาคม" * 20, good=True)


# --- JSON / JSONL -----------------------------------------------------------------------------------


def json_cases(w: Writer, rng: random.Random) -> None:
    text = en_article(rng)
    j = lambda obj: json.dumps(obj, ensure_ascii=False)  # noqa: E731
    w.file("json", "json-empty-array", "[]", ext=".json", expect_failure=True, note="no article: must say so")
    w.file("json", "json-empty-object", "{}", ext=".json", expect_failure=True)
    w.file("json", "json-null", "null", ext=".json", expect_failure=True)
    w.file("json", "json-true", "true", ext=".json", expect_failure=True)
    w.file("json", "json-number", "42", ext=".json", expect_failure=True)
    w.file("json", "json-string", j(text), ext=".json", note="a bare JSON string")
    w.file("json", "json-array-of-strings", j([text, text]), ext=".json")
    w.file("json", "json-array-of-empty", "[{}, {}, []]", ext=".json", expect_failure=True)
    for depth in (1_000, 100_000):
        w.file("json", f"json-nested-arrays-{depth}", "[" * depth + "]" * depth, ext=".json", expect_failure=True)
        w.file("json", f"json-nested-objects-{depth}", '{"a":' * depth + "1" + "}" * depth, ext=".json",
               expect_failure=True)
    w.file("json", "json-nested-arrays-100k-txt", "[" * 100_000 + "]" * 100_000, expect_failure=True,
           note="same, as .txt")
    w.file("json", "json-nested-unclosed-100k", "[" * 100_000, ext=".json", expect_failure=True)
    w.file("json", "json-deep-in-field", j({"text": text, "extra": None}).replace("null", "[" * 50_000 + "]" * 50_000),
           ext=".json", expect_failure=True,
           note="a deep value in an unknown field: refused, nested past max_json_depth (the parser would recurse)")
    big = "9" * 5000
    w.file("json", "json-5000-digit-field", '{"text": ' + j(text) + ', "views": ' + big + "}", ext=".json",
           good=True, note="an integer of 5,000 digits in an unknown field")
    w.file("json", "json-5000-digit-text", '{"text": ' + big + "}", ext=".json", expect_failure=True)
    w.file("json", "json-5000-digit-id", '{"id": ' + big + ', "text": ' + j(text) + "}", ext=".json", good=True)
    w.file("json", "json-5000-digit-float", '{"text": ' + j(text) + ', "score": 1.' + big + "e99999}", ext=".json",
           good=True)
    w.file("json", "json-5000-digit-jsonl-line", j({"text": text}) + "\n" + '{"text": ' + big + "}\n"
           + j({"text": text}) + "\n", ext=".jsonl", good=True, records=2)
    w.file("json", "json-nan-infinity", '{"text": ' + j(text) + ', "a": NaN, "b": Infinity, "c": -Infinity}',
           ext=".json", good=True)
    w.file("json", "json-text-nan", '{"text": NaN}', ext=".json", expect_failure=True)
    for label, value in (("number", 12), ("list", [text]), ("null", None), ("bool", True), ("object", {"en": text}),
                         ("empty", ""), ("whitespace", " \n\t ")):
        w.file("json", f"json-text-{label}", j({"text": value, "title": "A title"}), ext=".json",
               expect_failure=True)
    for field_name, values in {"title": [{"en": "x"}, ["a", "b"], 12, True, "", "\x1b[2J" + "t" * 10, "t" * 100_000],
                               "url": [["https://a.example"], 7, "javascript:alert(1)", "not a url", "http://",
                                       "https://[::1", "file:///etc/passwd", "https://" + "a." * 2000 + "example"],
                               "published": [20240305, {"y": 2024}, "yesterday", "0000-00-00", "9999-99-99",
                                             "2024-02-30", "-1", "1e400", "2024-03-05T25:61:00", "\x00"],
                               "outlet": [{"name": "x"}, ["a"], 5, "<script>alert(1)</script>", "x" * 10_000],
                               "id": [{"a": 1}, [1, 2], 1.5, True, -0.0, "", "a/b/../../c", "../../etc/passwd",
                                      "x" * 100_000, "\n", "CON", "id with spaces", "\x1b[31m"]}.items():
        for n, value in enumerate(values):
            w.file("json", f"json-{field_name}-{n}-{type(value).__name__}", j({"text": text, field_name: value}),
                   ext=".json", good=True, note=f"{field_name} = {str(value)[:40]!r}",
                   forbid=("\x1b",) if isinstance(value, str) and "\x1b" in value else ())
    for n, value in enumerate(["EN", "en-US", "en_GB", "xx", "", 12, None, ["en"], {"code": "en"}, "english",
                               "../en", "../../../../etc", "zz-Latn-XX", "ru", "ar", "fr", "de", "uk", "zh",
                               "a" * 1000, "en\n", " en ", "\u0435n"]):
        w.file("json", f"json-language-{n}", j({"text": text, "language": value}), ext=".json", good=True,
               note=f"language = {str(value)[:30]!r}")
    w.file("json", "json-lone-surrogate-text", '{"text": "' + text.replace("\n", "\\n").replace('"', '\\"')[:400]
           + ' \\ud800 end"}', ext=".json", good=True, note="lone surrogate escape in JSON")
    w.file("json", "json-lone-surrogate-title", '{"title": "x\\udfff", "text": ' + j(text) + "}", ext=".json",
           good=True)
    w.file("json", "json-lone-surrogate-id", '{"id": "a\\ud800b", "text": ' + j(text) + "}", ext=".json", good=True)
    w.file("json", "json-reversed-surrogates", '{"text": ' + j(text)[:-1] + ' \\udc00\\ud800"}', ext=".json",
           good=True)
    w.file("json", "json-nul-escape", '{"text": ' + j(text)[:-1] + ' \\u0000 after nul"}', ext=".json", good=True)
    w.file("json", "json-ansi-escape", '{"title": "\\u001b[2J\\u001b]0;owned\\u0007", "text": ' + j(text) + "}",
           ext=".json", good=True, forbid=("\x1b",))
    w.file("json", "json-duplicate-keys", '{"text": "short", "text": ' + j(text) + "}", ext=".json", good=True)
    w.file("json", "json-trailing-garbage", j({"text": text}) + " trailing", ext=".json", expect_failure=True)
    w.file("json", "json-trailing-comma", '{"text": ' + j(text) + ",}", ext=".json", expect_failure=True)
    w.file("json", "json-single-quotes", "{'text': 'The bridge reopened.'}", ext=".json", expect_failure=True)
    w.file("json", "json-comments", '// comment\n{"text": ' + j(text) + "}", ext=".json", expect_failure=True)
    w.file("json", "json-truncated", j({"text": text})[:-20], ext=".json", expect_failure=True)
    w.file("json", "json-huge-key", '{"' + "k" * 200_000 + '": 1, "text": ' + j(text) + "}", ext=".json", good=True)
    w.file("json", "json-many-keys", json.dumps({**{f"k{i}": i for i in range(100_000)}, "text": text}),
           ext=".json", good=True)
    w.file("json", "json-list-100", j([{"text": en_article(rng), "id": f"l{i}"} for i in range(100)]), ext=".json",
           good=True, records=100, timeout=120)
    w.file("json", "json-list-mixed", j([{"text": text}, 5, None, {"text": ""}, {"text": text}, "str", []]),
           ext=".json", good=True, records=2)
    w.file("json", "json-list-of-lists", j([[{"text": text}]]), ext=".json", expect_failure=True)
    # JSONL
    good_line = lambda i: j({"id": f"ok-{i}", "text": en_article(rng)})  # noqa: E731
    w.file("json", "jsonl-one-bad-line", "\n".join([good_line(1), good_line(2), '{"text": "unterminated',
                                                    good_line(3), good_line(4)]), ext=".jsonl", good=True, records=4)
    w.file("json", "jsonl-200-lines", "\n".join(good_line(i) for i in range(200)), ext=".jsonl", good=True,
           records=200, timeout=180)
    w.file("json", "jsonl-duplicate-ids", "\n".join(j({"id": "same", "text": en_article(rng)}) for _ in range(4)),
           ext=".jsonl", good=True, records=4)
    w.file("json", "jsonl-duplicate-ids-with-suffix", "\n".join(j({"id": i, "text": en_article(rng)})
                                                               for i in ["a", "a", "a-2", "a-2", "a-3"]),
           ext=".jsonl", good=True, records=5, note="ids that collide with the -2 suffixes")
    w.file("json", "jsonl-ids-with-slashes", "\n".join(j({"id": i, "text": en_article(rng)})
                                                       for i in ["a/b", "../x", "/etc/passwd", "a\\b", "a!b:c"]),
           ext=".jsonl", good=True, records=5)
    w.file("json", "jsonl-huge-id", j({"id": "i" * 200_000, "text": text}), ext=".jsonl", good=True)
    w.file("json", "jsonl-bare-string-line", "\n".join([good_line(1), j("just a string"), good_line(2)]),
           ext=".jsonl", good=True, records=2)
    w.file("json", "jsonl-array-line", "\n".join([good_line(1), j([1, 2]), good_line(2)]), ext=".jsonl", good=True,
           records=2)
    w.file("json", "jsonl-number-line", "\n".join([good_line(1), "12", "null", good_line(2)]), ext=".jsonl",
           good=True, records=2)
    w.file("json", "jsonl-blank-lines-only", "\n \n\t\n", ext=".jsonl", expect_failure=True)
    w.file("json", "jsonl-all-bad", "nope\n{bad}\n[\n", ext=".jsonl", expect_failure=True)
    w.file("json", "jsonl-crlf", "\r\n".join(good_line(i) for i in range(3)) + "\r\n", ext=".jsonl", good=True,
           records=3)
    w.file("json", "jsonl-bom", "\ufeff" + "\n".join(good_line(i) for i in range(3)), ext=".jsonl", good=True,
           records=3)
    w.file("json", "jsonl-pretty-printed", "\n".join(json.dumps({"text": en_article(rng)}, indent=2)
                                                     for _ in range(2)), ext=".jsonl", good=True, records=2,
           note="two indented objects in a .jsonl")
    w.file("json", "jsonl-nested-deep-line", "\n".join([good_line(1), "[" * 100_000 + "]" * 100_000, good_line(2)]),
           ext=".jsonl", good=True, records=2)
    w.file("json", "jsonl-unicode-line-separator", good_line(1)[:-2] + "\u2028\u2029 x\"}\n" + good_line(2),
           ext=".jsonl", good=True, records=2, note="U+2028 inside a JSON string")
    w.file("json", "jsonl-nel-inside-string", good_line(1)[:-2] + "\x85 x\"}\n" + good_line(2), ext=".jsonl",
           good=True, records=2, note="U+0085 inside a JSON string")
    w.file("json", "jsonl-lone-surrogate-line", "\n".join([good_line(1), '{"text": "bad \\ud800 bridge '
                                                                          'reopened on Monday in Velmor, officials said."}',
                                                          good_line(2)]), ext=".jsonl", good=True, records=2)
    w.file("json", "jsonl-10000-empty-objects", "{}\n" * 10_000, ext=".jsonl", expect_failure=True, timeout=60)
    w.file("json", "jsonl-in-json-suffix", "\n".join(good_line(i) for i in range(3)), ext=".json", good=True,
           records=3)
    # JSON Feed oddities
    feed = lambda items: j({"version": "https://jsonfeed.org/version/1.1", "title": "Velmor Courier",  # noqa: E731
                            "items": items})
    w.file("json", "jsonfeed-items-number", feed(5), ext=".json", expect_failure=True)
    w.file("json", "jsonfeed-items-string", feed("abc"), ext=".json", expect_failure=True)
    w.file("json", "jsonfeed-items-object", feed({"a": {"content_text": text}}), ext=".json")
    w.file("json", "jsonfeed-items-empty", feed([]), ext=".json", expect_failure=True)
    w.file("json", "jsonfeed-content-html-list", feed([{"id": "1", "content_html": ["<p>x</p>"]}]), ext=".json")
    w.file("json", "jsonfeed-content-text-number", feed([{"id": "1", "content_text": 12}]), ext=".json",
           expect_failure=True)
    w.file("json", "jsonfeed-summary-object", feed([{"id": "1", "summary": {"a": 1}}]), ext=".json",
           expect_failure=True)
    w.file("json", "jsonfeed-date-odd", feed([{"id": "1", "content_text": text, "date_published": "2024-13-45"}]),
           ext=".json", good=True)
    w.file("json", "jsonfeed-language-number", j({"version": "https://jsonfeed.org/version/1", "language": 5,
                                                  "items": [{"content_text": text, "language": ["en"]}]}),
           ext=".json", good=True)


# --- HTML -------------------------------------------------------------------------------------------


def html_cases(w: Writer, rng: random.Random) -> None:
    paras = [esc(en_paragraph(rng, 3)) for _ in range(3)]
    unsafe = ("<script>window.__pwned", 'href="javascript:', "onerror=alert", "<script>alert")
    page = lambda **kw: html_page(kw.pop("title", "Bridge in Velmor to reopen"), kw.pop("paras", paras), **kw)  # noqa: E731
    w.file("html", "html-script-pwned", page(head_extra="<script>window.__pwned=1</script>",
                                            body_extra="<script>window.__pwned=1;document.title='x'</script>"),
           ext=".html", good=True, forbid_report=unsafe)
    w.file("html", "html-script-in-article",
           page(paras=paras[:1] + ["<script>window.__pwned=1</script>" + paras[1]] + paras[2:]), ext=".html",
           good=True, forbid_report=unsafe)
    w.file("html", "html-event-handlers",
           page(paras=[f'<img src=x onerror=alert(1)>{p}' for p in paras]).replace("<body>", '<body onload="alert(2)">'),
           ext=".html", good=True, forbid_report=unsafe)
    w.file("html", "html-javascript-urls", page(url="javascript:alert(document.cookie)",
                                                paras=[f'<a href="javascript:alert(1)">{p}</a>' for p in paras]),
           ext=".html", good=True, forbid_report=unsafe)
    w.file("html", "html-data-url", page(url="data:text/html,<script>alert(1)</script>"), ext=".html", good=True,
           forbid_report=unsafe)
    w.file("html", "html-title-script", page(title="Bridge &quot;reopens&quot; <script>alert(1)</script>'\"><"),
           ext=".html", good=True, forbid_report=unsafe)
    w.file("html", "html-sitename-script", page(site="<script>alert('x')</script>\"' onmouseover=alert(1) x=\""),
           ext=".html", good=True, forbid_report=unsafe)
    w.file("html", "html-title-raw-tags", page(title="</title><script>window.__pwned=1</script><title>"),
           ext=".html", good=True, forbid_report=unsafe)
    w.file("html", "html-escaped-script-text",
           page(paras=paras + ["The hacker typed &lt;script&gt;window.__pwned=1&lt;/script&gt; into the form."]),
           ext=".html", good=True, forbid_report=unsafe, note="script as text in the article")
    w.file("html", "html-iframe-object", page(body_extra='<iframe src="javascript:alert(1)"></iframe>'
                                                         '<object data="x.swf"></object><embed src="y">'),
           ext=".html", good=True, forbid_report=unsafe)
    w.file("html", "html-svg-script", page(paras=paras + ['<svg><script>window.__pwned=1</script></svg>']),
           ext=".html", good=True, forbid_report=unsafe)
    w.file("html", "html-style-expression", page(head_extra="<style>body{background:url(javascript:alert(1))}</style>"),
           ext=".html", good=True)
    for n in (10_000, 500_000):
        w.file("html", f"html-entity-flood-{n}", page(paras=paras + ["&#x41;" * n]), ext=".html", good=True,
               timeout=120 if n > 100_000 else None)
    w.file("html", "html-nested-amp", page(paras=paras + ["&" + "amp;" * 20_000 + "lt;"]), ext=".html", good=True)
    w.file("html", "html-unknown-entities", page(paras=paras + ["&bogus; &#xFFFFFFFF; &#0; &#55296; " * 2000]),
           ext=".html", good=True)
    w.file("html", "html-doctype-entity-bomb",
           '<?xml version="1.0"?><!DOCTYPE html [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
           '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">'
           '<!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;"><!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;">'
           '<!ENTITY g "&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;"><!ENTITY h "&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;">]>\n'
           + page(paras=paras + ["&h;"]), ext=".html", good=True)
    w.file("html", "html-meta-refresh-only",
           '<html><head><meta http-equiv="refresh" content="0; url=https://evil.example/"></head><body></body></html>',
           ext=".html", expect_failure=True)
    w.file("html", "html-meta-refresh-with-article",
           page(head_extra='<meta http-equiv="refresh" content="0; url=javascript:alert(1)">'), ext=".html",
           good=True, forbid_report=unsafe)
    w.file("html", "html-no-body-text", "<!DOCTYPE html><html><head><title>Nothing</title></head><body>"
           "<div></div><img src='a.png'></body></html>", ext=".html", expect_failure=True)
    w.file("html", "html-only-title", "<html><head><title>Bridge in Velmor reopens after repairs</title></head>"
           "</html>", ext=".html", expect_failure=True)
    w.file("html", "html-only-nav", "<!DOCTYPE html><html><body><nav><ul>" + "".join(
        f"<li><a href='/s{i}'>Section {i}</a></li>" for i in range(60)) + "</ul></nav></body></html>", ext=".html",
           expect_failure=True)
    w.file("html", "html-only-comments", "<!DOCTYPE html><html><body><!-- " + en_paragraph(rng, 4)
           + " --></body></html>", ext=".html", expect_failure=True)
    w.file("html", "html-unclosed-tags", "<html><body><article><p>" + "<p>".join(paras) + "<div><span><b>",
           ext=".html", good=True)
    w.file("html", "html-tag-soup", "<html><body>" + "".join(f"</div><p>{p}<td><li>" for p in paras), ext=".html",
           good=True)
    w.file("html", "html-cdata", page(paras=paras + ["<![CDATA[ raw ]]> text"]), ext=".html", good=True)
    w.file("html", "html-xhtml", '<?xml version="1.0" encoding="utf-8"?>\n'
           '<html xmlns="http://www.w3.org/1999/xhtml"><head><title>T</title></head><body><article>'
           + "".join(f"<p>{p}</p>" for p in paras) + "</article></body></html>", ext=".xhtml", good=True)
    for depth in (5_000, 50_000):
        nest = "<div>" * depth + "deep text" + "</div>" * depth
        w.file("html", f"html-nested-divs-{depth}-after-article", page(body_extra=nest), ext=".html", good=True,
               timeout=120, note="article first, then a deep nest")
        w.file("html", f"html-nested-divs-{depth}-around-article",
               "<!DOCTYPE html><html><body>" + "<div>" * depth + "<article>" + "".join(
                   f"<p>{p}</p>" for p in paras) + "</article>" + "</div>" * depth + "</body></html>", ext=".html",
               timeout=120, note="the article inside the nest")
    w.file("html", "html-nested-unclosed-50k", page(paras=paras) + "<b><i>" * 25_000, ext=".html", good=True,
           timeout=120)
    w.file("html", "html-5mb-boilerplate", page(body_extra="<div class='ad'>" + ("<span>Buy now</span>" * 20 + "\n")
                                                * 12_000 + "</div>"),
           ext=".html", good=True, timeout=120, note="a normal article in 5 MB of page")
    w.file("html", "html-5mb-article", page(paras=[esc(p) for p in en_prose(rng, 5_000_000).split("\n\n")]),
           ext=".html", timeout=120, note="5 MB of article text")
    w.file("html", "html-huge-title", page(title="Bridge " * 20_000), ext=".html", good=True)
    w.file("html", "html-huge-attribute", page(head_extra=f'<meta name="description" content="{"x" * 2_000_000}">'),
           ext=".html", good=True, timeout=120)
    w.file("html", "html-many-paragraphs-tiny", page(paras=["x"] * 50_000), ext=".html", timeout=120)
    w.file("html", "html-table-article", "<html><body><table>" + "".join(
        f"<tr><td>{p}</td></tr>" for p in paras) + "</table></body></html>", ext=".html", good=True)
    w.file("html", "html-pre-article", "<html><body><pre>" + en_article(rng) + "</pre></body></html>", ext=".html",
           good=True)
    w.file("html", "html-frameset", '<html><frameset><frame src="a.html"><frame src="b.html"></frameset></html>',
           ext=".html", expect_failure=True)
    w.file("html", "html-base-javascript", page(head_extra='<base href="javascript:alert(1)//">'), ext=".html",
           good=True, forbid_report=unsafe)
    w.file("html", "html-og-url-relative", page(url="/2024/03/05/bridge"), ext=".html", good=True)
    w.file("html", "html-og-url-weird", page(url="http://[::1]:99999/x"), ext=".html", good=True)
    w.file("html", "html-og-url-huge", page(url="https://" + "sub." * 5000 + "example.com/"), ext=".html", good=True)
    w.file("html", "html-date-odd", page(date="2024-02-30"), ext=".html", good=True)
    w.file("html", "html-date-far", page(date="99999-01-01"), ext=".html", good=True)
    w.file("html", "html-ansi-in-title", page(title="\x1b]0;owned\x07\x1b[2JBridge"), ext=".html", good=True,
           forbid=("\x1b",))
    w.file("html", "html-nul-in-page", page().replace("<article>", "<article>\x00"), ext=".html")
    w.file("html", "html-bidi-title", page(title="\u202egnidliub\u202c opens"), ext=".html", good=True)
    w.file("html", "html-noscript", page(body_extra="<noscript><p>" + paras[0] + "</p></noscript>"), ext=".html",
           good=True)
    w.file("html", "html-in-txt-suffix", page(), good=True)
    w.file("html", "html-in-pdf-suffix", page(), ext=".pdf", good=True)
    w.file("html", "html-saved-with-bom", "\ufeff" + page(), ext=".html", good=True)
    w.file("html", "html-comment-before-doctype", "<!-- saved from url=(0042)https://velmor.example/ -->\n" + page(),
           ext=".html", good=True)


# --- feeds ------------------------------------------------------------------------------------------


def rss(items: list[str], *, channel_extra: str = "", prolog: str = '<?xml version="1.0" encoding="UTF-8"?>') -> str:
    return (f'{prolog}\n<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>'
            f"<title>Velmor Courier</title><link>https://velmor-courier.example/</link><language>en-gb</language>"
            f"{channel_extra}{''.join(items)}</channel></rss>\n")


def rss_item(rng: random.Random, n: int, *, text: str | None = None, link: str | None = None,
             title: str | None = None) -> str:
    body = text if text is not None else esc("<p>" + en_paragraph(rng, 4) + "</p><p>" + en_paragraph(rng, 3) + "</p>")
    return (f"<item><title>{title if title is not None else f'Story {n} about Velmor'}</title>"
            f"<link>{link or f'https://velmor-courier.example/2024/03/0{n % 9 + 1}/story-{n}'}</link>"
            f"<pubDate>Tue, 05 Mar 2024 0{n % 9}:00:00 GMT</pubDate><description>{body}</description></item>")


def feed_cases(w: Writer, rng: random.Random) -> None:
    w.file("feed", "feed-rss-3", rss([rss_item(rng, i) for i in range(3)]), ext=".xml", good=True, records=3)
    w.file("feed", "feed-rss-content-encoded", rss([
        f"<item><title>Full {i}</title><link>https://velmor-courier.example/full/{i}</link>"
        f"<description>Short summary.</description><content:encoded><![CDATA[<p>{en_paragraph(rng, 4)}</p>"
        f"<p>{en_paragraph(rng, 3)}</p>]]></content:encoded></item>" for i in range(2)]), ext=".rss", good=True,
           records=2)
    entries = "".join(
        f"<entry><title>Entry {i}</title><link href='https://velmor-courier.example/a/{i}'/><id>urn:x:{i}</id>"
        f"<updated>2024-03-05T10:00:00Z</updated><content type='html'>{esc('<p>' + en_paragraph(rng, 4) + '</p>')}"
        f"</content></entry>" for i in range(2))
    w.file("feed", "feed-atom-2", f'<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
           f"<title>Karsk Herald</title><id>urn:karsk</id><updated>2024-03-05T10:00:00Z</updated>{entries}</feed>",
           ext=".atom", good=True, records=2)
    w.file("feed", "feed-atom-xhtml", '<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>K</title>'
           "<entry><title>X</title><id>1</id><content type='xhtml'><div xmlns='http://www.w3.org/1999/xhtml'><p>"
           + esc(en_paragraph(rng, 4)) + "</p></div></content></entry></feed>", ext=".atom", good=True)
    w.file("feed", "feed-rdf-rss1", '<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"'
           ' xmlns="http://purl.org/rss/1.0/"><channel rdf:about="x"><title>Quenby Post</title></channel>'
           '<item rdf:about="https://quenby.example/1"><title>One</title><link>https://quenby.example/1</link>'
           f"<description>{esc(en_paragraph(rng, 4))}</description></item></rdf:RDF>", ext=".rdf", good=True)
    w.file("feed", "feed-json-2", json.dumps({"version": "https://jsonfeed.org/version/1.1", "title": "Marrowby Daily",
                                              "items": [{"id": str(i), "url": f"https://marrowby.example/{i}",
                                                         "title": f"Item {i}", "content_text": en_article(rng),
                                                         "date_published": "2024-03-05T10:00:00Z"}
                                                        for i in range(2)]}), ext=".json", good=True, records=2)
    w.file("feed", "feed-rss-empty-item", rss([rss_item(rng, 1), "<item></item>"]), ext=".xml", good=True, records=1,
           note="the empty item must be named in a failure")
    w.file("feed", "feed-rss-no-items", rss([]), ext=".xml", expect_failure=True, note="a feed with no entries")
    w.file("feed", "feed-atom-no-entries", '<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom">'
           "<title>Empty</title></feed>", ext=".atom", expect_failure=True)
    w.file("feed", "feed-billion-laughs",
           '<?xml version="1.0"?>\n<!DOCTYPE rss [<!ENTITY a "lollollollollollollollollollol">'
           + "".join(f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(9))
           + ']>\n<rss version="2.0"><channel><title>&j;</title><item><title>&j;</title>'
           "<description>&j; The bridge in Velmor reopened on Monday, the mayor said.</description></item>"
           "</channel></rss>", ext=".xml", timeout=60, note="billion laughs (10^10 expansion)")
    w.file("feed", "feed-quadratic-blowup",
           '<?xml version="1.0"?>\n<!DOCTYPE rss [<!ENTITY a "' + "x" * 50_000 + '">]>\n<rss version="2.0"><channel>'
           "<title>T</title><item><title>T</title><description>" + "&a;" * 50_000 + "</description></item>"
           "</channel></rss>", ext=".xml", timeout=60, note="quadratic blowup (2.5 GB if expanded)")
    w.file("feed", "feed-xxe-file", '<?xml version="1.0"?>\n<!DOCTYPE rss [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
           '\n<rss version="2.0"><channel><title>T</title><item><title>XXE</title><description>&x; The bridge in '
           "Velmor reopened on Monday, the mayor said.</description></item></channel></rss>", ext=".xml",
           forbid=("root:x:0",), note="external entity must not be read")
    w.file("feed", "feed-xxe-network", '<?xml version="1.0"?>\n<!DOCTYPE rss [<!ENTITY x SYSTEM '
           '"http://169.254.169.254/latest/meta-data/">]>\n<rss version="2.0"><channel><title>T</title><item>'
           "<title>XXE</title><description>&x; The bridge reopened on Monday in Velmor.</description></item>"
           "</channel></rss>", ext=".xml", timeout=30)
    w.file("feed", "feed-malformed-unclosed", rss([rss_item(rng, 1)]).replace("</channel></rss>", "<item><title>"),
           ext=".xml", note="malformed XML")
    w.file("feed", "feed-malformed-garbage", '<?xml version="1.0"?><rss version="2.0"><channel><title>x</title>'
           "<<<>>>&&&</rss>", ext=".xml")
    w.file("feed", "feed-rss-only-prolog", '<?xml version="1.0"?><rss', ext=".xml", expect_failure=True)
    w.file("feed", "feed-rss-300-items", rss([rss_item(rng, i) for i in range(300)]), ext=".xml", good=True,
           records=300, timeout=180)
    w.file("feed", "feed-item-javascript-link", rss([rss_item(rng, 1, link="javascript:alert(1)")]), ext=".xml",
           good=True, forbid_report=('href="javascript:',))
    w.file("feed", "feed-item-script-description",
           rss([rss_item(rng, 1, text=esc("<script>window.__pwned=1</script><p>" + en_paragraph(rng, 4) + "</p>"))]),
           ext=".xml", good=True, forbid_report=("<script>window.__pwned",))
    w.file("feed", "feed-item-script-title", rss([rss_item(rng, 1, title=esc("<script>alert(1)</script>\"'"))]),
           ext=".xml", good=True, forbid_report=("<script>alert",))
    w.file("feed", "feed-item-ansi", rss([rss_item(rng, 1, title="\x1b]0;owned\x07 Bridge")]), ext=".xml",
           forbid=("\x1b",))
    w.file("feed", "feed-dates-odd", rss([rss_item(rng, 1).replace("Tue, 05 Mar 2024", "Fri, 30 Feb 2024"),
                                          rss_item(rng, 2).replace("Tue, 05 Mar 2024 0", "yesterday 9")]),
           ext=".xml", good=True, records=2)
    w.file("feed", "feed-language-odd", rss([rss_item(rng, 1)]).replace("en-gb", "<![CDATA[x-x-x]]>"), ext=".xml",
           good=True)
    w.file("feed", "feed-nested-html-deep", rss([rss_item(rng, 1, text=esc("<div>" * 20_000 + en_paragraph(rng, 4)
                                                                          + "</div>" * 20_000))]),
           ext=".xml", timeout=60)
    w.file("feed", "feed-cp1251-declared", rss([rss_item(rng, 1, text=esc(RU_ARTICLE), title="Мост")],
                                               prolog='<?xml version="1.0" encoding="windows-1251"?>')
           .encode("cp1251", "replace"), ext=".xml", good=True, expect_text=(NATIVE_PROBE["ru"],))
    w.file("feed", "feed-utf16", b"\xff\xfe" + rss([rss_item(rng, 1)], prolog='<?xml version="1.0" encoding="UTF-16"?>')
           .encode("utf-16-le"), ext=".xml", good=True)
    w.file("feed", "feed-stylesheet-pi", rss([rss_item(rng, 1)], prolog='<?xml version="1.0"?>\n<?xml-stylesheet '
                                             'type="text/xsl" href="javascript:alert(1)"?>'), ext=".xml", good=True)
    w.file("feed", "feed-sitemap", '<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
           "<url><loc>https://velmor.example/a</loc></url></urlset>", ext=".xml",
           note="some other XML: a clear message, or read as text")
    w.file("feed", "feed-opml", '<?xml version="1.0"?><opml version="2.0"><body><outline text="Velmor" '
           'xmlUrl="https://velmor.example/rss"/></body></opml>', ext=".opml")


# --- PDF --------------------------------------------------------------------------------------------


def pdf_cases(w: Writer, rng: random.Random) -> None:
    paragraphs = [en_paragraph(rng, 4) for _ in range(3)]
    lines = [line for p in paragraphs for line in wrap(p) + [""]]
    valid = hand_pdf([text_stream(lines)])
    w.file("pdf", "pdf-hand-minimal", valid, ext=".pdf", good=True)
    w.file("pdf", "pdf-hand-metadata-title", hand_pdf([text_stream(lines)], info={
        "Title": "Bridge in Velmor to reopen", "Author": "Velmor Courier", "CreationDate": "D:20240305083000Z"}),
           ext=".pdf", good=True)
    w.file("pdf", "pdf-hand-two-pages", hand_pdf([text_stream(lines[: len(lines) // 2]),
                                                  text_stream(lines[len(lines) // 2:])]), ext=".pdf", good=True)
    w.file("pdf", "pdf-fpdf-simple", fpdf_document(paragraphs), ext=".pdf", good=True)
    w.file("pdf", "pdf-fpdf-metadata-title", fpdf_document(paragraphs, title="Bridge in Velmor to reopen"),
           ext=".pdf", good=True)
    w.file("pdf", "pdf-fpdf-headers-5-pages", fpdf_document(paragraphs, pages=5, header="Velmor Courier"),
           ext=".pdf", good=True)
    w.file("pdf", "pdf-hand-300-pages", hand_pdf([text_stream([f"Velmor Courier - page {i + 1}", ""] + lines)
                                                  for i in range(300)]), ext=".pdf", good=True, timeout=180)
    font = find_unicode_font()
    if font is not None:
        for lang in ("ru", "fr", "ar"):
            w.file("pdf", f"pdf-fpdf-unicode-{lang}", fpdf_document(NATIVE[lang].split("\n\n"), unicode_font=font),
                   ext=".pdf", good=True, expect_text=(NATIVE_PROBE[lang],) if lang != "ar" else ())
    w.file("pdf", "pdf-no-text-rectangle", hand_pdf([b"0 0 1 rg 100 100 300 200 re f"], font=False), ext=".pdf",
           expect_failure=True)
    w.file("pdf", "pdf-empty-page", hand_pdf([b""], font=False), ext=".pdf", expect_failure=True)
    w.file("pdf", "pdf-zero-pages", hand_pdf([]), ext=".pdf", expect_failure=True)
    w.file("pdf", "pdf-header-then-junk", b"%PDF-1.7\n" + bytes(rng.randrange(256) for _ in range(4000)), ext=".pdf",
           expect_failure=True)
    w.file("pdf", "pdf-header-only", b"%PDF-1.4\n", ext=".pdf", expect_failure=True)
    w.file("pdf", "pdf-header-text-junk", b"%PDF-1.4\nthis is not really a pdf, the bridge reopened.\n", ext=".pdf",
           expect_failure=True)
    for frac in (0.3, 0.6, 0.95):
        w.file("pdf", f"pdf-truncated-{int(frac * 100)}", valid[: int(len(valid) * frac)], ext=".pdf")
    w.file("pdf", "pdf-no-xref", valid[: valid.index(b"xref")], ext=".pdf")
    w.file("pdf", "pdf-bad-startxref", valid.replace(b"startxref\n", b"startxref\n99999999"), ext=".pdf")
    w.file("pdf", "pdf-junk-before-header", b"\r\n\xef\xbb\xbf   garbage   \n" + valid, ext=".pdf", good=True)
    w.file("pdf", "pdf-header-late", b"x" * 2000 + valid, ext=".pdf", note="%PDF- after the 1024-byte window")
    w.file("pdf", "pdf-encrypted-user-password",
           fpdf_document(paragraphs, encrypt={"owner_password": "owner", "user_password": "secret"}), ext=".pdf",
           expect_failure=True, note="needs a password: a clear message")
    w.file("pdf", "pdf-encrypted-owner-only-rc4", fpdf_document(paragraphs, encrypt={"owner_password": "owner"}),
           ext=".pdf", good=True, note="empty user password (RC4)")
    try:
        from fpdf.enums import EncryptionMethod

        w.file("pdf", "pdf-encrypted-owner-only-aes",
               fpdf_document(paragraphs, encrypt={"owner_password": "owner", "encryption_method": EncryptionMethod.AES_128}),
               ext=".pdf", good=True, note="empty user password (AES-128)")
        w.file("pdf", "pdf-encrypted-user-password-aes256",
               fpdf_document(paragraphs, encrypt={"owner_password": "o", "user_password": "u",
                                                  "encryption_method": EncryptionMethod.AES_256}),
               ext=".pdf", expect_failure=True)
    except Exception:  # noqa: BLE001 -- an fpdf2 without AES: the RC4 cases still run
        pass
    # hostile structures
    w.file("pdf", "pdf-pages-loop", hand_pdf([text_stream(lines)]).replace(b"/Kids [4 0 R]", b"/Kids [2 0 R 4 0 R]"),
           ext=".pdf", note="the page tree contains itself")
    w.file("pdf", "pdf-huge-count", valid.replace(b"/Count 1", b"/Count 999999999"), ext=".pdf")
    w.file("pdf", "pdf-negative-length", valid.replace(b"/Length ", b"/Length -", 1), ext=".pdf")
    w.file("pdf", "pdf-huge-size-trailer", valid.replace(b"/Size ", b"/Size 99999999", 1), ext=".pdf")
    deep = b"BT /F1 11 Tf 50 700 Td " + b"q " * 50_000 + b"(deep) Tj " + b"Q " * 50_000 + b"ET"
    w.file("pdf", "pdf-deep-q-nesting", hand_pdf([deep, text_stream(lines)]), ext=".pdf")
    nested = b"[" * 100_000 + b"]" * 100_000
    w.file("pdf", "pdf-deep-array-object", hand_pdf([text_stream(lines)], extra_objects=[nested]), ext=".pdf")
    deep_dict = b"<< /A " * 20_000 + b"1" + b" >>" * 20_000
    w.file("pdf", "pdf-deep-dict-object", hand_pdf([text_stream(lines)], extra_objects=[deep_dict]), ext=".pdf")
    # a FlateDecode content stream that unpacks to 512 MiB of spaces (about 0.5 MB written)
    compressor = zlib.compressobj(6)
    chunk = b" " * (16 * 2**20)
    bomb = b"".join(compressor.compress(chunk) for _ in range(32)) + compressor.flush()
    w.file("pdf", "pdf-flate-bomb-content", hand_pdf([(bomb, "/Filter /FlateDecode ")]), ext=".pdf", timeout=120,
           note="content stream of 512 MiB")
    w.file("pdf", "pdf-flate-bomb-after-text", hand_pdf([text_stream(lines), (bomb, "/Filter /FlateDecode ")]),
           ext=".pdf", timeout=120, note="a text page, then a page whose stream is 512 MiB")
    w.file("pdf", "pdf-many-tj", hand_pdf([b"BT /F1 1 Tf " + b"(a) Tj " * 400_000 + b"ET"]), ext=".pdf",
           timeout=120)
    w.file("pdf", "pdf-nul-text", hand_pdf([text_stream(["The bridge \x00\x00 in Velmor reopened on Monday."] * 3)]),
           ext=".pdf")
    w.file("pdf", "pdf-in-txt-suffix", valid, ext=".txt", good=True)
    w.file("pdf", "pdf-gzipped", gzip_bytes(valid), ext=".pdf.gz", good=True)


# --- archives ---------------------------------------------------------------------------------------


def archive_cases(w: Writer, rng: random.Random) -> None:
    a1, a2 = en_article(rng), en_article(rng)
    html = html_page("Ferry terminal in Karsk closes", [esc(en_paragraph(rng, 3)) for _ in range(3)])
    w.file("archive", "gz-text", gzip_bytes(a1.encode(), "story.txt"), ext=".txt.gz", good=True)
    w.file("archive", "gz-no-inner-suffix", gzip_bytes(a1.encode()), ext=".gz", good=True)
    w.file("archive", "gz-html", gzip_bytes(html.encode()), ext=".html.gz", good=True)
    w.file("archive", "gz-jsonl", gzip_bytes("\n".join(json.dumps({"text": en_article(rng)}) for _ in range(3))
                                             .encode()), ext=".jsonl.gz", good=True, records=3)
    w.file("archive", "gz-ru-cp1251", gzip_bytes(RU_ARTICLE.encode("cp1251")), ext=".txt.gz", good=True,
           expect_text=(NATIVE_PROBE["ru"],))
    w.file("archive", "gz-of-gz", gzip_bytes(gzip_bytes(a1.encode())), ext=".txt.gz.gz", good=True)
    w.file("archive", "gz-of-gz-of-gz", gzip_bytes(gzip_bytes(gzip_bytes(a1.encode()))), ext=".gz",
           expect_failure=True, note="three deep: refused with a message")
    w.file("archive", "gz-concatenated-members", gzip_bytes(a1.encode()[:300]) + gzip_bytes(a1.encode()[300:]),
           ext=".txt.gz", good=True)
    w.file("archive", "gz-empty", gzip_bytes(b""), ext=".gz", expect_failure=True)
    w.file("archive", "gz-corrupt", b"\x1f\x8b\x08\x00" + bytes(rng.randrange(256) for _ in range(2000)), ext=".gz",
           expect_failure=True)
    w.file("archive", "gz-truncated", gzip_bytes(a1.encode() * 20)[:200], ext=".gz", expect_failure=True)
    w.file("archive", "gz-bad-crc", gzip_bytes(a1.encode())[:-8] + b"\x00" * 8, ext=".gz")
    w.file("archive", "gz-trailing-garbage", gzip_bytes(a1.encode()) + b"garbage after the member", ext=".gz")
    w.file("archive", "gz-of-png", gzip_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 100), ext=".png.gz",
           expect_failure=True)
    w.file("archive", "gz-of-tar", gzip_bytes(tar_bytes({"story.txt": a1.encode()})), ext=".tar.gz",
           note="tar is not unpacked: a clear message")
    w.file("archive", "tar-plain", tar_bytes({"story.txt": a1.encode(), "b.txt": a2.encode()}), ext=".tar")
    for label, size, byte in (("1gib-zeros", 2**30, b"\x00"), ("10gib-zeros", 10 * 2**30, b"\x00"),
                              ("192mib-spaces", 192 * 2**20, b" "), ("240mib-letters", 240 * 2**20, b"a")):
        folder = w.root / "archive"
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"gzip-bomb-{label}.gz"
        gzip_bomb(path, size, byte)
        w.add(Case(f"gzip-bomb-{label}", path, "archive", expect_failure=label != "240mib-letters", timeout=120,
                   note=f"unpacks to {size // (16 * 2**20) * 16} MiB"))
    zipper = lambda members: zip_bytes(members)  # noqa: E731
    w.file("archive", "zip-two-articles", zipper({"one.txt": a1, "two.html": html}), ext=".zip", good=True, records=2)
    w.file("archive", "zip-nested-zip", zipper({"outer.txt": a1, "inner.zip": zipper({"inner.txt": a2})}),
           ext=".zip", good=True, records=2)
    w.file("archive", "zip-nested-3-deep", zipper({"l1.zip": zipper({"l2.zip": zipper({"deep.txt": a2})})}),
           ext=".zip", expect_failure=True)
    w.file("archive", "zip-gz-inside", zipper({"a.txt.gz": gzip_bytes(a1.encode()), "b.txt": a2}), ext=".zip",
           good=True, records=2)
    w.file("archive", "zip-stored", zip_bytes({"one.txt": a1}, zipfile.ZIP_STORED), ext=".zip", good=True)
    w.file("archive", "zip-bzip2", zip_bytes({"one.txt": a1}, zipfile.ZIP_BZIP2), ext=".zip", good=True)
    w.file("archive", "zip-lzma", zip_bytes({"one.txt": a1}, zipfile.ZIP_LZMA), ext=".zip", good=True)
    w.file("archive", "zip-mixed-good-bad", zipper({"a.txt": a1, "b.png": b"\x89PNG\r\n\x1a\n\x00\x00", "c.txt": "",
                                                   "d.json": "{bad", "e.txt": a2}), ext=".zip", good=True, records=2)
    w.file("archive", "zip-empty", zip_bytes({}), ext=".zip", expect_failure=True)
    w.file("archive", "zip-only-dirs", zip_dirs_only(), ext=".zip", expect_failure=True)
    w.file("archive", "zip-only-hidden", zipper({".hidden.txt": a1, "__MACOSX/._a.txt": "x"}), ext=".zip",
           expect_failure=True)
    w.file("archive", "zip-encrypted-member", mark_zip_encrypted(zipper({"secret.txt": a1})), ext=".zip",
           expect_failure=True)
    w.file("archive", "zip-encrypted-one-of-two", zip_one_encrypted(a1, a2), ext=".zip", good=True, records=1)
    w.file("archive", "zip-path-traversal-names", zipper({"../../evil.txt": a1, "/abs/path.txt": a2}), ext=".zip",
           good=True, records=2)
    w.file("archive", "zip-weird-member-names", zipper({"a!b.txt": a1, "new\nline.txt": a2, "\x1b[31mred.txt": "",
                                                       "ünï cödé.txt": en_article(rng)}), ext=".zip", good=True,
           records=3, forbid=("\x1b",))
    w.file("archive", "zip-corrupt", b"PK\x03\x04" + bytes(rng.randrange(256) for _ in range(3000)), ext=".zip",
           expect_failure=True)
    good_zip = zipper({"one.txt": a1, "two.txt": a2})
    w.file("archive", "zip-truncated", good_zip[: len(good_zip) // 2], ext=".zip", expect_failure=True)
    w.file("archive", "zip-bad-crc", corrupt_zip_data(good_zip), ext=".zip", good=True, records=1,
           note="first member damaged, the second must still come out")
    w.file("archive", "zip-size-lies-small", lie_about_zip_size(zipper({"a.txt": a1 * 50}), 100), ext=".zip",
           note="central directory says 100 bytes")
    w.file("archive", "zip-size-lies-huge", lie_about_zip_size(zipper({"a.txt": a1}), 0xFFFFFFF0), ext=".zip")
    w.file("archive", "zip-10000-empty-members", zip_bytes({f"m{i}.txt": b"" for i in range(10_000)}), ext=".zip",
           expect_failure=True, timeout=120)
    w.file("archive", "zip-2000-one-word-members", zip_bytes({f"w{i}.txt": b"Velmor" for i in range(2_000)}),
           ext=".zip", timeout=180)
    folder = w.root / "archive"
    zip_of_zeros(folder / "zip-bomb-1gib-member.zip", 2**30)
    w.add(Case("zip-bomb-1gib-member", folder / "zip-bomb-1gib-member.zip", "archive", expect_failure=True,
               timeout=120, note="one member of 1 GiB"))
    member = zip_bytes({"z.txt": b" " * (100 * 2**20)})
    w.file("archive", "zip-overlapping-bomb", overlapping_zip(member, 30), ext=".zip", expect_failure=True, timeout=120,
           note="30 central entries for one 100 MiB member")
    w.file("archive", "zip-docx-like", zipper({"[Content_Types].xml": "<Types/>", "word/document.xml": "<w/>"}),
           ext=".docx", expect_failure=True)
    w.file("archive", "zip-epub-like", zip_bytes({"mimetype": "application/epub+zip", "x.html": html},
                                                 zipfile.ZIP_STORED), ext=".epub", expect_failure=True)
    w.file("archive", "zip-comment-huge", zip_with_comment(zipper({"a.txt": a1})), ext=".zip", good=True)
    w.file("archive", "zip-self-extracting-prefix", b"MZ" + b"\x00" * 500 + good_zip, ext=".zip",
           note="zip data after an exe stub")
    w.file("archive", "bz2-text", bz2_bytes(a1.encode()), ext=".txt.bz2", note="bzip2 is not unpacked")
    w.file("archive", "xz-text", xz_bytes(a1.encode()), ext=".txt.xz", note="xz is not unpacked")
    w.file("archive", "zstd-magic", b"\x28\xb5\x2f\xfd" + bytes(100), ext=".zst")
    w.file("archive", "7z-magic", b"7z\xbc\xaf\x27\x1c" + bytes(100), ext=".7z", expect_failure=True)
    w.file("archive", "rar-magic", b"Rar!\x1a\x07\x00" + bytes(100), ext=".rar", expect_failure=True)


def tar_bytes(members: dict[str, bytes]) -> bytes:
    import tarfile

    out = io.BytesIO()
    with tarfile.open(fileobj=out, mode="w") as archive:
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
    return out.getvalue()


def bz2_bytes(data: bytes) -> bytes:
    import bz2

    return bz2.compress(data)


def xz_bytes(data: bytes) -> bytes:
    import lzma

    return lzma.compress(data)


def zip_dirs_only() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr(zipfile.ZipInfo("folder/"), b"")
        archive.writestr(zipfile.ZipInfo("folder/sub/"), b"")
    return out.getvalue()


def zip_one_encrypted(a1: str, a2: str) -> bytes:
    """A ZIP whose first member is flagged encrypted and whose second is plain."""
    first = mark_zip_encrypted(zip_bytes({"secret.txt": a1}))
    # rebuild: take the encrypted archive's member and append a plain one through zipfile's append mode
    out = io.BytesIO(first)
    with zipfile.ZipFile(out, "a", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("plain.txt", a2)
    return out.getvalue()


def corrupt_zip_data(data: bytes) -> bytes:
    """Flip bytes inside the first member's compressed data (a bad CRC or a broken deflate stream)."""
    buf = bytearray(data)
    name_len, extra_len = struct.unpack_from("<HH", buf, 26)
    start = 30 + name_len + extra_len
    for i in range(start + 10, start + 40):
        buf[i] ^= 0xFF
    return bytes(buf)


def overlapping_zip(single: bytes, copies: int) -> bytes:
    """A ZIP whose central directory lists the same local member ``copies`` times (an overlapping bomb)."""
    cd_start = single.rindex(b"PK\x01\x02")
    eocd = single.rindex(b"PK\x05\x06")
    local = single[:cd_start]
    central = single[cd_start:eocd]
    entries = central * copies
    eocd_record = bytearray(single[eocd:eocd + 22])
    struct.pack_into("<HHII", eocd_record, 8, copies, copies, len(entries), len(local))
    return local + entries + bytes(eocd_record)


def zip_with_comment(data: bytes) -> bytes:
    out = io.BytesIO(data)
    with zipfile.ZipFile(out, "a") as archive:
        archive.comment = b"c" * 65_000
    return out.getvalue()


# --- files, names, devices --------------------------------------------------------------------------


def file_cases(w: Writer, rng: random.Random) -> None:
    article = en_article(rng)
    folder = w.folder("file", "names")

    def named(case: str, filename: str | bytes, data: bytes | str = article, **fields) -> Case:
        raw = filename if isinstance(filename, bytes) else os.fsencode(filename)
        sub = folder / case
        sub.mkdir(parents=True, exist_ok=True)
        path_b = os.fsencode(sub) + b"/" + raw
        with open(path_b, "wb") as out:
            out.write(data.encode() if isinstance(data, str) else data)
        path = Path(os.fsdecode(path_b))
        fields.setdefault("good", True)
        fields.setdefault("args", [path_b] if isinstance(filename, bytes) else [str(path)])
        return w.add(Case(name=case, path=path, kind="file", **fields))

    max_name = os.pathconf(str(folder), "PC_NAME_MAX") if hasattr(os, "pathconf") else 255
    named("name-long-ascii", "a" * (max_name - 4) + ".txt", note=f"{max_name}-byte name")
    named("name-long-utf8", "ж" * ((max_name - 4) // 2) + ".txt", note="long name of 2-byte characters")
    named("name-long-no-suffix", "b" * max_name)
    named("name-spaces", "my article  with spaces .txt")
    named("name-newline", "line\nbreak.txt")
    named("name-tab-cr", "tab\tcr\r.txt")
    named("name-unicode-nfc", "café-Москва-القاهرة.txt")
    named("name-unicode-nfd", "cafe\u0301.txt")
    named("name-emoji", "\U0001f4f0news\U0001f525.txt")
    named("name-bidi", "evil\u202etxt.exe")
    named("name-rich-markup", "[bold red]x[blink] y.txt")
    named("name-rich-markup-failing", "[bold red]bad[reverse].bin", b"\x89PNG\r\n\x1a\n\x00\x00", good=False,
          expect_failure=True, note="the failure line must name the file as it is")
    named("name-emoji-code-failing", ":warning:-:thumbs_up:.bin", b"\x89PNG\r\n\x1a\n\x00\x00", good=False,
          expect_failure=True, note="rich emoji codes in a failing name")
    named("name-ansi-failing", "\x1b[31mred\x1b[0m.bin", b"\x89PNG\r\n\x1a\n\x00\x00", good=False,
          expect_failure=True, forbid=("\x1b",), note="terminal escape in a failing file's name")
    named("name-percent-braces", "%s %d {0} {path}.txt")
    named("name-invalid-utf8", b"caf\xe9-\xff.txt", note="a name that is not UTF-8")
    named("name-invalid-utf8-failing", b"bad\xff.bin", b"\x89PNG\r\n\x1a\n\x00\x00", good=False,
          expect_failure=True)
    named("name-trailing-space-dot", "trailing. ")
    named("name-only-suffix", ".txt", note="a hidden-looking name given directly")
    named("name-bang-colon", "a!b:c.txt", note="'!' names zip members in messages")
    named("name-glob-chars", "*?[a].txt")
    named("name-backslash", "back\\slash.txt")
    named("name-quote", "it's \"quoted\".txt")
    leading = named("name-leading-dash", "-x.txt")
    leading.args = ["./-x.txt"]
    leading.cwd = leading.path.parent
    dash2 = named("name-leading-dash-after-double-dash", "-y.txt")
    dash2.args = ["--", "-y.txt"]
    dash2.cwd = dash2.path.parent
    dash3 = named("name-double-dash", "--help.txt")
    dash3.args = ["./--help.txt"]
    dash3.cwd = dash3.path.parent
    stdin_name = named("name-dash-file", "-", note="a file literally named '-', passed as ./-")
    stdin_name.args = ["./-"]
    stdin_name.cwd = stdin_name.path.parent
    rel = named("name-relative-dotdot", "rel.txt")
    rel.args = ["../" + rel.path.parent.name + "/./rel.txt"]
    rel.cwd = rel.path.parent
    # standard input
    stdin_files = w.folder("file", "stdin")
    for label, data, good, fail in (("good", article.encode(), True, False), ("empty", b"", False, True),
                                    ("binary", b"\x89PNG\r\n\x1a\n\x00\x00", False, True),
                                    ("html", html_page("T", [esc(en_paragraph(rng, 3))] * 2).encode(), True, False)):
        path = stdin_files / f"stdin-{label}.in"
        path.write_bytes(data)
        w.add(Case(f"stdin-{label}", path, "file", good=good, expect_failure=fail, args=["-"], stdin=path, batch=False))
    # symlinks
    links = w.folder("file", "links")
    loop = links / "loop"
    (loop / "a").mkdir(parents=True, exist_ok=True)
    (loop / "a" / "story.txt").write_text(article, encoding="utf-8")
    os.symlink("..", loop / "a" / "b")  # a/b -> a's parent: a loop
    os.symlink(".", loop / "a" / "self")
    w.add(Case("symlink-loop-folder", loop, "file", good=True, note="a/b -> .. and a/self -> ."))
    only_loop = links / "only-loop"
    only_loop.mkdir(exist_ok=True)
    os.symlink(".", only_loop / "self")
    w.add(Case("symlink-loop-only", only_loop, "file", note="a folder holding only a link to itself"))
    os.symlink("self-file", links / "self-file")
    w.add(Case("symlink-self", links / "self-file", "file", expect_failure=True, note="ELOOP"))
    os.symlink("nowhere/missing.txt", links / "dangling.txt")
    w.add(Case("symlink-dangling", links / "dangling.txt", "file", expect_failure=True))
    dangling_dir = links / "with-dangling"
    dangling_dir.mkdir(exist_ok=True)
    (dangling_dir / "ok.txt").write_text(article, encoding="utf-8")
    os.symlink("missing.txt", dangling_dir / "broken.txt")
    w.add(Case("folder-with-dangling-link", dangling_dir, "file", good=True,
               note="the broken link must be named, not dropped"))
    target = links / "target.txt"
    target.write_text(article, encoding="utf-8")
    os.symlink("target.txt", links / "good-link.txt")
    w.add(Case("symlink-good", links / "good-link.txt", "file", good=True))
    dev_dir = links / "to-devices"
    dev_dir.mkdir(exist_ok=True)
    (dev_dir / "ok.txt").write_text(article, encoding="utf-8")
    os.symlink("/dev/zero", dev_dir / "zero.txt")
    w.add(Case("folder-with-link-to-dev-zero", dev_dir, "file", good=True, batch=False, timeout=60,
               note="a link to /dev/zero inside a folder"))
    # permissions
    perms = w.folder("file", "perms")
    locked = perms / "locked.txt"
    locked.write_text(article, encoding="utf-8")
    os.chmod(locked, 0)
    as_root = os.geteuid() == 0
    w.add(Case("unreadable-file", locked, "file", expect_failure=not as_root, good=as_root,
               note="chmod 000" + (" (running as root: reading is not denied)" if as_root else "")))
    locked_dir = perms / "locked-dir"
    locked_dir.mkdir(exist_ok=True)
    (locked_dir / "inside.txt").write_text(article, encoding="utf-8")
    os.chmod(locked_dir, 0)
    w.add(Case("unreadable-folder", locked_dir, "file", expect_failure=not as_root, good=as_root,
               note="chmod 000 folder" + (" (root: not denied)" if as_root else "")))
    # special files
    special = w.folder("file", "special")
    fifo = special / "pipe.txt"
    os.mkfifo(fifo)
    w.add(Case("fifo", fifo, "file", batch=False, timeout=20, note="a named pipe nobody writes to"))
    fifo_dir = special / "fifo-folder"
    fifo_dir.mkdir(exist_ok=True)
    os.mkfifo(fifo_dir / "pipe.txt")
    w.add(Case("folder-with-only-fifo", fifo_dir, "file", note="a folder whose only entry is a FIFO"))
    socket_dir = special / "socket-folder"
    socket_dir.mkdir(exist_ok=True)
    try:
        import socket

        sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        sock.bind(str(socket_dir / "s.sock"))
        sock.close()
        w.add(Case("socket-file", socket_dir / "s.sock", "file", expect_failure=True, note="a UNIX socket"))
    except OSError:
        pass
    for device, fail, timeout in (("/dev/zero", True, 60), ("/dev/null", True, None), ("/dev/urandom", True, 60),
                                  ("/dev/full", True, 60), ("/dev/stdin", False, None)):
        if Path(device).exists():
            w.add(Case(f"device-{device.rsplit('/', 1)[-1]}", Path(device), "file", expect_failure=fail,
                       batch=device == "/dev/null", timeout=timeout,
                       stdin=None, note="a device path given as input"))
    if Path("/proc/self/status").exists():
        w.add(Case("proc-self-status", Path("/proc/self/status"), "file", note="a /proc file (size 0 in stat)"))
    sparse = special / "sparse-1gib.txt"
    with sparse.open("wb") as out:
        out.truncate(2**30)
    w.add(Case("sparse-1gib-zeros", sparse, "file", expect_failure=True, timeout=120, batch=False,
               note="1 GiB file of NULs (sparse: no disk)"))
    sparse_text = special / "sparse-text-then-hole.txt"
    with sparse_text.open("wb") as out:
        out.write(article.encode())
        out.truncate(5 * 2**30)
    w.add(Case("sparse-5gib-after-text", sparse_text, "file", timeout=120, batch=False,
               note="an article then a 5 GiB hole (past the 4 GiB memory limit)"))
    # folders
    empty = w.folder("file", "empty-folder")
    w.add(Case("empty-folder", empty, "file", expect_failure=True, note="a folder with no files: must say so"))
    hidden = w.folder("file", "hidden-only")
    (hidden / ".story.txt").write_text(article, encoding="utf-8")
    (hidden / ".git").mkdir(exist_ok=True)
    (hidden / ".git" / "HEAD").write_text("ref: refs/heads/main\n")
    w.add(Case("folder-hidden-only", hidden, "file", note="only hidden files: skipped, but must say so"))
    assets = w.folder("file", "assets-only")
    (assets / "page_files").mkdir(exist_ok=True)
    (assets / "page_files" / "app.js").write_text("window.__pwned=1;\n")
    (assets / "page_files" / "style.css").write_text("body{color:red}\n")
    (assets / "page_files" / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00")
    w.add(Case("folder-page-assets-only", assets, "file", note="a saved page's assets without the page"))
    saved = w.folder("file", "saved-page")
    (saved / "page.html").write_text(html_page("Tram line to reopen", [esc(en_paragraph(rng, 3))] * 3),
                                     encoding="utf-8")
    (saved / "page_files").mkdir(exist_ok=True)
    (saved / "page_files" / "app.js").write_text("var x = 1;\n")
    (saved / "page_files" / "style.css").write_text("p{}\n")
    (saved / "page_files" / "frame.html").write_text("<html><body><p>ad</p></body></html>")
    w.add(Case("folder-saved-page", saved, "file", good=True, records=1))
    mixed = w.folder("file", "mixed-folder")
    (mixed / "a.txt").write_text(article, encoding="utf-8")
    (mixed / "b.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00")
    (mixed / "c.bin").write_bytes(bytes(range(256)))
    (mixed / "d.txt").write_text("", encoding="utf-8")
    (mixed / "sub" / "deeper").mkdir(parents=True, exist_ok=True)
    (mixed / "sub" / "deeper" / "e.json").write_text(json.dumps({"text": en_article(rng)}), encoding="utf-8")
    w.add(Case("folder-mixed", mixed, "file", good=True, records=2, note="2 articles, a PNG, a binary, an empty"))
    deep = w.folder("file", "deep-folder")
    current = deep
    for i in range(60):
        current = current / f"d{i}"
    current.mkdir(parents=True, exist_ok=True)
    (current / "deep.txt").write_text(article, encoding="utf-8")
    w.add(Case("folder-60-deep", deep, "file", good=True))
    many = w.folder("file", "many-empty-files")
    for i in range(2000):
        (many / f"e{i:04d}.txt").write_bytes(b"")
    w.add(Case("folder-2000-empty-files", many, "file", expect_failure=True, timeout=60))
    dir_like = w.folder("file", "dir-named-like-file") / "x.txt"
    dir_like.mkdir(exist_ok=True)
    (dir_like / "inner.txt").write_text(article, encoding="utf-8")
    w.add(Case("dir-named-like-file", dir_like, "file", good=True, note="a folder named x.txt holding an article"))
    dir_like_empty = w.folder("file", "dir-named-like-file-empty") / "y.txt"
    dir_like_empty.mkdir(exist_ok=True)
    w.add(Case("dir-named-like-file-empty", dir_like_empty, "file", expect_failure=True))
    missing = w.root / "file" / "does-not-exist.txt"
    w.add(Case("missing-file", missing, "file", expect_failure=True))
    w.add(Case("missing-file-trailing-slash", missing, "file", expect_failure=True, args=[str(w.root / "file") + "/x/"]))
    w.add(Case("path-through-file", missing, "file", expect_failure=True,
               args=[str(w.root / "good" / "good-txt-en-0.txt") + "/inner.txt"], note="ENOTDIR"))
    w.add(Case("path-too-long", missing, "file", expect_failure=True, args=["/" + "a" * 5000 + ".txt"],
               note="ENAMETOOLONG"))
    cwd = w.folder("file", "cwd-with-article")
    (cwd / "here.txt").write_text(article, encoding="utf-8")
    w.add(Case("path-empty-string", missing, "file", expect_failure=True, args=[""], cwd=cwd,
               note="run in a folder holding one article: an empty argument must not mean '.'"))
    # binary files
    binaries = {"png": b"\x89PNG\r\n\x1a\n" + bytes(200), "jpeg": b"\xff\xd8\xff\xe0" + bytes(200),
                "gif": b"GIF89a" + bytes(200), "elf": b"\x7fELF\x02\x01\x01" + bytes(200),
                "macho": b"\xcf\xfa\xed\xfe" + bytes(200), "pe-exe": b"MZ\x90\x00" + bytes(200),
                "sqlite": b"SQLite format 3\x00" + bytes(200), "wasm": b"\x00asm\x01\x00\x00\x00",
                "java-class": b"\xca\xfe\xba\xbe" + bytes(200), "pyc": b"\xa7\r\r\n" + bytes(200),
                "ico": b"\x00\x00\x01\x00" + bytes(200), "webp": b"RIFF\x00\x00\x00\x00WEBPVP8 ",
                "mp4": b"\x00\x00\x00\x18ftypmp42" + bytes(200), "ps": b"%!PS-Adobe-3.0\n" + b"x" * 200}
    for label, data in binaries.items():
        w.file("file", f"binary-{label}", data, ext=".bin", expect_failure=True)
    w.file("file", "binary-png-named-txt", binaries["png"], ext=".txt", expect_failure=True)
    for n in (1, 16, 1024, 1_000_000):
        w.file("file", f"binary-random-{n}", rng.randbytes(n), ext=".bin", timeout=60 if n > 10_000 else None)
    w.file("file", "binary-zeros-4k", bytes(4096), ext=".bin", expect_failure=True)
    w.file("file", "binary-high-bytes-no-nul", bytes(range(1, 256)) * 40, ext=".bin")
    w.file("file", "binary-text-then-random", article.encode() + rng.randbytes(20_000), ext=".txt")


# keep the module importable without side effects
if __name__ == "__main__":  # pragma: no cover
    import sys
    import tempfile

    target = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(tempfile.mkdtemp(prefix="hostile-"))
    cases = generate_cases(target)
    kinds: dict[str, int] = {}
    for c in cases:
        kinds[c.kind] = kinds.get(c.kind, 0) + 1
    print(f"{len(cases)} cases in {target}: " + ", ".join(f"{k} {v}" for k, v in kinds.items()))
