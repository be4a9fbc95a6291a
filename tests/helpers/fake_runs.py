"""Fabricated work dirs for the report tests: mmengine-style ``scalars.json`` (iteration,
validation and per-epoch training records) and ``test_metrics.json``."""
import csv
import json


def fake_run(folder, epochs=None, test=None, timestamp='20260101_000000'):
    """Write ``folder/<timestamp>/vis_data/scalars.json``: per epoch one iteration record
    (``loss``), the ``train/epoch_*`` values and the validation values of ``epochs``
    ({epoch: {key: value}}; keys starting with ``train/epoch_`` go in the training
    record); ``test``: ``test_metrics.json``'s content. Returns ``folder``."""
    vis = folder / timestamp / 'vis_data'
    vis.mkdir(parents=True, exist_ok=True)
    lines = []
    for epoch, values in (epochs or {}).items():
        train = {k: v for k, v in values.items() if k.startswith('train/epoch_')}
        val = {k: v for k, v in values.items() if k not in train}
        lines.append({'loss': 9.0, 'lr': 0.1, 'step': epoch * 10, 'epoch': epoch})
        if train:
            lines.append(dict(train, step=epoch))
        if val:
            lines.append(dict(val, step=epoch))
    (vis / 'scalars.json').write_text(''.join(json.dumps(r) + '\n' for r in lines))
    if test is not None:
        (folder / 'test_metrics.json').write_text(json.dumps(test))
    return folder


def read_rows(path, key):
    """The rows of a CSV table, by the value of column ``key``."""
    with open(path) as f:
        return {row[key]: row for row in csv.DictReader(f)}


def signed(value, digits=2):
    """How the tables print a difference."""
    return f'{value:+.{digits}f}'
