"""tools/pbt_search.py and custom_modules/apps/pbt: population-based training.

The driver test is a 2-member synchronous PBT run of a tiny ViT on generated CIFAR-100
data, on CPU: one epoch per perturbation interval, 2 epochs, quantile 0.5, so after epoch
1 the worse member exploits the better one. It checks that the exploiting member really
continued from the other member's weights (the fingerprint of the weights it had after
mmengine's resume equals the one the donor recorded when it saved that checkpoint) with
its own explored learning rate and weight decay in the optimizer. The other tests are
cheap: the priors every member draws from, the explore rule (Ray Tune 1.x semantics, no
clipping, caps at use), the scheduler settings, and the asynchronous decision of Ray's
PBT scheduler as tools/pbt_search.py builds it.
"""
import json
import math
import os
import os.path as osp
import random
from types import SimpleNamespace

import pytest
from mmengine.config import Config

from custom_modules.apps.pbt import (
    CAPS,
    METRIC,
    Prior,
    apply_hyperparameters,
    explore,
    pbt_settings,
    priors,
    search_space,
)
from custom_modules.apps.pbt.search import make_scheduler
from custom_modules.errors import ConfigError
from tests.helpers.configs import DEMO_CONFIG, REPO, run_cli, run_tool
from tests.helpers.pbt_config import TINY_SEARCH, VIT6, tiny_pbt_config

FAITHFUL = [osp.join(REPO, 'configs/cifar100_vit', name) for name in (
    'resnext29-32x4d_1xb384-deit-pbt-200e_cifar100.py',
    'vit-13_p2-d192-l11_1xb384-deit-pbt-200e_cifar100.py',
    'vit-6_p2-d384-l4_1xb384-deit-pbt-200e_cifar100.py')]
MODERN_VIT6 = osp.join(REPO, 'configs/cifar100_vit',
                       'vit-6_p2-d384-l4_1xb128-deit-cos-200e_cifar100.py')


def test_pbt_members_exploit_each_others_weights(tmp_path, capsys):
    config = tiny_pbt_config(tmp_path, max_epochs=2)
    work = tmp_path / 'pbt'
    # a process of its own: Ray's gRPC threads (and their fork handlers) outlive
    # ray.shutdown(), and a later fork in the same test worker can deadlock in the child.
    # One CPU slot: the members take turns in one reused actor process (imports once)
    done = run_tool('tools/pbt_search.py', config, '--num-samples', '2',
                    '--perturbation-interval', '1', '--quantile-fraction', '0.5', '--sync',
                    '--num-cpus', '1', '--work-dir', str(work))
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]

    with open(work / 'pbt_history.json') as f:
        histories = json.load(f)['histories']
    assert len(histories) == 2
    for rows in histories.values():
        assert [r['epoch'] for r in rows] == [1, 2]
    own = {(m, r['epoch']): r for m, rows in histories.items() for r in rows}
    # initial values drawn from the (invented) priors, not the config's fixed values
    first = [rows[0]['hyperparameters'] for rows in histories.values()]
    for params in first:
        for name, dist in TINY_SEARCH.items():
            if dist['type'] == 'choice':
                assert params[name] in dist['values']
            else:
                assert dist['low'] <= params[name] <= dist['high'], (name, params)
    assert first[0]['lr'] != first[1]['lr'] and 1e-3 not in (first[0]['lr'], first[1]['lr'])

    exploits = [(member, row) for member, rows in histories.items() for row in rows
                if row['loaded_from_trial'] not in ('', member)]
    assert exploits, histories  # with quantile 0.5 one member exploits after epoch 1
    for member, row in exploits:
        donor, epoch = row['loaded_from_trial'], row['loaded_from_epoch']
        assert donor in histories and donor != member
        # the weights it trained on are the donor's, as the donor saved them
        assert row['loaded_fingerprint'] == own[(donor, epoch)]['fingerprint']
        assert row['loaded_fingerprint'] != own[(member, epoch)]['fingerprint']
        # ... with its own (explored) hyperparameters in the optimizer
        params = row['hyperparameters']
        assert math.isclose(row['optimizer_lr'], params['lr'], rel_tol=1e-9), row
        assert math.isclose(row['optimizer_weight_decay'], params['weight_decay'],
                            rel_tol=1e-9), row
        assert row['seed'] == own[(member, epoch)]['seed'] != own[(donor, epoch)]['seed']

    with open(work / 'pbt_result.json') as f:
        result = json.load(f)
    assert result['best_member'] in histories and 0 <= result['test_top1'] <= 100
    assert set(result['hyperparameters']) == set(TINY_SEARCH)
    assert result['pbt']['synch'] is True and result['pbt']['quantile_fraction'] == 0.5
    assert osp.getsize(work / 'pbt_curves.png') > 0
    assert 'tiny_vit_pbt' in (work / 'pbt_results.md').read_text()

    code = run_cli('tools/pbt_search.py', '--summarize', work, '--out', tmp_path / 'summary')
    assert code == 0, capsys.readouterr().err
    table = (tmp_path / 'summary.md').read_text()
    assert 'tiny_vit_pbt' in table and 'test top-1' in table


