"""tools/reproduce.py: the plan of every report, the work-root lock, a failed step among
independent ones, and the status (in-process; the smoke runs: test_reproduce_smoke.py)."""
import json
import os
import os.path as osp

import pytest

from custom_modules.apps.run.reproduce import Actions, Options, driver, pipelines, reproduce
from custom_modules.apps.run.reproduce.lock import WorkRootLock, held_by_other
from custom_modules.apps.run.reproduce.steps import Step
from tests.helpers.configs import run_script


@pytest.mark.parametrize('report', ['000', '001', '002', '003', '004'])
def test_plan_lists_steps_configs_needs_commands_and_cost(report, tmp_path, capsys):
    code = reproduce(Options(report, work_root=str(tmp_path), plan=True, throughput=250.0))
    out = capsys.readouterr().out
    assert code == 0
    steps = pipelines.pipeline(report)
    for step in steps:
        assert f'{step.id} [{step.kind}] not started' in out
        for config in step.configs:
            assert f'config: {config}' in out
    assert out.count('command: python tools/') == len(steps)
    for need in {n.path: n for s in steps for n in s.needs}.values():
        assert f'{need.what}: {need.path}' in out
        if not need.present():
            assert f'fetch: {need.fetch}' in out
    training = [s for s in steps if s.kind in ('train', 'grid', 'pbt')]
    cost_lines = [line for line in out.splitlines() if 'images/s;' in line]
    assert len(cost_lines) == len(training)
    assert all('250 images/s' in line and 'device-h' in line for line in cost_lines)
    assert 'total:' in out and 'wall time about' in out
    assert not os.listdir(tmp_path)  # a plan writes nothing


def test_plan_cost_uses_the_measured_throughput_cache_and_gpus(tmp_path, capsys):
    config = 'configs/cub/resnet18_1xb32-pretrained_cub200.py'
    calls = []

    def bench(path):
        calls.append(path)
        return 100.0
    opts = Options('002', work_root=str(tmp_path), plan=True, measure=True, gpus=4)
    reproduce(opts, Actions(bench=bench))
    out = capsys.readouterr().out
    assert calls and len(calls) == len(set(calls))  # each distinct model measured once
    cache = json.load(open(tmp_path / 'reproduce' / 'throughput.json'))
    assert any(key.endswith(config) for key in cache)
    # the grid: 3 runs x 20 epochs of 5,994 images at 100 images/s
    assert '3 runs x 20 epochs' in out and f'{3 * 20 * 5994 / 100 / 3600:.2f} device-h' in out
    assert '(--gpus 4)' in out
    reproduce(Options('002', work_root=str(tmp_path), plan=True, measure=True), Actions(
        bench=lambda path: pytest.fail('measured again instead of read from the cache')))


def test_a_second_invocation_is_refused_naming_the_holder(tmp_path):
    with WorkRootLock(str(tmp_path)):
        assert 'pid' in held_by_other(str(tmp_path))
        result = run_script('tools/reproduce.py', '003', '--smoke', '--work-root', str(tmp_path))
    assert result.returncode == 2
    errors = [line for line in result.stderr.splitlines() if line.startswith('error:')]
    assert len(errors) == 1
    assert f'pid {os.getpid()}' in errors[0] and 'reproduce.lock' in errors[0]
    assert held_by_other(str(tmp_path)) is None  # released


def _fake_pipeline():
    figure = dict(action='compare', checkpoints=[])
    return [Step('003/broken', 'figure', [], args=dict(figure, score_thr=-1)),
            Step('003/independent', 'figure', [], args=dict(figure, score_thr=1)),
            Step('003/needs-broken', 'figure', [], deps=['003/broken'], args=figure),
            Step('003/tables', 'table', [], deps=['003/broken', '003/independent'])]


