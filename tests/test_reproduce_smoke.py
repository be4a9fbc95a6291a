"""tools/reproduce.py --smoke for every report: the whole pipeline on generated data, each
listed table and figure written and filled with the smoke run's own numbers; report 003
is killed (SIGKILL) once its first run has a checkpoint, and the rerun completes it."""
import csv
import glob
import os
import os.path as osp
import re
import signal
import subprocess
import sys
import time

import pytest
from mmengine.config import Config

from custom_modules.apps.reports.common import DELTA, REF
from custom_modules.apps.run.reproduce import pipelines
from custom_modules.apps.run.reproduce.steps import STATE_DIR
from tests.helpers.configs import REPO, run_script

# tables and figures each report's section lists (beside its per-run curves)
EXPECTED = {
    '000': ['top1_error.csv', 'top5_error.csv', 'mixup_alpha.csv', 'cutmix_alpha.csv',
            'figures/000-B_proposals/*.png', 'figures/000-B_detections/*.png',
            'figures/000-C_detections/*.png'],
    '001': ['table1.csv', 'table2.csv', 'table3.csv', 'camvid/*.csv', 'fig3.png', 'fig4.png',
            'videos/*.mp4', 'curves/*_run.png', 'curves/001-B_fig6.png'],
    '002': ['lr_grid.csv', 'final.csv', 'curves/fig1.2_accuracy.png', 'curves/fig1.3_loss.png',
            'figures/002-B_proposals/*.png', 'figures/002_compare/*.png'],
    '003': ['summary.csv', 'curves/all_runs.png'],
    '004': ['ablation.csv', 'final.csv', 'curves/adam_vs_sgd.png'],
}
# tables of what the configs build (layouts, parameter counts, search space), not of runs:
# they equal the reference figures wherever the configs match the report
FROM_CONFIGS = {'table1.csv', 'table2.csv'}


def _number(text):
    try:
        return float(text)
    except (TypeError, ValueError):
        return None


def check_report(work_root, report):
    """Every step done; every listed table and figure there; the tables filled with the
    smoke run's numbers, not the reference figures."""
    out = osp.join(work_root, f'report_{report}')
    readme = open(osp.join(out, 'README.md')).read()
    for step in pipelines.pipeline(report):
        if step.kind != 'table':
            assert f'| {step.id} | done |' in readme, step.id
    assert 'Nothing: every step is done.' in readme or 'Runs not found' in readme
    assert 'not produced yet' not in readme
    for pattern in EXPECTED[report]:
        found = glob.glob(osp.join(out, pattern))
        assert found and all(osp.getsize(p) > 0 for p in found), pattern
    for link in re.findall(r'!\[[^\]]*\]\(([^)]+)\)', readme):
        assert osp.getsize(osp.join(out, link)) > 0, link
    for table in glob.glob(osp.join(out, '**', '*.csv'), recursive=True):
        if osp.basename(table) in FROM_CONFIGS:
            continue
        with open(table, newline='') as f:
            rows = list(csv.DictReader(f))
        measured = [c for c in rows[0] if not c.endswith((REF, DELTA))] if rows else []
        values = [_number(r[c]) for r in rows for c in measured if _number(r[c]) is not None]
        assert values, f'{table}: no number measured'
        for column in (c for c in measured if f'{c} {REF}' in rows[0]):
            pairs = [(_number(r[column]), _number(r[f'{column} {REF}'])) for r in rows]
            pairs = [(v, ref) for v, ref in pairs if v is not None and ref is not None]
            assert all(v != ref for v, ref in pairs), f'{table}: {column} = reference figure'
    assert f'| {report} |' in open(osp.join(work_root, 'reports.md')).read()


@pytest.mark.parametrize('report', ['000', '001', '002', '004'])
def test_smoke_run_writes_every_table_and_figure(report, tmp_path):
    result = run_script('tools/reproduce.py', report, '--smoke', '--work-root', str(tmp_path))
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    check_report(str(tmp_path), report)
    if report == '002':  # the grid's best lr is the lr of both final runs
        with open(tmp_path / 'grid_resnet18_1xb32-pretrained_cub200' / 'grid.csv') as f:
            best = float(next(csv.DictReader(f))['lr'])
        for stem in ('resnet18_1xb32-pretrained_cub200', 'resnet18_1xb32-scratch_cub200'):
            dumped = Config.fromfile(str(tmp_path / stem / f'{stem}.py'))
            assert dumped.optim_wrapper.optimizer.lr == best


def test_smoke_run_killed_then_rerun_completes(tmp_path):
    """SIGKILL once the first run saved a checkpoint; the rerun keeps the finished work."""
    first = pipelines.pipeline('003')[0]
    pointer = tmp_path / first.stem / 'last_checkpoint'
    env = dict(os.environ, OMP_NUM_THREADS='1', PYTHONPATH=REPO)
    process = subprocess.Popen(
        [sys.executable, 'tools/reproduce.py', '003', '--smoke', '--work-root', str(tmp_path)],
        cwd=REPO, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.time() + 240
        while not pointer.is_file() and process.poll() is None and time.time() < deadline:
            time.sleep(0.2)
        assert pointer.is_file() and process.poll() is None
    finally:
        process.send_signal(signal.SIGKILL)
        process.wait()
    kept = open(pointer).read().strip()
    assert osp.isfile(kept)
    result = run_script('tools/reproduce.py', '003', '--smoke', '--work-root', str(tmp_path))
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    check_report(str(tmp_path), '003')
    assert osp.isfile(tmp_path / STATE_DIR / 'smoke')
