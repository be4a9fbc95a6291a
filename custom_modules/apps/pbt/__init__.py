"""Population-based training (Ray Tune's PBT) with mmengine Runners as the trials.

Used by ``tools/pbt_search.py``. Each member is one ``Runner`` built from the
config with the member's hyperparameters (:data:`HYPERPARAMETERS` knows where
each one lives in a config). The Runner trains; :class:`TuneReportHook`
reports validation top-1/top-5 to Tune every ``interval`` epochs together with
a Tune ``Checkpoint`` holding the Runner's own ``.pth`` (loaded back through
mmengine, i.e. with the repo's safe loader). When PBT makes a member exploit
another, Tune restarts it with the other member's checkpoint and explored
hyperparameters (:mod:`.space`: initial values drawn from the priors, Ray-1.x
explore without clipping to the priors' ranges; :mod:`.settings`: population,
interval, quantile, synchronous or not). The new Runner resumes from that
checkpoint (``ConfigOptimOnResumeHook`` makes the new lr/weight decay take effect) and
the member records, in its next report, whose weights it loaded and their
fingerprint, next to the fingerprint the donor recorded when it saved them.
:mod:`.search` runs the population and tests the best member. Ray is imported
lazily: the rest of the repo does not need it.
"""
from ..reports.pbt import plot_members
from ..results import exploits, member_histories
from .member import (
    CHECKPOINT_FILE,
    META_FILE,
    METRIC,
    REPORTS_FILE,
    TuneReportHook,
    member_config,
    train_member,
    weights_fingerprint,
)
from .settings import DEFAULTS, pbt_settings
from .space import (
    CAPS,
    HYPERPARAMETERS,
    Prior,
    apply_hyperparameters,
    explore,
    explorer,
    priors,
    search_space,
)

__all__ = ['CAPS', 'CHECKPOINT_FILE', 'DEFAULTS', 'HYPERPARAMETERS', 'META_FILE', 'METRIC',
           'Prior', 'REPORTS_FILE', 'TuneReportHook', 'apply_hyperparameters', 'explore',
           'explorer', 'exploits', 'member_config', 'member_histories', 'pbt_settings',
           'plot_members', 'priors', 'search_space', 'train_member', 'weights_fingerprint']