def test_config_without_search_space_is_refused(tmp_path, capsys):
    assert run_cli('tools/pbt_search.py', DEMO_CONFIG, '--work-dir', tmp_path) == 2
    err = capsys.readouterr().err
    assert err.startswith('error:') and 'pbt_search' in err, err
    assert not os.listdir(tmp_path)  # refused before Ray started or anything was written
    code = run_cli('tools/pbt_search.py', '--summarize', tmp_path / 'nothing')
    assert code == 2 and 'pbt_result.json' in capsys.readouterr().err


# ---- priors and initial draws -------------------------------------------------------

def test_every_member_draws_its_initial_values_from_the_priors():
    rng = random.Random(1)
    log_lr = [math.log10(Prior('loguniform', 1e-5, 1e-1).sample(rng)) for _ in range(4000)]
    assert -5 <= min(log_lr) and max(log_lr) <= -1
    assert abs(sum(log_lr) / len(log_lr) + 3) < 0.1  # uniform in log space: mean -3
    assert sum(v < -3 for v in log_lr) == pytest.approx(2000, abs=150)
    values = [Prior('uniform', 0.2, 0.4).sample(rng) for _ in range(2000)]
    assert 0.2 <= min(values) and max(values) <= 0.4 and abs(sum(values) / 2000 - 0.3) < 0.01
    picks = [Prior('choice', values=(3, 5, 7)).sample(rng) for _ in range(3000)]
    assert {v: picks.count(v) for v in (3, 5, 7)} == pytest.approx(
        {3: 1000, 5: 1000, 7: 1000}, abs=120)

    cfg = Config.fromfile(VIT6)
    space = search_space(cfg)  # Tune's param_space: a draw per member
    assert set(space) == set(cfg.pbt_search)
    draws = [{k: domain.sample(None) for k, domain in space.items()} for _ in range(2)]
    assert draws[0] != draws[1]
    for name, prior in priors(cfg).items():
        for draw in draws:
            assert (draw[name] in prior.values if prior.kind == 'choice'
                    else prior.low <= draw[name] <= prior.high)


def test_bad_search_spaces_are_config_errors():
    cfg = Config.fromfile(VIT6)
    for bad in (dict(lr=dict(type='loguniform', low=0, high=1)),
                dict(lr=dict(type='normal', low=0, high=1)),
                dict(momentum=dict(type='uniform', low=0, high=1)),
                dict(batch_size=dict(type='choice', values=[]))):
        cfg.pbt_search = bad
        with pytest.raises(ConfigError):
            priors(cfg)


# ---- explore ------------------------------------------------------------------------

class ScriptedRng:
    """``random()`` and ``choice()`` answer from scripts; ``uniform`` returns the midpoint."""

    def __init__(self, randoms, choices):
        self.randoms, self.choices = list(randoms), list(choices)

    def random(self):
        return self.randoms.pop(0)

    def choice(self, seq):
        return seq[self.choices.pop(0)]

    def uniform(self, low, high):
        return (low + high) / 2


