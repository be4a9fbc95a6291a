"""What the detection layouts (000-B/C, 001-B, 002-B/C) share: per-iteration training
records, the best epoch by mAP, the mAP curve's placeholder 0 at epoch 0, the per-class
table (gts, dets, recall, AP of ``VOCMetricWithTable``) beside the reports' figures and
the per-class AP bar chart."""
import os.path as osp
from typing import Dict, List, Optional, Sequence, Tuple

import numpy as np

from ..results import load_scalars
from .common import Compared, Layout
from .figures import plt, save_figure
from .reference import Figure

VOC_CLASSES = ('aeroplane', 'bicycle', 'bird', 'boat', 'bottle', 'bus', 'car', 'cat',
               'chair', 'cow', 'diningtable', 'dog', 'horse', 'motorbike', 'person',
               'pottedplant', 'sheep', 'sofa', 'train', 'tvmonitor')
CLASS_KEYS = {'gts': 'gts_', 'dets': 'dets_', 'recall': 'recall_', 'AP': 'AP_'}
CLASS_DIGITS = {'gts': 0, 'dets': 0, 'recall': 3, 'AP': 3, 'mAP': 3, 'epoch': 0}
AREA, ELEVEN = 'pascal_voc_area', 'pascal_voc'  # VOCMetricWithTable prefixes (AP modes)


def iterations(layout: Layout, name: Optional[str]) -> Dict[int, dict]:
    """The run's per-iteration training records ``{iteration: record}``, or {}."""
    path = layout.run_dir(name)
    return {r['step']: r for r in load_scalars(path)[0]} if path else {}


def best_epoch(epochs: Dict[int, dict], key: str) -> Tuple[Optional[int], dict]:
    """``(epoch, record)`` with the highest ``key`` (the first of ties), or ``(None, {})``."""
    found = [(record[key], -epoch, epoch) for epoch, record in epochs.items() if key in record]
    if not found:
        return None, {}
    epoch = max(found)[2]
    return epoch, epochs[epoch]


def with_placeholder(epochs: Dict[int, dict], key: str) -> Dict[int, dict]:
    """A copy of ``epochs`` with ``key`` = 0 at epoch 0 (the originals' mAP curves start
    with that placeholder before the first evaluation) when the run logged ``key``."""
    if not any(key in record for record in epochs.values()) or key in epochs.get(0, {}):
        return epochs
    return {0: {**epochs.get(0, {}), key: 0.0}, **{e: r for e, r in epochs.items() if e}}


def metric_prefix(records: Sequence[dict], preferred: Sequence[str] = (AREA, ELEVEN)) -> str:
    """The first of ``preferred`` whose ``<prefix>/mAP`` any record holds (else the first)."""
    for prefix in preferred:
        if any(f'{prefix}/mAP' in record for record in records):
            return prefix
    return preferred[0]


def _number(value):
    return None if value is None else float(value)


def class_rows(record: dict, prefix: str, columns: Sequence[str] = ('gts', 'dets', 'recall', 'AP'),
               references: Optional[Dict[Tuple[str, str], Figure]] = None,
               map_reference: Optional[Figure] = None) -> List[dict]:
    """One row per VOC class (``columns`` of ``<prefix>/<kind>_<class>``) and a last row
    ``mAP``; a column with any reference figure becomes a :class:`Compared` column."""
    references = references or {}
    compared = {c for c in columns if any((name, c) in references for name in VOC_CLASSES)}
    if map_reference is not None:
        compared.add('AP')
    rows = []
    for name in VOC_CLASSES:
        row = {'class': name}
        for column in columns:
            value = _number(record.get(f'{prefix}/{CLASS_KEYS[column]}{name}'))
            row[column] = (Compared(value, references.get((name, column)))
                           if column in compared else value)
        rows.append(row)
    value = _number(record.get(f'{prefix}/mAP'))
    rows.append({'class': 'mAP', 'AP': Compared(value, map_reference)
                 if 'AP' in compared else value})
    return rows


def class_table(layout: Layout, stem: str, title: str, record: dict, prefix: str,
                note: str, **kwargs) -> List[dict]:
    """Write the per-class table of ``record`` (see :func:`class_rows`); returns its rows."""
    columns = kwargs.pop('columns', ('gts', 'dets', 'recall', 'AP'))
    rows = class_rows(record, prefix, columns, **kwargs)
    layout.table(stem, title, rows, ['class', *columns], digits=CLASS_DIGITS,
                 note=f'{note} Keys `{prefix}/<gts|dets|recall|AP>_<class>`, `{prefix}/mAP` '
                      f'(fractions, as the reports print them).')
    return rows


def class_bars(layout: Layout, stem: str, title: str, record: dict, prefix: str,
               references: Optional[Dict[str, Figure]] = None) -> Optional[str]:
    """``curves/<stem>.png``: per-class AP bars of this repository (and the reference
    figures beside them, when given); None if ``record`` has no per-class AP."""
    values = [record.get(f'{prefix}/AP_{name}') for name in VOC_CLASSES]
    if all(v is None for v in values):
        return None
    series = {'this repository': values}
    if references:
        series['reference figure'] = [references[n].value if n in references else None
                                      for n in VOC_CLASSES]
    fig, ax = plt.subplots(figsize=(12, 4))
    width, x = 0.8 / len(series), np.arange(len(VOC_CLASSES))
    for index, (label, heights) in enumerate(series.items()):
        ax.bar(x + (index - (len(series) - 1) / 2) * width,
               [np.nan if h is None else h for h in heights], width, label=label)
    ax.set_xticks(x, VOC_CLASSES, rotation=45, ha='right')
    ax.set(ylabel=f'AP ({prefix})', ylim=(0, 1))
    ax.grid(alpha=0.3, axis='y')
    ax.legend(fontsize='small')
    path = save_figure(fig, osp.join(layout.out, 'curves', f'{stem}.png'), title)
    layout.sections.append(f'![{title}](curves/{stem}.png)')
    return path


def epoch_table(layout: Layout, stem: str, title: str, epochs: Dict[int, dict],
                columns: Dict[str, str], note: str = '') -> None:
    """Rows = epochs that logged any of ``columns`` (column -> key; mAP columns with 3
    decimals, losses with 4); nothing if none did."""
    rows = [dict({'epoch': epoch}, **{c: record.get(k) for c, k in columns.items()})
            for epoch, record in epochs.items() if any(k in record for k in columns.values())]
    if rows:
        layout.table(stem, title, rows, ['epoch', *columns], note=note,
                     digits={c: 3 if 'mAP' in c else 4 for c in columns})
