"""The report folder ``tools/reproduce.py`` leaves: ``README.md`` reading like the report's
results section (the tables of :func:`build_report` inline, its curves and the figure
steps' PNGs embedded, how each result was produced, what is still missing) and
``<work root>/reports.md`` listing the reports with their state."""
import glob
import os.path as osp
from typing import List, Sequence

from custom_modules.errors import UserInputError
from custom_modules.plugins.engine.atomic_files import atomic_write_text

from . import build_report

TITLES = {'000': 'CIFAR-100 backbones x augmentations; Faster R-CNN and FCOS on VOC',
          '001': 'Semantic segmentation video (CamVid); Faster R-CNN initialisations; '
                 'ResNeXt vs ViT with PBT',
          '002': 'CUB-200 fine-tuning; Faster R-CNN and YOLOv3 on VOC',
          '003': 'Animal image folder classifiers',
          '004': 'ResNet-18 on CIFAR-100, 20 and 100 classes'}


def write_tables(report: str, work_root: str, out: str) -> str:
    """The report's tables and curves (``report.md``) from what is finished; the Markdown
    of report.md, or a line saying no run is finished yet."""
    try:
        build_report(report, work_root, out)
    except UserInputError as e:
        return f'No result yet: {e}'
    with open(osp.join(out, 'report.md')) as f:
        return f.read()


def _figure_sections(out: str, figure_steps: Sequence[dict]) -> List[str]:
    sections = []
    for step in figure_steps:
        folder = osp.join(out, step['out'])
        lines = [f'### {step["id"]}', step.get('note', '')]
        images = sorted(glob.glob(osp.join(folder, '*.png')))
        if step.get('figure') and osp.isfile(osp.join(out, step['figure'])):
            images.insert(0, osp.join(out, step['figure']))
        for md in sorted(glob.glob(osp.join(folder, '*.md'))):
            with open(md) as f:
                lines.append(f.read())
        lines += [f'![{osp.basename(p)}]({osp.relpath(p, out)})' for p in images]
        videos = sorted(glob.glob(osp.join(folder, '*.mp4')))
        lines += [f'- video: [{osp.basename(p)}]({osp.relpath(p, out)})' for p in videos]
        if len(lines) == 2:
            lines.append('(not produced yet)')
        sections.append('\n\n'.join(line for line in lines if line))
    return sections


def write_readme(report: str, out: str, tables_md: str, rows: Sequence[dict],
                 figure_steps: Sequence[dict], missing: Sequence[str], smoke: bool) -> str:
    """``<out>/README.md``: the tables (``tables_md``, report.md's text) inline, the figure
    steps' outputs, a provenance table (``rows``: step, state, configs, commit, device,
    date) and the missing pieces; returns its path."""
    body = tables_md.split('\n', 1)[1] if tables_md.startswith('# ') else tables_md
    parts = [f'# Report {report}: {TITLES[report]} (reproduced)']
    if smoke:
        parts.append('**Smoke run**: generated data, two epochs of one iteration; the numbers '
                     'only show that the pipeline runs, they reproduce nothing.')
    parts += ['## Results', body.strip()]
    if figure_steps:
        parts += ['## Figures from checkpoints', *_figure_sections(out, figure_steps)]
    parts.append('## How each result was produced')
    table = ['| step | state | config(s) | commit | device | date |', '|---|---|---|---|---|---|']
    table += [f'| {r["step"]} | {r["state"]} | {"<br>".join(r.get("configs") or [])} | '
              f'{r.get("commit", "")} | {r.get("device", "")} | {r.get("date", "")} |'
              for r in rows]
    parts.append('\n'.join(table))
    parts.append('## Still missing')
    parts.append('\n'.join(f'- {m}' for m in missing) if missing else 'Nothing: every step '
                 'is done.')
    path = osp.join(out, 'README.md')
    atomic_write_text('\n\n'.join(parts) + '\n', path)
    return path


def write_index(work_root: str, entries: Sequence[dict]) -> str:
    """``<work root>/reports.md``: each report, its state (steps done / all) and its README."""
    lines = ['# Reproduced reports', '', '| report | subject | state | README |',
             '|---|---|---|---|']
    for e in entries:
        readme = osp.relpath(e['readme'], work_root) if e.get('readme') else ''
        lines.append(f'| {e["report"]} | {TITLES[e["report"]]} | {e["state"]} | '
                     f'{f"[README]({readme})" if readme else ""} |')
    path = osp.join(work_root, 'reports.md')
    atomic_write_text('\n'.join(lines) + '\n', path)
    return path
