"""Per-report layouts of ``tools/report.py --report <id>``: each seed report's tables and
curves, this repository's values beside the report's reference figures
(:mod:`.reference`) with the difference. One module per report; :mod:`.common` holds
the shared table/curve/report.md code."""
import importlib

REPORTS = {'000': 'report000', '001': 'report001', '002': 'report002', '003': 'report003',
           '004': 'report004'}


def build_report(report: str, work_root: str = 'work_dirs', out: str = None) -> str:
    """Write report ``report``'s layout from ``work_root`` into ``out`` (default
    ``<work_root>/report_<id>``); returns the output folder."""
    module = importlib.import_module(f'.{REPORTS[report]}', __name__)
    return module.build(work_root, out)