def test_explore_perturbs_or_resamples_without_clipping():
    space = {'lr': Prior('loguniform', 1e-4, 1e-2), 'erase_prob': Prior('uniform', 0.0, 0.6)}
    config = {'lr': 1e-2, 'erase_prob': 0.55, 'other': 'kept'}
    # lr: no resample (0.9 >= 0.25), factor index 0 = x1.2 -> above the prior's high
    # erase_prob: resample (0.1 < 0.25) -> the prior's draw (midpoint here)
    new = explore(config, space, ScriptedRng([0.9, 0.1], [0]))
    assert new == {'lr': pytest.approx(1.2e-2), 'erase_prob': pytest.approx(0.3),
                   'other': 'kept'}
    assert config['lr'] == 1e-2  # the donor's config is not changed
    new = explore(config, space, ScriptedRng([0.5, 0.3], [1, 0]))
    assert new['lr'] == pytest.approx(0.8e-2) and new['erase_prob'] == pytest.approx(0.66)
    # the resample probability is a parameter (0: always perturb)
    new = explore(config, space, ScriptedRng([0.0, 0.0], [1, 1]), resample_probability=0.0)
    assert new['lr'] == pytest.approx(0.8e-2) and new['erase_prob'] == pytest.approx(0.44)


def test_explore_moves_a_list_value_to_a_neighbour_clamped_at_the_ends():
    space = {'batch_size': Prior('choice', values=(4, 8, 16, 32))}

    def moved(value, randoms, choices):
        return explore({'batch_size': value}, space, ScriptedRng(randoms, choices))['batch_size']

    assert moved(8, [0.9], [0]) == 4 and moved(8, [0.9], [1]) == 16  # choice((-1, 1))
    assert moved(4, [0.9], [0]) == 4 and moved(32, [0.9], [1]) == 32  # clamped
    assert moved(8, [0.1], [3]) == 32  # resampled from the list
    assert moved(12, [0.9], [2]) == 16  # not in the list: resampled


def test_explore_frequencies_with_a_seeded_generator():
    space = {'drop_path_rate': Prior('uniform', 0.0, 0.2), 'batch_size': Prior('choice',
                                                                              values=(4, 8))}
    rng = random.Random(7)
    results = [explore({'drop_path_rate': 0.1, 'batch_size': 8}, space, rng)
               for _ in range(4000)]
    rates = [r['drop_path_rate'] for r in results]
    up, down = sum(math.isclose(v, 0.12) for v in rates), sum(math.isclose(v, 0.08) for v in rates)
    resampled = len(rates) - up - down
    assert resampled == pytest.approx(1000, abs=100) and up == pytest.approx(1500, abs=120)
    assert down == pytest.approx(1500, abs=120)
    sizes = [r['batch_size'] for r in results]
    # kept at 8 by an upward move at the end (3/8) or a resample to 8 (1/8)
    assert sizes.count(8) == pytest.approx(2000, abs=130)
    assert explore({'drop_path_rate': 0.1, 'batch_size': 8}, space, random.Random(3)) == \
        explore({'drop_path_rate': 0.1, 'batch_size': 8}, space, random.Random(3))


def test_caps_limit_the_values_a_config_gets_not_the_explored_values():
    cfg = Config.fromfile(VIT6)
    apply_hyperparameters(cfg, dict(min_crop_area=1.3, erase_prob=1.2, drop_path_rate=2.0,
                                    lr=5.0, weight_decay=3.0, batch_size=12))
    crop = next(t for t in cfg.train_dataloader.dataset.pipeline
                if t.type == 'KeepAspectRandomResizedCrop')
    erase = next(t for t in cfg.train_dataloader.dataset.pipeline
                 if t.type == 'TorchvisionRandomErasing')
    assert tuple(crop.crop_ratio_range) == (CAPS['min_crop_area'], 1.0) == (0.99, 1.0)
    assert erase.erase_prob == CAPS['erase_prob'] == 1.0
    assert cfg.model.backbone.drop_path_rate == CAPS['drop_path_rate'] == 0.99
    assert cfg.optim_wrapper.optimizer.lr == 5.0 and cfg.optim_wrapper.optimizer.weight_decay == 3.0
    assert cfg.train_dataloader.batch_size == 12
    apply_hyperparameters(cfg, dict(min_crop_area=0.3, erase_prob=0.4, drop_path_rate=0.05))
    assert tuple(crop.crop_ratio_range) == (0.3, 1.0) and erase.erase_prob == 0.4
    assert cfg.model.backbone.drop_path_rate == 0.05


# ---- scheduler settings and the asynchronous decision ---------------------------------

