#!/usr/bin/env python3
"""Puts the Content Security Policy into a release build's index.html.

trunk runs this after every build (a post_build hook in Trunk.toml) with the
finished page in $TRUNK_STAGING_DIR. For a release build (`make build`) it

- hashes every inline script of the page (trunk's module loader is one), so
  the policy admits exactly that text and never goes stale when trunk changes
  the loader or the asset names;
- writes the policy as the first element of <head>, before anything it
  governs;
- writes the same policy, with `frame-ancestors` (which a <meta> cannot
  carry), as the response header for servers: content-security-policy.txt
  beside index.html;
- fails the build if the page holds anything the policy would refuse:
  inline event handlers, style attributes, javascript: URLs;
- drops the `integrity` trunk writes on the wasm's <link rel="preload"
  as="fetch">, which Chromium ignores and warns about in the console
  (crbug.com/981419); the stylesheets' and the module's hashes stay, and
  browsers check those.

Debug builds (`make serve`) get no policy: trunk serve injects its own inline
live-reload script and WebSocket, and the dev server is never deployed.

A deployment whose dataset shows tiles or media from another host names
those origins at build time, space-separated (docs/security.md):

    ATLAS_CSP_IMAGE_HOSTS="https://tiles.example.org" make build
"""

import base64
import hashlib
import os
import re
import sys

# The header file written beside index.html, for servers (docs/security.md).
HEADER_FILE = "content-security-policy.txt"
# Origins a deployment may add for images (tiles, media): scheme, host with an
# optional leading "*." wildcard, optional port. Nothing that could end a directive.
HOST_SOURCE = re.compile(r"^https?://(\*\.)?[a-z0-9]([a-z0-9.-]*[a-z0-9])?(:[0-9]{1,5})?$")


def policy(script_hashes, image_hosts):
    """The policy's directives, in order; the meta and the header share them."""
    return [
        ("default-src", ["'self'"]),
        # wasm-unsafe-eval: WebAssembly.instantiate, and nothing else of eval.
        ("script-src", ["'self'", "'wasm-unsafe-eval'"] + [f"'sha256-{h}'" for h in script_hashes]),
        # No 'unsafe-inline': the app sets styles through the CSSOM only.
        ("style-src", ["'self'"]),
        # data: for the page's empty favicon (`<link rel="icon" href="data:,">`),
        # which keeps browsers from asking for /favicon.ico.
        ("img-src", ["'self'", "data:"] + image_hosts),
        ("connect-src", ["'self'"]),
        ("font-src", ["'self'"]),
        ("worker-src", ["'self'"]),
        ("manifest-src", ["'self'"]),
        ("object-src", ["'none'"]),
        ("base-uri", ["'none'"]),
        ("form-action", ["'none'"]),
    ]


def render(directives):
    return "; ".join(" ".join([name] + sources) for name, sources in directives)


def image_hosts():
    hosts = os.environ.get("ATLAS_CSP_IMAGE_HOSTS", "").split()
    for host in hosts:
        if not HOST_SOURCE.match(host):
            sys.exit(f"csp: ATLAS_CSP_IMAGE_HOSTS: {host!r} is not an origin such as https://tiles.example.org")
    return hosts


def inline_script_hashes(html):
    hashes = []
    for attrs, body in re.findall(r"<script\b([^>]*)>(.*?)</script\s*>", html, flags=re.S | re.I):
        if re.search(r"\bsrc\s*=", attrs, flags=re.I):
            continue
        digest = hashlib.sha256(body.encode("utf-8")).digest()
        hashes.append(base64.b64encode(digest).decode("ascii"))
    return hashes


def refused_markup(html):
    """What in the page the policy would refuse (so the page would break)."""
    tags = re.findall(r"<[a-zA-Z][^>]*>", re.sub(r"<!--.*?-->", "", html, flags=re.S))
    problems = []
    for tag in tags:
        if re.search(r"\son[a-z]+\s*=", tag, flags=re.I):
            problems.append(f"inline event handler in {tag}")
        if re.search(r"\sstyle\s*=", tag, flags=re.I):
            problems.append(f"style attribute in {tag}")
        if re.search(r"=\s*[\"']?\s*javascript:", tag, flags=re.I):
            problems.append(f"javascript: URL in {tag}")
    return problems


def drop_ignored_integrity(html):
    """The page without `integrity` on preloads of the `fetch` destination,
    where browsers ignore it (the wasm's preload: trunk's `fetch` of the wasm
    carries no hash to match it against)."""

    def clean(tag):
        text = tag.group(0)
        if re.search(r'\brel="preload"', text) and re.search(r'\bas="fetch"', text):
            return re.sub(r'\s+integrity="[^"]*"', "", text)
        return text

    return re.sub(r"<link\b[^>]*>", clean, html)


def main():
    if os.environ.get("TRUNK_PROFILE") != "release":
        print("csp: debug build, no Content Security Policy (dev server only)")
        return
    staging = os.environ["TRUNK_STAGING_DIR"]
    page = os.path.join(staging, "index.html")
    with open(page, encoding="utf-8") as f:
        html = f.read()
    # A policy from an earlier run goes: this one is computed afresh.
    html = re.sub(r"\s*<meta http-equiv=\"Content-Security-Policy\"[^>]*>", "", html)
    problems = refused_markup(html)
    if problems:
        sys.exit("csp: the page holds what its policy refuses:\n  " + "\n  ".join(problems))
    html = drop_ignored_integrity(html)
    hashes = inline_script_hashes(html)
    directives = policy(hashes, image_hosts())
    meta = f'<meta http-equiv="Content-Security-Policy" content="{render(directives)}" />'
    charset = re.search(r"<meta\s+charset=[^>]*>", html, flags=re.I)
    if not charset:
        sys.exit("csp: index.html has no <meta charset>, after which the policy goes")
    html = html[: charset.end()] + "\n    " + meta + html[charset.end() :]
    with open(page, "w", encoding="utf-8") as f:
        f.write(html)
    # frame-ancestors works only as a header: no one may frame the atlas.
    header = render(directives + [("frame-ancestors", ["'none'"])])
    with open(os.path.join(staging, HEADER_FILE), "w", encoding="utf-8") as f:
        f.write(f"Content-Security-Policy: {header}\n")
    print(f"csp: policy written, {len(hashes)} inline script(s) hashed")


if __name__ == "__main__":
    main()
