#!/usr/bin/env python3
"""Writes end2end/fixtures/hostile-text.geojson: a small dataset that attacks the
viewer through every text and URL field of the data format (docs/data-format.md).

Issue 13 (item 3): a dataset copied from anywhere must not run code, send a
visitor elsewhere, hide or rearrange the interface, or freeze the tab. The
browser test end2end/tests/hostile-data.spec.ts loads this file (and builds the
large cases, a 1 MB string, 10,000-deep nesting, a million features, at test
time: they are never committed); atlas-check's test
crates/atlas-check/tests/hostile.rs checks the same file on the command line.

Every script payload names its field, so a leak says where it came from:
`<img src=/pwned/FIELD onerror=...>` requests /pwned/FIELD if it is ever
parsed as HTML (the browser test routes /pwned/** and fails on any request),
and every handler sets `window.__pwned` (the canary the test reads).

Invisible characters (bidi controls, C0) are written as JSON escapes, so the
file itself can be read and reviewed safely. Standard library only; run from
the repository root:  python3 tools/hostile_datasets.py
"""

import json
import pathlib

OUT = pathlib.Path(__file__).resolve().parent.parent / "end2end" / "fixtures" / "hostile-text.geojson"


def payload(field: str) -> str:
    """Script in the three shapes that break naive HTML interpolation."""
    return (
        f'<img src=/pwned/{field} onerror="window.__pwned=\'{field}\'">'
        f'<script>window.__pwned="{field}";document.title="pwned"</script>'
        f'"><svg onload="window.__pwned=\'{field}\'"></svg>'
    )


def text(field: str) -> dict:
    """A text field in both languages, each its own payload."""
    return {"zh": f"中文 {payload(field + '.zh')}", "en": f"English {payload(field + '.en')}"}


# Links in every URL-shaped field: schemes that run code or carry a document,
# another host without a scheme, and the same again hidden by case, spaces,
# control characters, tabs and backslashes (browsers drop tabs and newlines
# anywhere and read `\` as `/`).
UNSAFE_URLS = [
    "javascript:window.__pwned='url'",
    " JaVaScRiPt:window.__pwned='url'",
    "java\tscript:window.__pwned='url'",
    "java\nscript:window.__pwned='url'",
    "\u0001javascript:window.__pwned='url'",
    "data:text/html,<script>window.__pwned='url'</script>",
    "data:image/svg+xml,<svg onload=\"window.__pwned='url'\"/>",
    "vbscript:msgbox(1)",
    "//evil.example/pwned",
    "/\\evil.example/pwned",
    "\\\\evil.example\\pwned",
    "/\t/evil.example/pwned",
    " //evil.example/pwned",
]


def site(fid, name, lon, lat, **props):
    return {
        "type": "Feature",
        "geometry": None if lon is None else {"type": "Point", "coordinates": [lon, lat]},
        "properties": {"id": fid, "name": name, **props},
    }