def test_faithful_configs_default_to_asynchronous_pbt_and_flags_override():
    for path in FAITHFUL:
        settings = pbt_settings(Config.fromfile(path))
        assert settings == dict(num_samples=8, perturbation_interval=10, quantile_fraction=0.25,
                                resample_probability=0.25, synch=False), path
    assert pbt_settings(Config.fromfile(MODERN_VIT6))['synch'] is True  # tool default
    settings = pbt_settings(Config.fromfile(VIT6), dict(synch=True, num_samples=None,
                                                        quantile_fraction=0.5))
    assert settings['synch'] is True and settings['num_samples'] == 8
    assert settings['quantile_fraction'] == 0.5
    with pytest.raises(ConfigError):
        pbt_settings(Config.fromfile(VIT6), dict(quantile_fraction=0.75))
    cfg = Config.fromfile(VIT6)
    cfg.pbt_scheduler = dict(synchronous=False)
    with pytest.raises(ConfigError):
        pbt_settings(cfg)


class FakeTrial:
    def __init__(self, name):
        self.trial_id = self.experiment_tag = name
        self.status = 'RUNNING'
        self.config = dict(lr=1e-3, batch_size=8)
        checkpoints = SimpleNamespace(checkpoint_config=SimpleNamespace(num_to_keep=4))
        self.run_metadata = SimpleNamespace(checkpoint_manager=checkpoints)

    def is_finished(self):
        return False

    def __repr__(self):
        return self.trial_id


class FakeController:
    """What Ray's PBT scheduler asks of Tune's controller; saves return a token."""
    search_alg = None

    def __init__(self, trials):
        self.trials = trials

    def get_trials(self):
        return self.trials

    get_live_trials = get_trials

    def _schedule_trial_save(self, trial, result=None):
        return f'checkpoint of {trial}'


def _population(synch, monkeypatch):
    space = {'lr': Prior('loguniform', 1e-4, 1e-2), 'batch_size': Prior('choice', values=(4, 8))}
    settings = dict(perturbation_interval=10, quantile_fraction=0.25,
                    resample_probability=0.25, synch=synch)
    scheduler = make_scheduler(space, settings)
    scheduler.set_search_properties(METRIC, 'max')  # as tune.TuneConfig(metric, mode) does
    trials = [FakeTrial(f'm{i}') for i in range(8)]
    controller = FakeController(trials)
    for trial in trials:
        scheduler.on_trial_add(controller, trial)
    exploited = []
    monkeypatch.setattr(scheduler, '_exploit',
                        lambda ctrl, trial, donor: exploited.append((trial, donor)))

    def report(trial, epoch, score):
        return scheduler.on_trial_result(controller, trial, {'epoch': epoch, METRIC: score})
    return scheduler, trials, report, exploited, space


def test_async_member_decides_at_its_own_boundary_on_the_latest_scores(monkeypatch):
    from ray.tune.schedulers import TrialScheduler
    scheduler, m, report, exploited, space = _population(False, monkeypatch)
    for i in range(1, 8):  # m1..m7 reach epoch 10 (scores rising with i)
        assert report(m[i], 10, 10.0 * i) == TrialScheduler.CONTINUE
        assert report(m[i], 5, 1.0) == TrialScheduler.CONTINUE  # not at a boundary
    assert exploited == []  # nobody was in the bottom quarter when it decided
    assert report(m[0], 10, 5.0) == TrialScheduler.CONTINUE  # decides now, waits for nobody
    assert [t for t, _ in exploited] == [m[0]] and exploited[0][1] in (m[6], m[7])
    # m7 reaches epoch 20 first, now the worst: it decides against the others' epoch-10
    # scores and copies one of the two best (m5, m6), while they are still training
    assert report(m[7], 20, 1.0) == TrialScheduler.CONTINUE
    assert exploited[1][0] is m[7] and exploited[1][1] in (m[5], m[6])
    assert report(m[6], 15, 0.0) == TrialScheduler.CONTINUE and len(exploited) == 2

    # the explore step the scheduler uses is ours (no hyperparam_mutations of Ray's)
    random.seed(11)
    new, _ = scheduler._get_new_config(m[0], m[6])
    assert new == explore(m[6].config, space, random.Random(11))


def test_sync_members_wait_for_the_whole_population(monkeypatch):
    from ray.tune.schedulers import TrialScheduler
    scheduler, m, report, exploited, _ = _population(True, monkeypatch)
    for i in range(1, 8):
        assert report(m[i], 10, 10.0 * i) == TrialScheduler.PAUSE
    assert exploited == []  # waiting for m0
    report(m[0], 10, 5.0)
    assert sorted(t.trial_id for t, _ in exploited) == ['m0', 'm1']  # the bottom quarter
    assert all(donor in (m[6], m[7]) for _, donor in exploited)
