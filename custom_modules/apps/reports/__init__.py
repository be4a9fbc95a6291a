"""Every table and figure writer of the application layer.

The per-report layouts of ``tools/report.py --report <id>`` (``report000`` ...
``report004``, detection parts ``report00x_det``): each seed report's tables and curves,
this repository's values beside the report's reference figures (:mod:`.reference`) with
the difference; :mod:`.common` / :mod:`.det_common` their shared table/curve/report.md
code. Also: :mod:`.figures` (curve PNGs and Markdown/CSV tables for every caller),
:mod:`.matrix` (the backbone x method report), :mod:`.detection` (``tools/report_det.py``),
:mod:`.grid` (grid-search ranking), :mod:`.pbt` (PBT member curves) and
:mod:`.augmentation` (``tools/vis_augment.py``). Runs' results are read through
:mod:`..results`."""
import importlib

REPORTS = {'000': 'report000', '001': 'report001', '002': 'report002', '003': 'report003',
           '004': 'report004'}


def build_report(report: str, work_root: str = 'work_dirs', out: str = None) -> str:
    """Write report ``report``'s layout from ``work_root`` into ``out`` (default
    ``<work_root>/report_<id>``); returns the output folder."""
    module = importlib.import_module(f'.{REPORTS[report]}', __name__)
    return module.build(work_root, out)
