"""The progress of `fit` in a notebook, as HTML: a bar, the iterations, the cost, the time.

Inline styles only (an untrusted notebook keeps them; it drops `<style>` and scripts), no
widget: what the notebook saves is readable with no kernel, in nbconvert's output and on
GitHub.

    >>> from tinygraph.models.progress import Progress
    >>> shown = progress_html(Progress(total=20, done=20, cost=0.5, finished=True))
    >>> "20/20" in shown and "width:100%" in shown and "done" in shown
    True
"""

from __future__ import annotations

import html

from ...models.progress import Progress


def progress_html(progress: Progress) -> str:
    """The bar and its line of text (`repr(progress)`'s words), green once done, red when
    training stopped early."""
    colour = "#cf222e" if progress.stopped else "#2ca02c" if progress.finished else "#1f77b4"
    words = progress.words()
    percent = f"{100 * progress.fraction:.0f}%"
    return (f'<div class="tg-progress" style="display:flex;align-items:center;gap:0.8em;'
            f'font-family:Helvetica,Arial,sans-serif;font-size:13px;margin:0.2em 0">'
            f'<div style="width:240px;height:12px;background:#e6e6e6;border-radius:3px;'
            f'overflow:hidden;flex:none"><div style="width:{percent};height:100%;'
            f'background:{colour}"></div></div>'
            f'<span>{html.escape(", ".join(words))}</span></div>')