def dataset() -> dict:
    features = [
        # 0: script in every text field the viewer shows, in both languages.
        site(
            "script-everywhere",
            text("name"),
            120.50,
            31.30,
            category=payload("category"),
            summary=text("summary"),
            description=text("description"),
            address=text("address"),
            location={"datum": "WGS84", "precision_m": 800, "approximate": True, "note": text("note")},
            events=[
                {"date": "1939-06-24", "title": text("event-title"), "text": text("event-text")},
                {"date": "1949", "title": text("event2-title")},
            ],
            media=[
                {
                    "src": "hostile-media/photo.png",
                    "alt": text("alt"),
                    "caption": text("caption"),
                    "credit": payload("credit"),
                    "license": payload("license"),
                }
            ],
            sources=[
                {"title": payload("source-title"), "url": "https://example.org/hostile-source", "accessed": payload("accessed")},
                {"title": payload("source2-title")},
            ],
        ),
        # 1: HTML entities must appear as typed, never decoded.
        site(
            "entities",
            {"zh": "&lt;b&gt;不是粗体&lt;/b&gt; &#60;i&#62;", "en": "&lt;b&gt;not bold&lt;/b&gt; &#x3C;i&#x3E; &amp;amp; &quot;"},
            120.52,
            31.31,
            category="museum",
            summary={"zh": "&lt;script&gt;", "en": "&lt;script&gt;alert(1)&lt;/script&gt;"},
            events=[{"date": "1950", "title": "&lt;b&gt;entity title&lt;/b&gt;"}],
            sources=[{"title": "&amp;lt;source&amp;gt;"}],
        ),
        # 2: bidirectional controls, left open, in every text the interface puts beside its own.
        site(
            "bidi",
            {"zh": "\u202e名称反转 \u2066未闭合", "en": "\u202egnp.exe Reversed \u2067open isolate \u202bopen embedding"},
            120.54,
            31.32,
            category="\u202ememorial",
            summary="\u202eReversed summary",
            address="\u202eReversed address",
            location={"datum": "WGS84", "note": "\u202eReversed note", "approximate": True},
            events=[{"date": "1951", "title": "\u202eReversed event \u200f", "text": "\u2067open"}],
            sources=[{"title": "\u202eReversed source"}],
        ),
        # 3: a place dated only by another tool's field, holding script.
        # Without events, the panel also lists another tool's own properties, key and value as written.
        site(
            "foreign-year",
            "Foreign year",
            120.56,
            31.33,
            year=payload("year"),
            sources=[{"title": "t"}],
            **{payload("other-key"): payload("other-value")},
        ),
        # 4: numbers written as strings, and numbers at the edge of the float range.
        site("numbers-as-strings", "NaN as text", "NaN", "Infinity", events=[{"date": "1939", "title": "t"}]),
        site(
            "huge-numbers",
            "Huge numbers",
            1e308,
            -1e-308,
            location={"precision_m": "1e400"},
            events=[{"date": "1939", "title": "t"}],
        ),
        # 6: an id that is script.
        site(payload("id"), "Hostile id", 120.58, 31.34, events=[{"date": "1939", "title": "t"}]),
    ]
    # 7…: each unsafe link, in a source and as an image: both fields are named.
    for i, url in enumerate(UNSAFE_URLS):
        features.append(
            site(
                f"url-{i}",
                f"Unsafe link {i}",
                120.50 + i * 0.005,
                31.36,
                category="memorial",
                events=[{"date": "1939", "title": "t"}],
                media=[{"src": url, "alt": "an image"}],
                sources=[{"title": f"source {i}", "url": url}],
            )
        )
    return {
        "type": "FeatureCollection",
        "atlas": {
            "version": 1,
            "title": text("atlas-title"),
            "description": text("atlas-description"),
            "basemap": [
                {"id": "js", "url": "javascript:window.__pwned='basemap'", "kind": "water"},
                {"id": "other-host", "url": "//evil.example/water.geojson", "kind": "water"},
                {"id": "backslash", "url": "/\\evil.example/water.geojson", "kind": "water"},
            ],
            "basemap_attribution": payload("basemap-attribution"),
            "tiles": {"url": "javascript:window.__pwned='tiles'//{z}/{x}/{y}", "attribution": payload("tiles-attribution")},
            "kiosk": {"public_url": "javascript:window.__pwned='kiosk'"},
            "tour": [
                {"site": "script-everywhere", "t": "1939-06-24", "title": text("tour-title"), "text": text("tour-text"), "seconds": 30},
                {"site": "bidi", "t": "1951", "title": {"en": "\u202eReversed chapter"}, "text": "\u202eReversed chapter text", "seconds": 30},
                {"site": payload("tour-site"), "t": "1939", "title": "t"},
            ],
        },
        "features": features,
    }


def to_json(value) -> str:
    text = json.dumps(value, ensure_ascii=False, indent=1)
    # JSON already escapes C0 controls; write the bidi controls the same way.
    invisible = {0x061C, 0x200B, 0x200E, 0x200F, 0x2028, 0x2029, 0xFEFF}
    invisible |= set(range(0x202A, 0x202F)) | set(range(0x2066, 0x206A))
    return "".join(f"\\u{ord(c):04x}" if ord(c) in invisible else c for c in text) + "\n"


if __name__ == "__main__":
    OUT.write_text(to_json(dataset()), encoding="utf-8")
    print(f"wrote {OUT.relative_to(pathlib.Path.cwd()) if OUT.is_relative_to(pathlib.Path.cwd()) else OUT}")
