"""The `snp` command: what MkDocs itself does not offer editors.

`snp controleer` runs every check of a real build into a throwaway folder, so its verdict is
exactly the build's, and prints the errors with a one-line summary. Help texts are Dutch.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from mkdocs.commands import build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort, ConfigurationError
from mkdocs.utils.yaml import yaml_load

from snp_site import engine
from snp_site.content.kinds import NEWS
from snp_site.errors import ContentError, ContentErrors, summary
from snp_site.logs import collected
from snp_site.codes.schatting import MAX_INHABITANTS, parse_inhabitants
from snp_site.numbers import dutch_number
from snp_site.slugs import slugify
from snp_site.toolkit import gemeente_problem


def check(config_file: Path, publishing: bool = False) -> tuple[list[ContentError], list[str]]:
    """Run a full strict build into a temporary folder; return our errors and other warnings.
    With `publishing`, also what a site needs before it goes public (a contact route)."""
    # The engine's warnings are kept, to be printed in our own words and order.
    with collected(engine.root_logger().name) as collect:
        extra = {"plugins": _with_options(config_file, {"publiceren": True})} if publishing else {}
        cfg = load_config(config_file=str(config_file), strict=True, **extra)
        with tempfile.TemporaryDirectory(prefix="snp-controle-") as tmp:
            cfg.site_dir = str(Path(tmp) / "site")
            plugin = cfg.plugins["snp"]
            try:
                build.build(cfg)
            except Abort:
                pass
        errors = ContentErrors(_errors_of(plugin)).errors
        ours = {id(r) for r in collect.records if r.getMessage().startswith("De site is niet gebouwd")}
        others = [r.getMessage() for r in collect.records
                  if id(r) not in ours and r.name != "mkdocs.plugins.snp"]
        return errors, others


def _colour(text: str, code: str) -> str:
    """ANSI colour only for a person at a terminal (and never with NO_COLOR set)."""
    if sys.stdout.isatty() and not os.environ.get("NO_COLOR"):
        return f"\033[{code}m{text}\033[0m"
    return text


def make_toolkit(config_file: Path, gemeente: str, output: Path | None,
                 inhabitants: int | None = None) -> list[Path]:
    """Build the site into a throwaway folder with the municipality filled in (and, with a number of
    inhabitants, its estimate); keep the PDF and the editable documents (DOCX, ODT), named after the
    municipality, beside each other."""
    options = {"gemeente": gemeente.strip(), "inwoners": inhabitants}
    cfg = load_config(config_file=str(config_file), strict=True, plugins=_with_options(config_file, options))
    plugin = cfg.plugins["snp"]
    name = Path(plugin.config.toolkit.file)
    target = output or Path(f"{name.stem}-{_slug(gemeente)}{name.suffix}")
    with tempfile.TemporaryDirectory(prefix="snp-toolkit-") as tmp:
        cfg.site_dir = str(Path(tmp) / "site")
        try:
            with collected(engine.root_logger().name):  # the CLI says what went wrong in its own words
                build.build(cfg)
        except Abort:
            if _errors_of(plugin):
                raise ContentErrors(_errors_of(plugin)) from None
            raise
        shutil.copyfile(Path(cfg.site_dir) / name, target)
        written = [target]
        for document in sorted((Path(cfg.site_dir) / "downloads").glob("*.*")):
            if document.suffix in (".docx", ".odt"):
                copy = target.parent / f"{document.stem}-{_slug(gemeente)}{document.suffix}"
                shutil.copyfile(document, copy)
                written.append(copy)
    return written


def _with_options(config_file: Path, options: dict[str, object]) -> list[object] | dict[str, object]:
    """The settings file's plugins with these options added to ours: handed to load_config like
    any setting given on the command line, and validated by MkDocs with the rest."""
    with open(config_file, "rb") as fd:
        plugins = (yaml_load(fd) or {}).get("plugins", [])
    if isinstance(plugins, dict):
        return {**plugins, "snp": {**(plugins.get("snp") or {}), **options}}
    return [{"snp": {**(entry["snp"] or {}), **options}} if isinstance(entry, dict) and "snp" in entry
            else {"snp": dict(options)} if entry == "snp" else entry for entry in plugins]


def _errors_of(plugin: object) -> list[ContentError]:
    """The errors of the build the plugin last ran (none when it never got to make one)."""
    build = getattr(plugin, "build", None)
    return build.errors if build is not None else []


def _slug(gemeente: str) -> str:
    """The municipality as its own pages on the site spell it in their address (nieuws/gemeente/...)."""
    return slugify(gemeente) or "gemeente"


def _toolkit(args: argparse.Namespace) -> int:
    problem = gemeente_problem(args.gemeente)
    if problem:
        print(f"--gemeente: {problem}.\n  Oplossing: geef de naam zoals die op de omslag moet staan, "
              f"bijvoorbeeld --gemeente \"Tilburg\".", file=sys.stderr)
        return 2
    inhabitants = None
    if args.inwoners is not None:
        inhabitants, problem = parse_inhabitants(args.inwoners)
        if problem:
            print(f"--inwoners: {problem}.\n  Oplossing: geef het aantal inwoners als heel getal van 1 tot en met "
                  f"{dutch_number(MAX_INHABITANTS)}, bijvoorbeeld --inwoners 220000.", file=sys.stderr)
            return 2
    try:
        written = make_toolkit(args.config, args.gemeente, args.output, inhabitants)
    except ContentErrors as exc:
        print(str(exc), file=sys.stderr)
        return 1
    except (ConfigurationError, Abort) as exc:
        print(f"De toolkit is niet gemaakt: {exc}", file=sys.stderr)
        return 1
    with_estimate = f", met de indicatie voor {dutch_number(inhabitants)} inwoners," if inhabitants else ""
    print(f"Toolkit voor de gemeente {args.gemeente.strip()}{with_estimate} geschreven naar {written[0]}.")
    for document in written[1:]:
        print(f"Document geschreven naar {document}.")
    return 0


def _controleer(args: argparse.Namespace) -> int:
    try:
        errors, warnings = check(args.config, args.publiceren)
    except (ConfigurationError, Abort) as exc:
        print(f"{args.config}: de instellingen kloppen niet: {exc}", file=sys.stderr)
        return 1
    for error in errors:
        where, _, rest = error.format().partition(": ")
        print(f"{_colour(where, '1;31')}: {rest}")
    for warning in warnings:
        print(f"{_colour('waarschuwing', '1;33')}: {warning}")
    if errors or warnings:
        counted = summary(errors) if errors else "0 fouten"
        extra = f" en {len(warnings)} waarschuwing(en)" if warnings else ""
        print(f"{counted}{extra}.")
        return 1
    print(_colour("Geen fouten gevonden.", "32"))
    return 0


def _settings(args: argparse.Namespace) -> MkDocsConfig | None:
    """mkdocs.yml read without building, or None after saying in Dutch why it cannot be read."""
    try:
        return load_config(config_file=str(args.config))
    except (ConfigurationError, Abort) as exc:
        print(f"{args.config}: de instellingen kloppen niet: {exc}", file=sys.stderr)
        return None


def _onderbouwing(args: argparse.Namespace) -> int:
    from snp_site.content.citation_rule import project_report

    cfg = _settings(args)
    if cfg is None:
        return 1
    options = cfg.plugins["snp"].config
    print(project_report(Path(cfg.docs_dir), Path(cfg.config_file_path).parent, options.citations))
    return 0


def _nieuw(args: argparse.Namespace) -> int:
    from snp_site.news.scaffold import ScaffoldProblem, create

    cfg = _settings(args)
    if cfg is None:
        return 1
    root = Path(cfg.config_file_path).parent
    news_dir = Path(cfg.docs_dir) / NEWS.folder
    try:
        path = create(news_dir, args.titel, args.datum)
    except ScaffoldProblem as exc:
        print(f"Geen bericht gemaakt: {exc}", file=sys.stderr)
        return 1
    print(path.resolve().relative_to(root.resolve()).as_posix())
    return 0


def _bron_toevoegen(args: argparse.Namespace) -> int:
    from snp_site.content.kinds import SOURCES_DIR
    from snp_site.sources.add import AddProblem, add

    cfg = _settings(args)
    if cfg is None:
        return 1
    root = Path(cfg.config_file_path).parent
    folder = Path(cfg.docs_dir) / SOURCES_DIR
    try:
        added = add(folder, args.sleutel, args.bestand)
    except AddProblem as exc:
        print(f"Geen index gemaakt: {exc}.", file=sys.stderr)
        return 1
    shown = added.entry.resolve().relative_to(root.resolve()).as_posix()
    what = ("nieuw bestand; vul titel, auteur, datum en uitgever in" if added.created else
            "index vernieuwd" if added.changed else "index was al van dit document")
    print(f"{shown}: {added.paragraphs} alinea's, {added.words} woorden ({what}).")
    return 0


def _nieuw_initiatief(args: argparse.Namespace) -> int:
    from snp_site import initiative

    try:
        initiative.create(args.map, args.naam, args.kleur, args.adres)
    except initiative.InitiativeProblem as exc:
        print(f"Geen map gemaakt: {exc}", file=sys.stderr)
        return 1
    print(f"De site van {' '.join(args.naam.split())} staat in {args.map}. Lees daar README.md: "
          "zo installeert u de generator en bouwt u de site.")
    return 0


class DutchParser(argparse.ArgumentParser):
    """argparse with Dutch usage line, headings and error message (argparse's own texts are English)."""

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("add_help", False)
        kwargs.setdefault("formatter_class", _DutchHelp)
        super().__init__(*args, **kwargs)
        self._optionals.title = "opties"
        self._positionals.title = "argumenten"
        self.add_argument("-h", "--help", action="help", help="toon deze hulp en stop")

    def error(self, message: str) -> None:
        self.print_usage(sys.stderr)
        translated = (message.replace("the following arguments are required", "deze argumenten ontbreken")
                      .replace("unrecognized arguments", "onbekende argumenten")
                      .replace("invalid choice", "onbekende opdracht").replace("choose from", "kies uit")
                      .replace("expected one argument", "hier hoort één waarde bij"))
        self.exit(2, f"{self.prog}: fout: {translated}\n")


class _DutchHelp(argparse.HelpFormatter):
    def add_usage(self, usage, actions, groups, prefix=None) -> None:
        super().add_usage(usage, actions, groups, "gebruik: " if prefix is None else prefix)


def _config_file(text: str) -> Path:
    """The settings file must exist: otherwise MkDocs answers in English ("Config file ... does not
    exist"), and the usual cause is an editor in the wrong folder."""
    path = Path(text)
    if not path.is_file():
        raise argparse.ArgumentTypeError(f"het bestand '{text}' bestaat niet. Ga in de terminal naar de map "
                                         "van de site (waar mkdocs.yml staat), of noem het bestand met -f")
    return path


def _config_option(command: argparse.ArgumentParser) -> None:
    # A string default: argparse runs `type` on it, so a missing mkdocs.yml gets the Dutch message too.
    command.add_argument("-f", "--config", type=_config_file, default="mkdocs.yml", metavar="BESTAND",
                         help="het instellingenbestand (standaard: mkdocs.yml)")


def parser() -> argparse.ArgumentParser:
    main = DutchParser(
        prog="snp",
        description="Hulpmiddelen voor de redactie van de overdrachtsite. Bouwen en bekijken gaat "
                    "met make site en make serve.")
    sub = main.add_subparsers(title="opdrachten", metavar="OPDRACHT", parser_class=DutchParser)
    ctl = sub.add_parser("controleer", help="controleer alle inhoud zonder de site bij te werken",
                         description="Controleert alle bestanden in content/ met dezelfde controles als "
                                     "de build. Schrijft niets in site/. Geeft 0 terug als alles klopt, "
                                     "anders 1.")
    _config_option(ctl)
    ctl.add_argument("--publiceren", action="store_true",
                     help="controleer ook wat nodig is voordat de site openbaar wordt (een contactadres "
                          "in de instelling contact); de publicatie in CI draait dit")
    ctl.set_defaults(run=_controleer)
    ond = sub.add_parser("onderbouwing", help="toon per pagina welke alinea's een bron hebben",
                         description="Telt per pagina die de regel uit docs/onderbouwing.md dekt hoeveel "
                                     "alinea's een bron ([[bron ...]]) hebben, en noemt de feitelijke "
                                     "alinea's zonder bron met bestand, regel en de eerste woorden. "
                                     "Een overzicht: geeft altijd 0 terug.")
    _config_option(ond)
    ond.set_defaults(run=_onderbouwing)
    new = sub.add_parser("nieuw", help="maak een nieuw nieuwsbericht",
                         description="Maakt content/nieuws/<datum>-<titel>.md met de verplichte velden en "
                                     "een plek voor de tekst, en toont het pad. Overschrijft nooit een "
                                     "bestaand bestand.")
    new.add_argument("titel", help="de titel van het bericht, tussen aanhalingstekens")
    new.add_argument("--datum", help="datum als 2018-01-15, of 2018-01 als alleen de maand bekend is "
                                     "(standaard: vandaag)")
    _config_option(new)
    new.set_defaults(run=_nieuw)
    tk = sub.add_parser("toolkit",
                        help="maak de toolkit (PDF) met de naam van een gemeente ingevuld",
                        description="Maakt een eigen exemplaar van de toolkit: de naam van de gemeente "
                                    "staat op de omslag en op de plaatsen met [naam gemeente]. Met "
                                    "--inwoners komt er een hoofdstuk bij met een indicatie per jaar "
                                    "voor die gemeente, berekend zoals op de site. "
                                    "Verandert niets in site/.")
    _config_option(tk)
    tk.add_argument("--gemeente", required=True, help='de naam van de gemeente, bijvoorbeeld "Tilburg"')
    tk.add_argument("--inwoners", metavar="AANTAL",
                    help="het aantal inwoners van de gemeente, een heel getal van 1 tot en met "
                         f"{dutch_number(MAX_INHABITANTS)}, bijvoorbeeld 220000 (zonder deze optie: "
                         "geen indicatie in de PDF)")
    tk.add_argument("-o", "--uitvoer", dest="output", type=Path, default=None, metavar="BESTAND",
                    help="waar de PDF komt (standaard: de bestandsnaam van de toolkit met de gemeente erin)")
    tk.set_defaults(run=_toolkit)
    bron = sub.add_parser("bron", help="werk met de bronnen in content/bronnen/",
                          description="Bronnen zijn de documenten waar de site op steunt.")
    bron_sub = bron.add_subparsers(title="opdrachten", metavar="OPDRACHT", parser_class=DutchParser)
    add = bron_sub.add_parser("toevoegen", help="maak of vernieuw de index van een bron",
                              description="Leest uw kopie van een document (als tekstbestand) en zet een "
                                          "vingerafdruk ervan in content/bronnen/SLEUTEL.yml, waarmee de build "
                                          "citaten controleert. De tekst van het document komt niet in de site.")
    add.add_argument("sleutel", help="de korte naam van de bron, zoals kamerbrief")
    add.add_argument("bestand", type=Path, help="het document als tekstbestand (.txt of .md)")
    _config_option(add)
    add.set_defaults(run=_bron_toevoegen)
    bron.set_defaults(run=lambda args: (bron.print_help(), 2)[1])
    _initiative_command(sub)
    return main


def _initiative_command(sub: argparse._SubParsersAction) -> None:
    from snp_site.initiative import DEFAULT_COLOUR

    ini = sub.add_parser("nieuw-initiatief", help="begin een site voor een ander initiatief, in een nieuwe map",
                         description="Maakt een nieuwe map met eigen instellingen (mkdocs.yml: naam, kleur, "
                                     "titel van de toolkit), een kleine content/ om mee te beginnen en een "
                                     "README over installeren en bouwen. De site bouwt meteen. Overschrijft "
                                     "nooit een map die al bestanden heeft.")
    ini.add_argument("map", type=Path, help="de nieuwe map (bestaat nog niet, of is leeg)")
    ini.add_argument("--naam", required=True, help='de naam van het initiatief, bijvoorbeeld "Samen tegen eenzaamheid"')
    ini.add_argument("--kleur", default=DEFAULT_COLOUR, metavar="KLEUR",
                     help=f"de kleur van de kopregel als #rrggbb; witte tekst erop moet goed leesbaar zijn "
                          f"(standaard: {DEFAULT_COLOUR})")
    ini.add_argument("--adres", default="https://www.voorbeeld.invalid/", metavar="ADRES",
                     help="het webadres van de site (standaard een voorbeeldadres dat u later in mkdocs.yml "
                          "vervangt)")
    ini.set_defaults(run=_nieuw_initiatief)


def main(argv: Sequence[str] | None = None) -> int:
    p = parser()
    args = p.parse_args(argv)
    if not hasattr(args, "run"):
        p.print_help()
        return 2
    return args.run(args)


if __name__ == "__main__":
    sys.exit(main())
