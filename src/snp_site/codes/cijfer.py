"""The [[cijfer bestand.naam]] code: one figure from content/data/, shown in Dutch notation."""

from __future__ import annotations

from collections.abc import Callable
from html import escape
from typing import TYPE_CHECKING

from snp_site.codes.context import CodeContext, Problem
from snp_site.suggest import closest, did_you_mean

if TYPE_CHECKING:
    from snp_site.content.models import Content, Figure

NAME = "cijfer"


def check(args: list[str], content: Content) -> Problem | None:
    if len(args) != 1:
        return Problem("cijfer-syntax", "'[[cijfer]]' noemt geen cijfer." if not args else
                       "'[[cijfer]]' noemt meer dan één cijfer.",
                       "Schrijf [[cijfer bestand.naam]], bijvoorbeeld [[cijfer pilot.brieven]].")
    return unknown_figure(args[0], content)


def unknown_figure(key: str, content: Content) -> Problem | None:
    """The problem with a figure key not in content/data/; None if it exists or was reported."""
    if key in content.figures or content.figure_is_broken(key):
        return None
    close = closest(key, sorted(content.figures))
    return Problem("onbekend-cijfer", f"het cijfer '{key}' staat niet in content/data/.",
                   "Controleer de naam: het deel voor de punt is het bestand in content/data/, het deel erna de "
                   "naam van het cijfer." + (" " + did_you_mean(close) if close else ""))


def check_figures(keys: list[str], content: Content,
                  problem_of: Callable[[str, Figure], Problem | None]) -> Problem | None:
    """The first problem among `keys`, in their order: a figure not in content/data/, or what
    `problem_of` finds in one that exists (codes that need numbers or dates)."""
    for key in keys:
        problem = unknown_figure(key, content)
        figure = content.figures.get(key)
        if problem is None and figure is not None:
            problem = problem_of(key, figure)
        if problem is not None:
            return problem
    return None


def render(args: list[str], context: CodeContext) -> str:
    key = args[0]
    figure = context.content.figures.get(key)
    if figure is None:
        return f"[[cijfer {escape(key)}]]"
    return f'<span class="snp-cijfer" data-cijfer="{escape(key)}">{escape(figure.text())}</span>'
