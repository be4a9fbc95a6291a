"""What the per-report layouts share: finding the runs by their configs' ``experiment``
metadata (:func:`~custom_modules.apps.results.find_runs`: ``report``, ``backbone``,
``method``), per-epoch values, tables with the reports' reference figures beside this
repository's values, curve PNGs, and ``report.md`` collecting it all."""
import glob
import os
import os.path as osp
from typing import Dict, List, NamedTuple, Optional, Sequence, Tuple, Union

from custom_modules.errors import UserInputError
from custom_modules.plugins.engine.atomic_files import atomic_write_text

from ..results import find_runs, find_test_metrics, has_experiment, load_epochs, read_experiment
from .figures import plot_epoch_panels, write_table
from .reference import Figure

REF = '(reference figure)'
DELTA = 'Δ'


class Compared(NamedTuple):
    """A table cell: this repository's value (None: no run) and the report's figure."""
    value: Optional[float]
    figure: Optional[Figure]


def with_errors(epochs: Dict[int, dict]) -> Dict[int, dict]:
    """Add ``error/top1``, ``error/top5`` (100 − accuracy, in %) where accuracies are."""
    for record in epochs.values():
        for k in ('top1', 'top5'):
            if f'accuracy/{k}' in record:
                record[f'error/{k}'] = 100.0 - record[f'accuracy/{k}']
    return epochs


def last_value(epochs: Dict[int, dict], key: str) -> Tuple[Optional[int], Optional[float]]:
    """``(epoch, value)`` of the last epoch that logged ``key``, or ``(None, None)``."""
    found = [(epoch, float(record[key])) for epoch, record in epochs.items() if key in record]
    return found[-1] if found else (None, None)


def _number(value, digits: Union[int, str], sign: bool = False) -> str:
    """``value`` with ``digits`` decimals, or formatted by the format spec ``digits``."""
    spec = f'.{digits}f' if isinstance(digits, int) else digits
    return '' if value is None else f'{value:{"+" if sign else ""}{spec}}'


def expand_columns(columns: Sequence[str], compared: Sequence[str]) -> List[str]:
    """Each compared column C becomes ``C``, ``C (reference figure)``, ``C Δ``."""
    out = []
    for name in columns:
        out += [name, f'{name} {REF}', f'{name} {DELTA}'] if name in compared else [name]
    return out


Digits = Union[int, str, Dict[str, Union[int, str]]]


def table_cells(row: dict, digits: Digits = 2) -> Tuple[dict, set]:
    """Text cells of one row (a :class:`Compared` fills three) and the sources it cites;
    ``digits``: decimals or a format spec (e.g. ``'g'``), for all columns or per column
    (default 2 decimals)."""
    cells, sources = {}, set()
    for name, cell in row.items():
        places = digits.get(name, 2) if isinstance(digits, dict) else digits
        if not isinstance(cell, Compared):
            cells[name] = (_number(cell, places) if isinstance(cell, float)
                           else '' if cell is None else str(cell))
            continue
        reference = cell.figure.converted if cell.figure else None
        delta = (cell.value - reference
                 if cell.value is not None and reference is not None else None)
        cells.update({name: _number(cell.value, places),
                      f'{name} {REF}': _number(reference, places),
                      f'{name} {DELTA}': _number(delta, places, sign=True)})
        if cell.figure:
            sources.add(cell.figure.source)
    return cells, sources


CONFIG_ROOT = osp.join(osp.dirname(osp.dirname(osp.dirname(osp.dirname(osp.abspath(__file__))))),
                       'configs')  # the repository's configs/


def repo_config(**experiment) -> Optional[str]:
    """The repository's config (``configs/``, bases excluded) whose own ``experiment``
    metadata (its file, bases not merged) has every given value, the first by path; None
    if there is none."""
    for path in sorted(glob.glob(osp.join(CONFIG_ROOT, '**', '*.py'), recursive=True)):
        if '_base_' in osp.relpath(path, CONFIG_ROOT).split(osp.sep):
            continue
        if has_experiment(read_experiment(path) or {}, **experiment):
            return path
    return None


