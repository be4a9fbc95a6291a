"""Read mmengine's ``vis_data/scalars.json`` logs and write curve PNGs and result tables.

Used by ``tools/demo.py`` and the report tools. A resumed run writes a new
timestamped folder; records from all of a work dir's runs are merged in
time order, later records replacing earlier ones of the same step.
"""
import csv
import glob
import json
import os.path as osp
from typing import Dict, List, Sequence, Tuple

import matplotlib

matplotlib.use('Agg')
import matplotlib.pyplot as plt  # noqa: E402

from custom_modules.plugins.engine.atomic_files import atomic_open, atomic_path, atomic_write_text


def load_scalars(work_dir: str) -> Tuple[List[dict], List[dict]]:
    """Return ``(train_records, val_records)`` of a work dir, each sorted by step."""
    files = sorted(glob.glob(osp.join(work_dir, '*', 'vis_data', 'scalars.json')))
    train, val = {}, {}
    for path in files:
        with open(path) as f:
            for line in f:
                line = line.strip()
                if not line:
                    continue
                record = json.loads(line)
                target = train if 'loss' in record else val
                target[record['step']] = record
    return ([train[k] for k in sorted(train)], [val[k] for k in sorted(val)])


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
    if title:
        fig.suptitle(title)
    fig.tight_layout()
    with atomic_path(out_png) as tmp_png:
        fig.savefig(tmp_png, dpi=100)
    plt.close(fig)
    return out_png


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
