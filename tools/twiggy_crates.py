#!/usr/bin/env python3
"""Sums `twiggy top --format csv` rows by the crate that owns each item.

    twiggy top --format csv -n 1000000 app.wasm | python3 tools/twiggy_crates.py [TOP]

Reads demangled names (twiggy demangles) and prints the TOP crates by shallow
bytes with their share of the shipped code and data. The "names" custom
subsections are left out of the total: they exist only because the measured
build keeps its names, and wasm-opt strips them from the shipped file.

Which crate owns an item:
- `tachys::view::<impl Render for F>::build`: the leading path, `tachys`;
- `<T as tachys::view::Render>::build`: the trait's crate when the type is a
  generic or a primitive, `tachys`;
- `<atlas_core::geo::LonLat as core::fmt::Debug>::fmt`: the type's crate when
  the trait is the standard library's (derives and std trait impls are the
  type crate's code), `atlas_core`;
- data segments are "(data)", wasm-bindgen glue and unnamed items "(other)".
"""

import csv
import re
import sys
from collections import defaultdict

STD = {"core", "alloc", "std"}
# `code[12]`, `type[3]: ...`, section headers and the like have no crate.
PATH = re.compile(r"[A-Za-z_][A-Za-z0-9_]*(?:::|$)")


def leading_crate(path: str) -> str | None:
    """The first `crate::` segment of a plain path, or None for a bare name."""
    path = path.lstrip("<&*( ").removeprefix("mut ").removeprefix("dyn ")
    m = re.match(r"([A-Za-z_][A-Za-z0-9_]*)(?:\[[0-9a-f]+\])?::", path)
    return m.group(1) if m else None


def split_qualified(name: str) -> tuple[str, str] | None:
    """`<Type as Trait>::rest` into (Type, Trait), matching nested angle brackets."""
    if not name.startswith("<"):
        return None
    depth = 0
    for i, c in enumerate(name):
        if c == "<":
            depth += 1
        elif c == ">":
            depth -= 1
            if depth == 0:
                inner = name[1:i]
                break
    else:
        return None
    depth = 0
    for j in range(len(inner) - 3):
        c = inner[j]
        if c in "<([":
            depth += 1
        elif c in ">)]":
            depth -= 1
        elif depth == 0 and inner.startswith(" as ", j):
            return inner[:j], inner[j + 4 :]
    return inner, ""


def owner(name: str) -> str:
    """The crate an item's bytes are charged to."""
    if name.startswith("data segment"):
        return "(data)"
    qualified = split_qualified(name)
    if qualified:
        ty, trait = qualified
        ty_crate, trait_crate = leading_crate(ty), leading_crate(trait)
        if trait_crate and (trait_crate not in STD or not ty_crate):
            return trait_crate
        return ty_crate or trait_crate or "(other)"
    return leading_crate(name) or "(other)"


def main() -> None:
    top = int(sys.argv[1]) if len(sys.argv) > 1 else 15
    by_crate: dict[str, int] = defaultdict(int)
    names = 0
    for row in csv.DictReader(sys.stdin):
        name, size = row["Name"], int(row["ShallowSize"] or 0)
        if name.startswith("Σ") or name.startswith("... and"):
            continue
        if name.endswith("subsection") and "names" in name:
            names += size
            continue
        by_crate[owner(name)] += size
    total = sum(by_crate.values())
    print(f"{'crate':<32} {'bytes':>10} {'KB':>8} {'share':>7}")
    print(f"{'-' * 32} {'-' * 10} {'-' * 8} {'-' * 7}")
    ranked = sorted(by_crate.items(), key=lambda kv: -kv[1])
    for crate, size in ranked[:top]:
        print(f"{crate:<32} {size:>10} {size / 1024:>8.1f} {100 * size / total:>6.1f}%")
    rest = sum(size for _, size in ranked[top:])
    print(f"{f'{len(ranked) - top} more crates':<32} {rest:>10} {rest / 1024:>8.1f} {100 * rest / total:>6.1f}%")
    print(f"{'total (names sections left out)':<32} {total:>10} {total / 1024:>8.1f}")
    print(f"(names sections, not shipped: {names / 1024:.1f} KB)")


if __name__ == "__main__":
    main()
