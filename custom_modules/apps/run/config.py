"""Config loading, checks and edits: a config file with ``--cfg-options``, launcher and
work dir applied, clear errors for a missing file, a syntax error or an unknown
override, and the schedulers a shortened run leaves out."""
import inspect
import os
import os.path as osp

from mmengine.config import Config

from custom_modules.errors import ConfigError, UserInputError

REPO_ROOT = osp.dirname(osp.dirname(osp.dirname(osp.dirname(osp.abspath(__file__)))))


def load_run_config(config: str, cfg_options: dict = None, launcher: str = 'none',
                    work_dir: str = None, local_rank: int = 0) -> Config:
    """Config of ``config`` with ``--cfg-options``, launcher and work dir applied."""
    os.environ.setdefault('LOCAL_RANK', str(local_rank))
    cfg = load_config(config, cfg_options)
    cfg.launcher = launcher
    cfg.work_dir = work_dir or cfg.get('work_dir') or default_work_dir(config)
    return cfg


def drop_schedulers_after_the_run(cfg: Config) -> None:
    """Leave out the by-epoch parameter schedulers that would start after the last epoch.

    mmengine gives a scheduler without ``end`` the run's ``max_epochs`` as its end, so
    one that begins later (e.g. the step decay after a one-epoch warm-up) fails to build
    with "end should be larger than begin" when a run is shortened from the command line
    (``--cfg-options train_cfg.max_epochs=1``). Such a scheduler would never act in this
    run; leaving it out keeps the lr of the epochs that do run exactly as in the full run.
    """
    max_epochs = (cfg.get('train_cfg') or {}).get('max_epochs')
    schedulers = cfg.get('param_scheduler')
    if not max_epochs or not schedulers:
        return
    schedulers = [schedulers] if isinstance(schedulers, dict) else list(schedulers)
    kept = [s for s in schedulers if not (s.get('by_epoch', True) and 'end' not in s
                                          and s.get('begin', 0) >= max_epochs)]
    if len(kept) < len(schedulers):
        print(f'{len(schedulers) - len(kept)} parameter scheduler(s) start after epoch '
              f'{max_epochs}, the last of this run: left out')
        cfg.param_scheduler = kept


def load_config(path: str, cfg_options: dict = None) -> Config:
    """Load ``path`` (clear error if missing) and merge ``--cfg-options``."""
    if not osp.isfile(path):
        raise UserInputError(f'config file {path} does not exist')
    try:
        cfg = Config.fromfile(path)
    except SyntaxError as e:  # mmengine parses the text without its file name
        raise ConfigError(f'config {_file_with_syntax_error(path)}: line {e.lineno}: '
                          f'{e.msg}') from None
    if cfg_options:
        check_cfg_options(cfg, cfg_options, path)
        cfg.merge_from_dict(cfg_options)
    return cfg


def _file_with_syntax_error(path: str) -> str:
    """``path`` if its own text does not parse, else a note that one of its bases does."""
    try:
        with open(path) as f:
            compile(f.read(), path, 'exec')
    except SyntaxError:
        return path
    return f'{path} (in one of its _base_ files)'


def check_cfg_options(cfg: Config, cfg_options: dict, path: str) -> None:
    """Refuse a ``--cfg-options`` key whose top-level name neither the config nor the Runner
    knows: mmengine would add it and the run would silently ignore it."""
    from mmengine.runner import Runner
    known = set(cfg) | set(inspect.signature(Runner.__init__).parameters) | {
        'runner_type', 'custom_imports', 'default_scope', 'model_wrapper_cfg', 'compile'}
    for key in cfg_options:
        top = key.split('.')[0]
        if top not in known:
            keys = ', '.join(sorted(k for k in cfg if not k.startswith('_')))
            raise ConfigError(f'--cfg-options {key}: config {path} has no {top!r} '
                              f'(top-level keys: {keys})')


def default_work_dir(config_path: str) -> str:
    """OpenMMLab layout: ``work_dirs/<config name without .py>``."""
    return osp.join('work_dirs', osp.splitext(osp.basename(config_path))[0])
