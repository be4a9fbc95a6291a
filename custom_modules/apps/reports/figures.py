"""The figure and table writers every report, demo and search uses: curve PNGs of runs'
logged scalars (read through :mod:`..results`) and Markdown + CSV tables, all written
atomically. The only place (with the other :mod:`custom_modules.apps.reports` modules)
that draws figures or writes result tables.
"""
import csv
import itertools
from typing import Dict, Optional, Sequence, Tuple

import matplotlib

matplotlib.use('Agg')
import matplotlib.pyplot as plt  # noqa: E402

from custom_modules.plugins.engine.atomic_files import atomic_open, atomic_path, atomic_write_text

from ..results import load_scalars

LINE_STYLES = ('-', '--', ':', '-.')


def plot_curves(runs: Dict[str, str], out_png: str, metric: str = 'accuracy/top1',
                title: str = '') -> str:
    """One PNG: training loss (left) and validation ``metric`` (right) of each run."""
    fig, (ax_loss, ax_metric) = plt.subplots(1, 2, figsize=(11, 4))
    for name, work_dir in runs.items():
        train, val = load_scalars(work_dir)
        if train:
            ax_loss.plot([r['step'] for r in train], [r['loss'] for r in train], label=name)
        points = [(r['step'], r[metric]) for r in val if metric in r]
        if points:
            ax_metric.plot(*zip(*points), marker='o', label=name)
    ax_loss.set(xlabel='iteration', ylabel='training loss', title='training loss')
    ax_metric.set(xlabel='epoch', ylabel=metric, title=f'validation {metric}')
    for ax in (ax_loss, ax_metric):
        ax.grid(alpha=0.3)
        if ax.get_legend_handles_labels()[0]:
            ax.legend()
    return save_figure(fig, out_png, title)


def save_figure(fig, out_png: str, title: str = '') -> str:
    """Title, lay out and write ``fig`` to ``out_png`` atomically; close it."""
    if title:
        fig.suptitle(title)
    fig.tight_layout()
    with atomic_path(out_png) as tmp_png:
        fig.savefig(tmp_png, dpi=100)
    plt.close(fig)
    return out_png


def _with_breaks(points: Sequence[Tuple[int, float]], breaks: Sequence[int]):
    """x and y lists of ``points`` with a NaN between epochs e and e' when a break b has
    e <= b < e' (matplotlib interrupts the line there)."""
    xs, ys = [], []
    for i, (epoch, value) in enumerate(points):
        if i and any(points[i - 1][0] <= b < epoch for b in breaks):
            xs.append(float('nan'))
            ys.append(float('nan'))
        xs.append(epoch)
        ys.append(value)
    return xs, ys


def plot_epoch_panels(runs: Dict[str, Dict[int, dict]],
                      panels: Sequence[Tuple[str, Sequence[Tuple[str, str]]]], out_png: str,
                      title: str = '', colors: Optional[Dict[str, str]] = None,
                      breaks: Optional[Dict[str, Sequence[int]]] = None,
                      xlabel: str = 'epoch', marker: str = '.') -> str:
    """One PNG with a panel per ``(panel title, [(key, series label), ...])`` plotting each
    run's per-epoch values of those keys (``runs``: run label -> :func:`load_epochs`, or
    ``{step: record}`` of training iterations with ``xlabel='iteration'``, ``marker=''``).
    A run keeps one colour (``colors`` or the default cycle), the series of a panel differ
    in line style; ``breaks``: per run, epochs after which its line is interrupted."""
    fig, axes = plt.subplots(1, len(panels), figsize=(5 * len(panels), 4), squeeze=False)
    for ax, (panel_title, series) in zip(axes[0], panels):
        for index, (run, epochs) in enumerate(runs.items()):
            color = (colors or {}).get(run, f'C{index % 10}')
            for style, (key, label) in zip(itertools.cycle(LINE_STYLES), series):
                points = [(epoch, record[key]) for epoch, record in epochs.items()
                          if key in record]
                if not points:
                    continue
                name = ' '.join(part for part in (run if len(runs) > 1 else '',
                                                  label if len(series) > 1 else '') if part)
                ax.plot(*_with_breaks(points, (breaks or {}).get(run, ())), ls=style,
                        color=color, marker=marker, label=name or run)
        ax.set(xlabel=xlabel, title=panel_title)
        ax.grid(alpha=0.3)
        if ax.get_legend_handles_labels()[0]:
            ax.legend(fontsize='small')
    return save_figure(fig, out_png, title)


def _cell(value) -> str:
    return f'{value:.2f}' if isinstance(value, float) else str(value)


def write_table(rows: Sequence[dict], columns: Sequence[str], md_path: str,
                csv_path: str) -> str:
    """Write ``rows`` (dicts keyed by ``columns``) as a Markdown and a CSV table."""
    lines = ['| ' + ' | '.join(columns) + ' |', '|' + '---|' * len(columns)]
    lines += ['| ' + ' | '.join(_cell(row.get(c, '')) for c in columns) + ' |'
              for row in rows]
    markdown = '\n'.join(lines) + '\n'
    atomic_write_text(markdown, md_path)
    with atomic_open(csv_path, 'w', newline='') as f:
        writer = csv.DictWriter(f, fieldnames=list(columns), extrasaction='ignore')
        writer.writeheader()
        writer.writerows(rows)
    return markdown
