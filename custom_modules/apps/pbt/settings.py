"""The PBT scheduler settings of a search: the tool's defaults, then the config's
``pbt_scheduler`` dict, then the command line's flags (those given)."""
from typing import Optional

from custom_modules.errors import ConfigError

# Ray Tune's PBT defaults, and a synchronous population unless the config says otherwise
DEFAULTS = dict(num_samples=8, perturbation_interval=10, quantile_fraction=0.25,
                resample_probability=0.25, synch=True)


def pbt_settings(cfg, overrides: Optional[dict] = None) -> dict:
    """``DEFAULTS`` updated by ``cfg.pbt_scheduler`` and the non-None ``overrides``; checked."""
    from_config = dict(cfg.get('pbt_scheduler') or {})
    unknown = sorted(set(from_config) - set(DEFAULTS))
    if unknown:
        raise ConfigError(f'pbt_scheduler: unknown keys {unknown}; known: {sorted(DEFAULTS)}')
    settings = dict(DEFAULTS, **from_config)
    settings.update({k: v for k, v in (overrides or {}).items() if v is not None})
    checks = [('num_samples', settings['num_samples'] >= 2, 'at least 2'),
              ('perturbation_interval', settings['perturbation_interval'] >= 1, 'at least 1'),
              ('quantile_fraction', 0 < settings['quantile_fraction'] <= 0.5, 'in (0, 0.5]'),
              ('resample_probability', 0 <= settings['resample_probability'] <= 1,
               'in [0, 1]')]
    for name, ok, rule in checks:
        if not ok:
            raise ConfigError(f'PBT setting {name} must be {rule}, got {settings[name]}')
    settings['synch'] = bool(settings['synch'])
    return settings
