"""The command line: `factfile build`, `check` (and the commands later modules add)."""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from .engine.options import BuildOptions, default_cache, names_path
from .engine.progress import Phases
from .problems import PrintableFormatter, printable, report, summary_line
from .tools.args import path

log = logging.getLogger("factfile")

EXIT_OK, EXIT_CONTENT, EXIT_USAGE = 0, 1, 2


def _add_build_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--content", type=path, default=Path("content"), metavar="DIR",
                        help="content folder with site.yaml, people/, events/ (default: content)")
    parser.add_argument("--templates", type=path, default=Path("templates"), metavar="DIR",
                        help="templates, interface text (i18n/) and static/ assets (default: templates)")
    parser.add_argument("--out", type=path, default=Path("site"), metavar="DIR",
                        help="output folder, replaced whole on success (default: site)")
    parser.add_argument("--strict", action="store_true", help="treat warnings as errors (for CI)")
    parser.add_argument("--debug", action="store_true", help="show tracebacks of internal errors")


def _add_names_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--withheld-names", type=path, metavar="FILE",
                        help="a plain-text file, kept out of git, with the real name of each person whose "
                             "identity is withheld, one per line, in any script or spelling: any output "
                             "that holds one fails the build, which names the file and record but never "
                             "the name (default: the file named by FACTFILE_WITHHELD_NAMES, if set)")


def make_parser() -> argparse.ArgumentParser:
    """Return the argument parser of every command."""
    parser = argparse.ArgumentParser(
        prog="factfile",
        description="Build a static site of fact files on people detained for political reasons "
                    "from the YAML under content/.",
        epilog="Exit status: 0 success, 1 problems in the content or templates, 2 usage errors, "
               "3 an internal error (a bug: run again with --debug and report the traceback). "
               "Run 'factfile COMMAND --help' for a command's options.")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    build_cmd = commands.add_parser(
        "build", help="validate content/ and write the site (the default command)",
        description="Validate every content file, render every page in every language and replace "
                    "the output folder only when all of it succeeded. Every problem is reported "
                    "as path:line:column: field: message.")
    _add_build_options(build_cmd)
    _add_names_option(build_cmd)
    build_cmd.add_argument("--no-search", dest="search", action="store_false",
                           help="skip the full-text search index (Pagefind), e.g. for quick local builds "
                                "of very large sites")
    build_cmd.add_argument("--cache", type=path, metavar="DIR",
                           help="where the build keeps what it needs to rebuild only what changed "
                                "(default: .OUT.cache beside the output folder; never published)")
    build_cmd.add_argument("--no-wait", dest="wait", action="store_false",
                           help="fail at once when another build is writing the output folder "
                                "(by default the build says so and waits for it)")
    build_cmd.add_argument("--timings", action="store_true",
                           help="after the summary, print how long each phase took (loading, rendering, "
                                "data files, search index, offline copy)")
    check_cmd = commands.add_parser(
        "check", help="validate content/ and render in memory; write nothing",
        description="Report every problem in content/ and the templates without writing any output, "
                    "and how many records each language shows in another language (the default "
                    "language's text, marked as such on the page).")
    _add_build_options(check_cmd)
    _add_names_option(check_cmd)
    check_cmd.add_argument("--languages", action="store_true",
                           help="list, for each language, the records and fields it shows in another "
                                "language")
    # Commands with a module of their own; each adds its parser and sets `handler`.
    from .tools import csvimport, scaffold

    for module in (scaffold, csvimport):
        module.register(commands)
    serve_cmd = commands.add_parser(
        "serve", help="live preview: build, serve on 127.0.0.1 and rebuild on every save",
        description="Build the site, serve it on http://HOST:PORT/ and watch content/ and templates/. "
                    "Every save rebuilds only the pages it touches and reloads the pages open in "
                    "the browser. While the content has errors, every page shows them (with HTTP "
                    "status 500) and the terminal prints them; fix and save, and the site comes back.",
        epilog="Serves only the output folder, to this machine only unless --host says otherwise, and "
               "answers only requests addressed to it (no other site's page can read it). The preview "
               "makes neither the search index nor the offline zip; `build` does.")
    _add_build_options(serve_cmd)
    serve_cmd.add_argument("--port", type=int, default=8000, help="port to listen on (default: 8000)")
    serve_cmd.add_argument("--host", default="127.0.0.1",
                           help="address to listen on (default: 127.0.0.1, this machine only; any other "
                                "address shows the drafts to the network, with a warning)")
    serve_cmd.add_argument("--open", action="store_true", help="open the site in the web browser")
    return parser