class Layout:
    """One report's output folder: its tables, curves and ``report.md``."""

    def __init__(self, report: str, title: str, work_root: str, out: Optional[str]):
        self.report, self.title, self.work_root = report, title, work_root
        self.out = out or osp.join(work_root, f'report_{report}')
        self.sections: List[str] = []
        self.found: List[str] = []
        self.missing: List[str] = []
        self._runs: Optional[Dict[str, dict]] = None
        os.makedirs(self.out, exist_ok=True)

    def runs(self) -> Dict[str, dict]:
        """``{work dir name: experiment metadata}`` of every run under the work root."""
        if self._runs is None:
            self._runs = find_runs(self.work_root)
        return self._runs

    def find_all(self, **experiment) -> List[str]:
        """Names of the runs whose experiment metadata has every given value, by name."""
        return [name for name, meta in self.runs().items()
                if has_experiment(meta, **experiment)]

    def find(self, **experiment) -> Optional[str]:
        """The run whose experiment metadata has every given value (the first by name),
        noted as found; None, noted as missing, if no run has."""
        names = self.find_all(**experiment)
        if names:
            self.run_dir(names[0])
            return names[0]
        wanted = ', '.join(f'{key}={value!r}' for key, value in experiment.items())
        if wanted not in self.missing:
            self.missing.append(wanted)
        return None

    def run_dir(self, name: Optional[str]) -> Optional[str]:
        """``<work root>/<name>`` (noted as found), or None for no run."""
        if name is None:
            return None
        if name not in self.found:
            self.found.append(name)
        return osp.join(self.work_root, name)

    def epochs(self, name: Optional[str]) -> Dict[int, dict]:
        """The run's per-epoch records (validation + training means, with errors), or {}."""
        path = self.run_dir(name)
        return with_errors(load_epochs(path)) if path else {}

    def test_metrics(self, name: Optional[str]) -> Optional[dict]:
        """The run's test metrics (:func:`~custom_modules.apps.results.find_test_metrics`:
        ``test_metrics.json`` or the latest ``tools/test.py`` log), or None."""
        path = self.run_dir(name)
        return find_test_metrics(path) if path else None

    def table(self, stem: str, title: str, rows: Sequence[dict], columns: Sequence[str],
              note: str = '', digits: Digits = 2) -> str:
        """Write ``<stem>.md``/``.csv``: ``rows`` map column -> text, number or
        :class:`Compared`; returns the Markdown with its legend (also in report.md)."""
        compared = [c for c in columns if any(isinstance(r.get(c), Compared) for r in rows)]
        texts, sources = [], set()
        for row in rows:
            cells, cited = table_cells(row, digits)
            texts.append(cells)
            sources |= cited
        header = expand_columns(columns, compared)
        markdown = write_table(texts, header, osp.join(self.out, f'{stem}.md'),
                               osp.join(self.out, f'{stem}.csv'))
        legend = [note] if note else []
        if compared:
            legend.append(f'Columns "{REF}": reference figures, the values the report '
                          f'publishes, not measured here; source: {"; ".join(sorted(sources))}. '
                          f'"{DELTA}" = this repository − reference figure. Empty cell: run '
                          f'not found, or no published figure.')
        markdown += ''.join(f'\n{line}\n' for line in legend)
        atomic_write_text(markdown, osp.join(self.out, f'{stem}.md'))
        self.sections.append(f'## {title}\n\n{markdown}')
        return markdown

    def curves(self, stem: str, title: str, runs: Dict[str, Dict[int, dict]],
               panels: Sequence[Tuple[str, Sequence[Tuple[str, str]]]], **kwargs) -> Optional[str]:
        """``curves/<stem>.png`` of the runs that logged anything; None if none did."""
        runs = {label: epochs for label, epochs in runs.items() if epochs}
        if not runs:
            return None
        path = plot_epoch_panels(runs, panels, osp.join(self.out, 'curves', f'{stem}.png'),
                                 title=title, **kwargs)
        self.sections.append(f'![{title}](curves/{stem}.png)')
        return path

    def finish(self, example: str) -> str:
        """Write ``report.md``; error if none of the report's runs exists (``example``: a
        config of the report, named in the message)."""
        if not self.found:
            raise UserInputError(
                f'no run of report {self.report} in {self.work_root} (runs are found by the '
                f"experiment metadata of the config their Runner saved in the work dir, e.g. "
                f"experiment = dict(report='{self.report}...') in {example})")
        missing = (f'Runs not found ({len(self.missing)}): ' + '; '.join(self.missing)
                   if self.missing else 'All runs found.')
        text = '\n\n'.join([f'# {self.title}', f'Work root: `{self.work_root}`. {missing}',
                            *self.sections]) + '\n'
        atomic_write_text(text, osp.join(self.out, 'report.md'))
        print(text)
        print(f'written: {self.out}/report.md, *.md, *.csv, curves/*.png')
        return self.out
