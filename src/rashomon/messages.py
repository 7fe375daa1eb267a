"""The catalogue of user-facing messages, with codes.

Each message names the bad value, lists valid options where there are some, and suggests a fix.
Raise ``RashomonError(code, **values)``; the CLI prints ``error[E001]: ...`` on one line and exits
non-zero, never with a traceback.
"""

from __future__ import annotations

MESSAGES: dict[str, str] = {
    # configuration
    "E001": "cannot read settings file {path}: {reason}.",
    "E002": "unknown setting(s) {names} in {where}; valid settings are: {valid}.",
    "E003": "{name}={value!r} in {where} is not a whole number; give an integer such as {example}.",
    "E004": "{name}={value!r} in {where} is not a number between 0 and 1; give one such as {example}.",
    "E005": "{name}={value!r} in {where} is out of range; give a whole number from {low:,} to {high:,}.",
    "E006": "{name}={value!r} in {where} is a {type}; give a text (a name or a path).",
    "E007": "{name}={value!r} in {where} is not true or false; give one of true, false, yes, no, 1, 0.",
    "E010": "cannot load the spaCy model {model!r}: {reason}. Run `make setup` to install the offline "
            "models, or set RASHOMON_MODEL to en_core_web_md, en_core_web_sm or a model path.",
    # inputs (these become Failure reasons: one line, naming the reason)
    "E020": "no such file or directory",
    "E021": "cannot read: {reason}",
    "E022": "not a supported format ({what}); rashomon reads .txt, .html, .pdf, .json, .jsonl, RSS, Atom or JSON feeds and WARC web archives, also in .gz or .zip",
    "E023": "empty: no text to read",
    "E024": "PDF has no extractable text (a scan? run OCR first)",
    "E025": "invalid JSON: {reason}",
    "E026": "JSON record {where} has no non-empty \"text\" field",
    "E028": "HTML page has no article text that trafilatura could extract",
    "E029": "PDF cannot be parsed: {reason}",
    "E030": "no body text left after removing {kinds}; if this is wrong, report the file as a cleaning bug",
    "E031": "feed entry has no text: {reason}",
    "E032": "folder has no file to read ({assets} page asset file(s) skipped)",
    "E033": "PDF is encrypted with a password; decrypt it first (for example qpdf --decrypt)",
    "E034": "feed has no entries{detail}",
    "E035": "an empty path names no file; give a file or folder, or - for standard input",
    # outputs
    "E040": "{path} exists; pass --force to overwrite it.",
    "E041": "unknown output format {value!r}; choose one of: {valid}.",
    "E042": "no inputs given; pass files, directories, or - for standard input.",
    "E043": "{path} holds {count} articles; use rashomon.read_many() for batches.",
    "E044": "cannot read {failure}",
    "E045": "{stage} failed ({reason}); the rest of the analysis went on. Please report this as a bug",
    "E046": "{path} is {what}, not {want}; give --out a file or folder path.",
    "E047": "cannot write {path}: {reason}.",
    "E048": "nothing could be read ({failed} input(s) failed); no report written.",
    # the store and the web app
    "E050": "--store {store!r} is not a store; give a file path (an SQLite file, created when missing) or a "
            "postgresql://user@host/database URL.",
    "E051": "cannot open the store {store}: {reason}.",
    "E052": "serving on {host} (not this machine only) needs a token: set RASHOMON_TOKEN or give --token, "
            "and send it as 'Authorization: Bearer TOKEN'.",
    "E053": "the store {store} holds no articles yet; serving it empty (add some: rashomon add PATH... --store {store})",
    "E054": "another stored article has the id {id!r}; read it with `rashomon add`, which gives it a free id",
    "E055": "cannot reach the Dask scheduler {scheduler}: {reason}. Check --scheduler (tcp://host:8786) or use "
            "--executor processes.",
    "E056": "{name}={value!r} in {where} is not one of {valid}.",
}


def describe_file(mode: int) -> str:
    """What a path that is not a regular file is, for a message: "a folder", "a FIFO", "a device"."""
    import stat

    for test, name in ((stat.S_ISDIR, "a folder"), (stat.S_ISFIFO, "a FIFO"), (stat.S_ISCHR, "a device"),
                       (stat.S_ISBLK, "a device"), (stat.S_ISSOCK, "a socket")):
        if test(mode):
            return name
    return "not a regular file"


def system_reason(exc: BaseException) -> str:
    """The system's reason for refusing a path, in lower case ("file name too long")."""
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror.lower()
    return str(exc).lower()


def format_message(code: str, **values: object) -> str:
    """Return the catalogue text of ``code`` filled with ``values``.

    A ``reason`` is a fragment inside a sentence: its own final full stop is dropped, so that a
    system message ending in "." does not end the catalogue's sentence with "..".
    """
    if isinstance(values.get("reason"), str):
        values["reason"] = values["reason"].rstrip().rstrip(".")
    return MESSAGES[code].format(**values)


class RashomonError(Exception):
    """An error the user can fix; its text is one line from the catalogue."""

    def __init__(self, code: str, **values: object) -> None:
        self.code = code
        self.values = values
        super().__init__(format_message(code, **values))

    def __str__(self) -> str:
        return f"error[{self.code}]: {self.args[0]}"
