"""`factfile new person|event|place`: write a new content file with every field as a commented example.

The examples come from the model's type hints and `doc` metadata, so a field added to model.py
appears in new files without anyone writing it twice.
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import sys
import textwrap
import types
import typing
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Literal

import yaml

from ..content import model
from ..content.dates import DateError, PartialDate, Term, parse_date
from ..content.load import load_site
from ..content.rules import label_slug, label_words
from ..content.translit import language_of, slugify, to_latin
from ..problems import Problems
from .args import path as path_option

EXIT_OK, EXIT_CONTENT, EXIT_USAGE = 0, 1, 2
KINDS = {"person": ("people", model.Person), "event": ("events", model.Event), "place": ("places", model.Place)}
_EXAMPLES: dict[Any, str] = {
    str: "...", bool: "false", PartialDate: "2021-05-12", Term: "P3Y6M",
    model.Url: "https://", model.Slug: "first-last", model.PersonRef: "first-last", model.SourceId: "source-id",
    model.PlaceRef: "place-file-name", model.ArticleRef: '"342"',
    model.CountryCode: "BY", model.LanguageCode: "en",
}


def schema_header(kind: str, file: Path, content_dir: Path) -> str:
    """Return the first line that lets YAML-aware editors validate the file while typing."""
    schema = content_dir.resolve().parent / "schema" / f"{kind}.schema.json"
    relative = Path(os.path.relpath(schema, file.parent.resolve())).as_posix()
    return f"# yaml-language-server: $schema={relative}\n"


def _bare(hint: Any) -> Any:
    """Return a type hint without `| None`; a union of an id and a record stays as it is."""
    if typing.get_origin(hint) in (typing.Union, types.UnionType):
        options = [o for o in typing.get_args(hint) if o is not type(None)]
        return options[0] if len(options) == 1 else hint
    return hint


def example(hint: Any, languages: Sequence[str], nested: bool = False) -> list[str]:
    """Return an example value of a type as YAML lines; one line for scalars, more for records."""
    hint = _bare(hint)
    if hint in _EXAMPLES:
        return [_EXAMPLES[hint]]
    origin = typing.get_origin(hint)
    if origin is Literal:
        return [typing.get_args(hint)[0]]
    if hint == model.SourceRef:
        return [_EXAMPLES[model.SourceId]]
    if isinstance(hint, type) and issubclass(hint, model.Localized):
        if len(languages) == 1 or nested:  # plain text is the default language
            return ["..."]
        return ["", *(f"  {lang}: ..." for lang in languages)]
    if origin is list:
        item = example(typing.get_args(hint)[0], languages, nested)
        if len(item) == 1 and not dataclasses.is_dataclass(_bare(typing.get_args(hint)[0])):
            return [f"[{item[0]}]"]
        body = item[1:] if item[0] == "" else item
        return ["", "  - " + body[0].lstrip(), *("  " + line for line in body[1:])]
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        return ["", *("  " + line for line in record_lines(hint, languages, docs_inline=True))]
    raise TypeError(f"no example for {hint!r}")


def _fields(cls: type) -> list[tuple[dataclasses.Field, Any]]:
    hints = typing.get_type_hints(cls)
    return [(f, hints[f.name]) for f in dataclasses.fields(cls) if not f.metadata.get("from_file")]


def _is_required(f: dataclasses.Field) -> bool:
    return f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING


def record_lines(cls: type, languages: Sequence[str], docs_inline: bool = False) -> list[str]:
    """Return `field: example` lines of a record; nested records carry their docs at line end."""
    lines = []
    for f, hint in _fields(cls):
        value = example(hint, languages, nested=docs_inline)
        first = f"{model.key_of(f)}: {value[0]}".rstrip()
        if docs_inline and f.metadata.get("doc"):
            first += f"  # {f.metadata['doc']}"
        lines += [first, *value[1:]]
    return lines


# What a new withheld person's file says first, and what it leaves out: every field that could
# identify them, and the address of a recognition's statement (which names them).
WITHHELD_NOTE = ("# The identity of this person is withheld. Nothing that could identify them may be added here:",
                 "# no name, no detail that narrows them down, no link whose address or page names them",
                 "# (see 'What must never be published' in CONTRIBUTING.md).")


def file_text(kind: str, given: dict[str, list[str]], languages: Sequence[str], header: str,
              withheld: bool = False) -> str:
    """Return the text of a new file: given fields filled in, the others as commented examples.

    `withheld` starts a person whose identity is withheld: no identifying field is even suggested."""
    cls = KINDS[kind][1]
    out = [header.rstrip("\n"),
           f"# A new {kind}. Fill in what your sources say and delete the examples you do not need:",
           "# a line starting with # is only a comment. Every fact needs a source (see CONTRIBUTING.md).",
           "# Check your work with: python build.py check", *(WITHHELD_NOTE if withheld else ()), ""]
    fields = [(f, hint) for f, hint in _fields(cls) if not (withheld and f.name in model.IDENTIFYING_FIELDS)]
    # What was typed comes first, then what is required, then the rest in the model's order.
    fields.sort(key=lambda fh: (fh[0].name not in given, not _is_required(fh[0])))
    for f, hint in fields:
        required = _is_required(f) or (kind == "person" and f.name == "name") or (withheld and f.name == "label")
        out.append(f"# {f.name}{' (required)' if required else ''}: {f.metadata.get('doc', '')}")
        if f.name in given:
            out += given[f.name]
        elif required:
            # Left empty on purpose: `check` then says what is missing until it is filled in.
            out.append(f"{f.name}:  # for example: {example(hint, [languages[0]])[0]}")
        else:
            value = example(hint, languages)
            if withheld:  # nor a recognition's address, a case's court or its judge
                value = [line for line in value if not line.lstrip(" -").startswith(
                    ("url:", *(f"{name}:" for name in model.IDENTIFYING_CASE_FIELDS)))]
            out += [f"# {f.name}: {value[0]}".rstrip(), *(f"# {line}" for line in value[1:])]
        out.append("")
    return "\n".join(out).rstrip("\n") + "\n"


def _quote(text: str) -> str:
    """Return text as a YAML scalar that reads back as exactly that text."""
    return yaml.safe_dump(text, allow_unicode=True, width=10_000).removesuffix("\n...\n").rstrip("\n")


def localized(field: str, text: str, languages: Sequence[str]) -> list[str]:
    """Return the lines of a localized field for text typed on the command line."""
    cyrillic = any("\u0400" <= c <= "\u04ff" for c in text)
    language = language_of(text) if cyrillic else None
    if language is None or language not in languages or language == languages[0]:
        return [f"{field}: {_quote(text)}"]
    lines = [f"{field}:", f"  {language}: {_quote(text)}"]
    # A Latin spelling helps readers of the default language; the sources' own spelling wins.
    lines.append(f"  # {languages[0]}: {_quote(to_latin(text))}  # check the spelling your sources use")
    return lines


def _languages(content_dir: Path) -> Sequence[str]:
    site = load_site(content_dir, Problems()) if (content_dir / "site.yaml").exists() else None
    return site.languages if site else ["en"]


def run(args: argparse.Namespace) -> int:
    """Write the new file and print its path; refuse to overwrite anything."""
    content: Path = args.content
    if not content.is_dir():
        print(f"{content}: is not a folder (pass the content folder with --content)", file=sys.stderr)
        return EXIT_USAGE
    languages = _languages(content)
    folder, _ = KINDS[args.kind]
    given: dict[str, list[str]] = {}
    if args.kind == "person":
        if args.date is not None:
            print("--date is for events; a person's dates go into the file (detained:, born:, ...)",
                  file=sys.stderr)
            return EXIT_USAGE
        slug = args.slug or slugify(args.text)
        if args.withheld:  # the text is the label; the file name is made of its words only
            slug = args.slug or label_slug(args.text)
            if slug and not set(slug.split("-")) <= label_words(model.Localized({"": args.text})) | \
                    {w for w in slug.split("-") if w.isdigit()}:
                print("--slug: the file name of a person whose identity is withheld may hold only words of "
                      "the label and numbers", file=sys.stderr)
                return EXIT_USAGE
            given["identity_withheld"] = ["identity_withheld: true"]
            given["label"] = localized("label", args.text, languages)
        else:
            given["name"] = localized("name", args.text, languages)
    elif args.kind == "place":
        if args.withheld or args.date is not None:
            print(f"--{'withheld' if args.withheld else 'date'} is not for places", file=sys.stderr)
            return EXIT_USAGE
        slug = args.slug or slugify(args.text)
        given["name"] = localized("name", args.text, languages)
    else:
        if args.withheld:
            print("--withheld is for people whose identity is withheld, not for events", file=sys.stderr)
            return EXIT_USAGE
        if args.date is None:
            print("an event needs its date: add --date YYYY-MM-DD (or YYYY-MM, YYYY)", file=sys.stderr)
            return EXIT_USAGE
        try:
            date = parse_date(args.date)
        except DateError as exc:
            print(f"--date: {exc.message}" + (f" ({exc.hint})" if exc.hint else ""), file=sys.stderr)
            return EXIT_USAGE
        slug = args.slug or "-".join(filter(None, [date.iso(), slugify(args.text)]))
        given["date"] = [f"date: {date}"]
        given["title"] = localized("title", args.text, languages)
    if not slug or slugify(slug) != slug:
        print(f"cannot make a file name from {args.text!r}: pass one with --slug, "
              "e.g. --slug first-last (lowercase a-z, 0-9, hyphens)", file=sys.stderr)
        return EXIT_USAGE
    path = Path(os.path.relpath(content / folder / f"{slug}.yaml"))
    text = file_text(args.kind, given, languages, schema_header(args.kind, path, content),
                     withheld=args.kind == "person" and args.withheld)
    path.parent.mkdir(exist_ok=True)
    try:
        with path.open("x", encoding="utf-8", newline="\n") as out:  # "x": never overwrite
            out.write(text)
    except FileExistsError:
        print(f"{path}: already exists; nothing was written (edit that file, or choose another "
              "file name with --slug if this is a different " + args.kind + ")", file=sys.stderr)
        return EXIT_CONTENT
    print(path)
    print(f"next: fill in {path}, then run 'python build.py check'", file=sys.stderr)
    return EXIT_OK


def register(commands: argparse._SubParsersAction) -> None:
    """Add the `new` command to the command line."""
    parser = commands.add_parser(
        "new", help="start a new person, event or place file with every field explained",
        description=textwrap.fill(
            "Write content/people/<slug>.yaml, content/events/<slug>.yaml or content/places/<slug>.yaml "
            "with the name or title "
            "filled in and every other field as a commented example. The file name (slug) is made "
            "from the name, transliterating Belarusian and Russian Cyrillic to Latin. An existing "
            "file is never overwritten. Then fill it in and run 'check'.", 78),
        epilog="examples:\n  python build.py new person \"Andrey Kuznechyk\"\n"
               "  python build.py new person \"Андрэй Кузнечык\"\n"
               "  python build.py new person --withheld \"U.S. citizen, name not published\"\n"
               "  python build.py new event \"Three prisoners released\" --date 2025-02-12\n"
               "  python build.py new place \"Penal Colony No. 4\"\n"
               "Exit status: 0 written, 1 the file exists, 2 usage errors.",
        formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("kind", choices=sorted(KINDS), help="what to add")
    parser.add_argument("text", metavar="NAME_OR_TITLE", help="full name of the person or place, or title of the event")
    parser.add_argument("--date", metavar="DATE", help="date of an event: YYYY-MM-DD, YYYY-MM or YYYY (events only)")
    parser.add_argument("--slug", help="file name without .yaml, instead of one made from the name")
    parser.add_argument("--withheld", action="store_true",
                        help="a person whose identity is withheld: the text is the label shown instead of "
                             "a name (e.g. \"U.S. citizen, name not published\"), the file name is made from "
                             "its words, and no name or other identifying field is written")
    parser.add_argument("--content", type=path_option, default=Path("content"), metavar="DIR",
                        help="content folder (default: content)")
    parser.set_defaults(handler=run)