def test_a_failed_step_is_reported_with_its_log_and_independent_steps_run(
        tmp_path, capsys, monkeypatch):
    monkeypatch.setitem(pipelines.PIPELINES, '003', _fake_pipeline)
    monkeypatch.setattr(driver, 'pipeline', pipelines.pipeline)
    drawn = []

    def compare(models, images, out_dir, score_thr=0.3, **options):
        if score_thr < 0:
            raise RuntimeError('score threshold below zero')
        drawn.append(out_dir)
        os.makedirs(out_dir, exist_ok=True)
        open(osp.join(out_dir, 'photo.png'), 'wb').close()

    code = reproduce(Options('003', work_root=str(tmp_path)), Actions(compare=compare))
    captured = capsys.readouterr()
    assert code == 1
    log = tmp_path / 'reproduce' / 'logs' / '003_broken.log'
    assert f'003/broken: FAILED (score threshold below zero); log: {log}' in captured.err
    assert 'RuntimeError: score threshold below zero' in log.read_text()
    assert drawn == [str(tmp_path / 'report_003' / 'figures' / '003_independent')]
    assert '003/needs-broken: not run, it needs 003/broken (failed)' in captured.out
    readme = (tmp_path / 'report_003' / 'README.md').read_text()
    assert '![photo.png](figures/003_independent/photo.png)' in readme
    assert f'- 003/broken: failed (log: {log})' in readme

    reproduce(Options('003', work_root=str(tmp_path), status=True))
    status = capsys.readouterr().out
    assert '003/independent: done' in status
    assert f'003/broken: failed (log: {log})' in status
    assert '003/needs-broken: not started' in status
    assert '| 003 |' in (tmp_path / 'reports.md').read_text()


def test_smoke_and_real_runs_never_share_a_work_root(tmp_path):
    from custom_modules.errors import UserInputError
    (tmp_path / 'reproduce').mkdir()
    (tmp_path / 'reproduce' / 'smoke').touch()
    with pytest.raises(UserInputError, match='holds smoke runs'):
        reproduce(Options('003', work_root=str(tmp_path)))
    (tmp_path / 'reproduce' / 'smoke').unlink()
    (tmp_path / 'reproduce.lock').touch()
    with pytest.raises(UserInputError, match='holds real runs'):
        reproduce(Options('003', work_root=str(tmp_path), smoke=True))


def _two_runs():
    return [Step('003/nin', 'train', ['configs/custom/nin_1xb32-adam-100e_folder.py']),
            Step('003/vgg19', 'train', ['configs/custom/vgg19_1xb32-adam-100e_folder.py'])]


def test_gpus_and_ray_hand_the_runs_to_the_dist_and_ray_paths(tmp_path, monkeypatch):
    """--gpus N: each run through run_one with N (dist_train.sh, tested in test_experiments);
    --ray: the ready runs as one wave of run_matrix_on_ray, retried 3 times on a dead worker."""
    from custom_modules.apps.run import matrix_ray
    from custom_modules.apps.run.reproduce import execute
    monkeypatch.setitem(pipelines.PIPELINES, '003', _two_runs)
    monkeypatch.setattr(driver, 'pipeline', pipelines.pipeline)
    calls = []

    def run_one(run, options, gpus):
        calls.append((osp.basename(run.config), gpus))
        return False, f'{run.prefix}: stopped by the test'
    monkeypatch.setattr(execute, 'run_one', run_one)
    assert reproduce(Options('003', work_root=str(tmp_path / 'dist'), gpus=4), Actions()) == 1
    assert calls == [('nin_1xb32-adam-100e_folder.py', 4), ('vgg19_1xb32-adam-100e_folder.py', 4)]

    waves = []

    def on_ray(configs, work_root, options, address, gpus_per_run, max_retries):
        waves.append(([osp.basename(c) for c in configs], address, gpus_per_run, max_retries))
        return ['vgg19_1xb32-adam-100e_folder']  # the names that failed
    monkeypatch.setattr(matrix_ray, 'run_matrix_on_ray', on_ray)
    code = reproduce(Options('003', work_root=str(tmp_path / 'ray'), ray=True,
                             address='ray://head:10001', gpus_per_run=0.25), Actions())
    assert code == 1
    assert waves == [(['nin_1xb32-adam-100e_folder.py', 'vgg19_1xb32-adam-100e_folder.py'],
                      'ray://head:10001', 0.25, 3)]
