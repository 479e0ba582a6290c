"""Turn raw bytes into text: encodings are detected, binary and empty input is refused with a reason."""

from __future__ import annotations

import codecs

from charset_normalizer import from_bytes


class InputError(ValueError):
    """Raised for input that cannot become an article; the message is shown to the user as is."""


PREFERRED = ("utf_8", "cp1252", "latin_1", "iso8859_15", "cp1251", "cp1250")

_BOMS = [
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
]


def looks_binary(data: bytes) -> bool:
    """Binary files have NUL bytes or many control characters in their first kilobytes."""
    head = data[:8192]
    if not head:
        return False
    if any(head.startswith(bom) for bom, enc in _BOMS if enc.startswith("utf-16") or enc == "utf-32"):
        return False
    if b"\x00" in head:
        return True
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13, 27))
    return controls / len(head) > 0.05


def decode_bytes(data: bytes) -> str:
    """Decode text of unknown encoding: BOM first, then strict UTF-8, then charset detection."""
    if not data.strip():
        raise InputError("empty input")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError as err:
                raise InputError(f"undecodable {encoding} text with a byte-order mark: {err.reason}") from err
    if looks_binary(data):
        raise InputError("binary content, not text")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    matches = list(from_bytes(data[:1_000_000]))
    if not matches:
        raise InputError("undecodable text: no character encoding fits")
    # Short texts fit several single-byte encodings equally well; among the least chaotic decodings,
    # prefer the Western ones English-language news is usually written in.
    least_chaos = min(m.chaos for m in matches)
    plausible = [m.encoding for m in matches if m.chaos <= least_chaos + 0.01]
    encoding = next((e for e in PREFERRED if e in plausible), plausible[0])
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError) as err:
        raise InputError(f"undecodable text (best guess {encoding}): {err}") from err