def run_build(args: argparse.Namespace, write: bool) -> int:
    options = BuildOptions(args.content, args.templates, args.out, args.strict, search=getattr(args, "search", True),
                           withheld_names=names_path(args.withheld_names), wait=getattr(args, "wait", True))
    phases = Phases(sys.stderr)
    from .engine.build import Engine  # the renderer itself is imported only when there is work

    cache = (getattr(args, "cache", None) or default_cache(options.out)) if write else None
    engine = Engine(options, cache, write=write)
    try:
        result = engine.run(phases)
    finally:
        phases.clear()
        engine.close()
    report(result.problems, args.strict, sys.stderr)
    if not write and result.coverage is not None:  # check: which language shows what in another
        listing = getattr(args, "languages", False)
        if listing:
            print("\n".join(result.coverage.listing()))
        hint = " (--languages lists them)" if not listing and any(result.coverage.fallbacks.values()) else ""
        print(result.coverage.summary() + hint, file=sys.stderr)
    if not result.ok(args.strict):
        print(f"build failed: {summary_line(result.problems, args.strict)}; "
              f"{'nothing was written' if write else 'no output'}", file=sys.stderr)
        return EXIT_CONTENT
    languages = ", ".join(result.languages)
    warnings = len(result.problems.warnings)
    note = f", {warnings} warning{'s' * (warnings != 1)}" if warnings else ""
    if write and result.unchanged:
        print(f"nothing changed since the last build of {result.pages} pages in {len(result.languages)} "
              f"languages ({languages}) in {printable(args.out)}/ ({result.seconds:.2f} s){note}", file=sys.stderr)
    elif write:
        partial = (f" ({result.rendered:,} rendered, {result.files:,} files changed)"
                   if result.rendered < result.pages else "")
        print(f"built {result.pages} pages in {len(result.languages)} languages ({languages}) "
              f"into {printable(args.out)}/ in {result.seconds:.2f} s{partial}{note}", file=sys.stderr)
    else:
        print(f"checked {result.pages} pages in {len(result.languages)} languages ({languages}) "
              f"in {result.seconds:.2f} s: no errors{note}", file=sys.stderr)
    if getattr(args, "timings", False) and phases.times:
        print(f"phases: {phases.summary()}", file=sys.stderr)
    return EXIT_OK


def main(argv: list[str] | None = None) -> int:
    """Run a command and return its exit status."""
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or argv[0].startswith("-") and argv[0] not in ("-h", "--help"):
        argv.insert(0, "build")
    parser = make_parser()
    args = parser.parse_args(argv)
    handler = logging.StreamHandler()
    handler.setFormatter(PrintableFormatter("%(message)s"))
    logging.basicConfig(level=logging.INFO, handlers=[handler])
    try:
        if args.command in ("build", "check"):
            return run_build(args, write=args.command == "build")
        if hasattr(args, "handler"):
            return args.handler(args)
        if args.command == "serve":
            from .live.serve import serve  # imports the web server only when asked to serve

            # No search index in the preview: Pagefind would rerun on every save.
            options = BuildOptions(args.content, args.templates, args.out, args.strict, search=False, offline=False)
            return serve(options, args.host, args.port, args.open, sys.stderr)
        parser.print_help()
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("interrupted; the previous site is untouched", file=sys.stderr)
        return 130
    except Exception as exc:  # an internal error: short message unless --debug
        if getattr(args, "debug", False):
            raise
        print(f"internal error: {type(exc).__name__}: {printable(exc)} (run with --debug for the traceback)",
              file=sys.stderr)
        return 3
