"""``tools/reproduce.py REPORT``: the plan and its cost, the status, the run, the report
folder."""
import os
import os.path as osp
import sys
import time
from dataclasses import dataclass
from typing import Dict, List, Optional

from custom_modules.errors import UserInputError

from ...results import METRICS_FILE, read_json
from .cost import Cost, Throughput, device_name, load_quietly, step_schedules, wall_hours
from .execute import Actions, Context, run_steps
from .lock import LOCK_FILE, WorkRootLock, held_by_other
from .pipelines import PIPELINES, pipeline
from .steps import Step, smoke_marker, state_path, step_state

REPORTS = tuple(PIPELINES)
FIGURE_KINDS = ('figure', 'video', 'test')


@dataclass
class Options:
    """What the command line asked for."""
    report: str
    work_root: str = 'work_dirs'
    out: Optional[str] = None
    plan: bool = False
    status: bool = False
    smoke: bool = False
    measure: bool = False
    throughput: Optional[float] = None
    gpus: int = 1
    ray: bool = False
    address: Optional[str] = None
    gpus_per_run: Optional[float] = None

    def reports(self) -> List[str]:
        return list(REPORTS) if self.report == 'all' else [self.report]

    def report_out(self, report: str) -> str:
        if self.out:
            return self.out if self.report != 'all' else osp.join(self.out, f'report_{report}')
        return osp.join(self.work_root, f'report_{report}')


# --- plan -----------------------------------------------------------------------------
def command(step: Step, report: str) -> str:
    """The tool command a step stands for (what a user would type for it alone)."""
    if step.kind == 'train':
        extra = ' --cfg-options optim_wrapper.optimizer.lr=<best lr of the grid>' \
            if step.args.get('lr_from') else ''
        return f'python tools/run_matrix.py {step.config}{extra}'
    if step.kind == 'grid':
        return f'python tools/grid_search.py {step.config} --grid {" ".join(step.args["grid"])}'
    if step.kind == 'pbt':
        return f'python tools/pbt_search.py {step.config}'
    if step.kind == 'table':
        return f'python tools/report.py --report {report}'
    action = step.args.get('action')
    tools = {'proposals': 'tools/vis_proposals.py', 'compare': 'tools/compare_detectors.py',
             'camvid': 'tools/eval_camvid.py', 'video': 'tools/seg_video.py'}
    return f'python {tools[action]} ... ({step.note})'


def _cost_lines(steps: List[Step], throughput: Throughput, opts: Options,
                bench) -> List[str]:
    """One line per training step (schedule, images/s, device-hours) and the totals."""
    lines, hours, models = [], [], {}
    for step in steps:
        for sched in step_schedules(step):
            models.setdefault(sched.model, step.config)
            rate = throughput.get(step.config, sched.model, models)
            if rate is None and bench is not None:
                print(f'measuring images/s of {models[sched.model]} (benchmark_train) ...',
                      flush=True)
                rate = throughput.measure(models[sched.model], bench)
            cost = Cost(sched, rate)
            runs = f'{sched.population} runs x ' if sched.population > 1 else ''
            epochs = f'{sched.epochs} epochs' if sched.epochs else f'{sched.iterations} iters'
            iters = (f', {sched.total_iterations:,} iterations at batch {sched.batch} per device'
                     if sched.total_iterations else '')
            images = f', {sched.images:,} images' if sched.images else ''
            rate_text = f'{rate:,.0f} images/s' if rate else 'images/s not measured'
            dh = cost.device_hours
            if dh is not None:
                hours.append(dh)
            lines.append(f'    {step.id}: {runs}{epochs}{iters}{images}; {rate_text}; '
                         f'{"%.2f device-h" % dh if dh is not None else "? device-h"}')
    known = len(hours)
    total = sum(hours)
    if opts.ray:
        slots = 1 / opts.gpus_per_run if opts.gpus_per_run else 1
        way = f'--ray, {slots:g} run(s) per GPU'
        wall = wall_hours(hours, ray_slots=slots * max(1, _gpu_count()))
    else:
        way = f'--gpus {opts.gpus}' if opts.gpus > 1 else 'one device, runs one after another'
        wall = wall_hours(hours, gpus=opts.gpus)
    lines.append(f'  total: {total:.2f} device-hours; wall time about {wall:.2f} h ({way})'
                 + ('' if known == len(lines) else
                    f'; {len(lines) - known} run(s) without a measured images/s: '
                    f'python tools/reproduce.py {opts.report} --plan --measure, or --throughput N'))
    return lines


def _gpu_count() -> int:
    import torch
    return torch.cuda.device_count()


def print_plan(report: str, steps: List[Step], opts: Options, device: str, bench=None) -> None:
    out = opts.report_out(report)
    print(f'== Report {report}: {len(steps)} steps; work root {opts.work_root}, report folder '
          f'{out}; device {device}' + ('; SMOKE: generated data, 2 epochs of 1 iteration'
                                       if opts.smoke else ''))
    held = held_by_other(opts.work_root) is not None
    for number, step in enumerate(steps, 1):
        state = step_state(step, opts.work_root, out, held)
        deps = f' after {", ".join(step.deps)}' if step.deps and step.kind != 'table' else ''
        print(f'  {number:2d}. {step.id} [{step.kind}] {state}{deps}')
        for config in step.configs:
            print(f'        config: {config}')
        print(f'        command: {command(step, report)}')
        if step.note:
            print(f'        {step.note}')
    needs = {n.path: n for s in steps for n in s.needs}
    print('  needs:')
    for need in needs.values():
        if opts.smoke:
            print(f'    [generated] {need.what}')
            continue
        present = need.present()
        print(f'    [{"present" if present else "MISSING"}] {need.what}: {need.path}'
              + ('' if present else f'\n        fetch: {need.fetch}'))
    print('  cost:')
    if opts.smoke:
        print('    smoke run: minutes on a CPU')
        return
    throughput = Throughput(opts.work_root, device, opts.throughput)
    for line in _cost_lines(steps, throughput, opts, bench):
        print(line)


# --- status and the report folder -----------------------------------------------------
def _max_epochs(step: Step) -> Optional[int]:
    if step.kind not in ('train', 'pbt') or not step.config:
        return None
    return (load_quietly(step.config).get('train_cfg') or {}).get('max_epochs')


def step_rows(steps: List[Step], opts: Options, report: str) -> List[Dict]:
    """Each step's state and provenance."""
    held = held_by_other(opts.work_root) is not None
    out = opts.report_out(report)
    rows = []
    for step in steps:
        if step.kind == 'table':
            continue
        state = step_state(step, opts.work_root, out, held,
                           _max_epochs(step) if not step.done(opts.work_root, out) else None)
        made = read_json(state_path(opts.work_root, 'provenance', step)) or _found(step, opts)
        rows.append(dict(step=step.id, kind=step.kind, state=state, configs=step.configs,
                         **{k: made.get(k, '') for k in ('commit', 'device', 'date')}))
    return rows


def _found(step: Step, opts: Options) -> Dict:
    """What the work dir tells of a run this tool did not record (run by hand, or by another
    step in the same work dir): its test date."""
    work_dir = step.work_dir(opts.work_root) if step.kind != 'pbt' else None
    metrics = osp.join(work_dir, METRICS_FILE) if work_dir else ''
    if not osp.isfile(metrics):
        return {}
    return dict(commit='(not recorded)', date=time.strftime(
        '%Y-%m-%d %H:%M:%S', time.localtime(osp.getmtime(metrics))))


def write_report_folder(report: str, steps: List[Step], opts: Options,
                        rows: Optional[List[Dict]] = None) -> str:
    """Tables, curves, figures and README.md of ``report`` from what is finished
    (``rows``: the steps' :func:`step_rows`, when the caller has them already)."""
    from ...reports.reproduce import write_readme, write_tables
    out = opts.report_out(report)
    os.makedirs(out, exist_ok=True)
    tables = write_tables(report, opts.work_root, out)
    rows = rows if rows is not None else step_rows(steps, opts, report)
    missing = [f'{r["step"]}: {r["state"]}' for r in rows if r['state'] != 'done']
    for line in tables.splitlines():
        if line.startswith('Work root:') and 'Runs not found' in line:
            missing.append(line.split('. ', 1)[1])
    figures = [dict(id=s.id, note=s.note, out=osp.relpath(s.out_dir(out), out),
                    figure=s.args.get('figure')) for s in steps if s.kind in FIGURE_KINDS]
    return write_readme(report, out, tables, rows, figures, missing,
                        osp.isfile(smoke_marker(opts.work_root)))


def write_index(opts: Options) -> str:
    from ...reports.reproduce import write_index as write
    entries = []
    for report in REPORTS:
        steps = [s for s in pipeline(report) if s.kind != 'table']
        out = opts.report_out(report) if report in opts.reports() else osp.join(
            opts.work_root, f'report_{report}')
        done = sum(s.done(opts.work_root, out) for s in steps)
        readme = osp.join(out, 'README.md')
        entries.append(dict(report=report, state=f'{done}/{len(steps)} steps done'
                            + (' (complete)' if done == len(steps) else ''),
                            readme=readme if osp.isfile(readme) else None))
    return write(opts.work_root, entries)


def print_status(report: str, steps: List[Step], opts: Options) -> None:
    print(f'== Report {report}')
    rows = step_rows(steps, opts, report)
    for row in rows:
        print(f'  {row["step"]}: {row["state"]}')
    path = write_report_folder(report, steps, opts, rows)
    out = opts.report_out(report)
    for name in sorted(os.listdir(out)):
        if name.endswith('.md') and name not in ('README.md', 'report.md'):
            with open(osp.join(out, name)) as f:
                print(f'\n{f.read().strip()}')
    print(f'\nwritten: {path}')


# --- the command ------------------------------------------------------------------------
def reproduce(opts: Options, actions: Optional[Actions] = None) -> int:
    """Plan, status or run; the exit code (0 done, 1 a step failed)."""
    actions = actions or Actions()
    device = 'cpu (smoke)' if opts.smoke else device_name()
    plans = {report: pipeline(report) for report in opts.reports()}
    if opts.status:
        for report, steps in plans.items():
            print_status(report, steps, opts)
        write_index(opts)
        return 0
    if opts.plan:
        for report, steps in plans.items():
            print_plan(report, steps, opts, device, actions.bench if opts.measure else None)
        return 0
    used = osp.isfile(osp.join(opts.work_root, LOCK_FILE))
    os.makedirs(opts.work_root, exist_ok=True)
    failed = []
    with WorkRootLock(opts.work_root):
        _check_kind_of_work_root(opts, used)
        if opts.smoke:
            _mark_smoke(opts.work_root)
        for report, steps in plans.items():
            print_plan(report, steps, opts, device, None if opts.smoke else actions.bench)
        for report, steps in plans.items():
            print(f'== Report {report}: running', flush=True)
            ctx = Context(report, opts.work_root, opts.report_out(report), opts.smoke,
                          opts.gpus, opts.ray, opts.address, opts.gpus_per_run, actions)
            failed += run_steps(steps, ctx, device)
            path = write_report_folder(report, steps, opts)
            print(f'report {report}: {path}', flush=True)
        print(f'reports: {write_index(opts)}')
    if failed:
        print(f'{len(failed)} step(s) failed or blocked: {", ".join(failed)}; rerun the same '
              'command after fixing them (finished steps are kept)', file=sys.stderr)
        return 1
    return 0


def _check_kind_of_work_root(opts: Options, used: bool) -> None:
    """Smoke runs and real runs never share a work root (the reports would mix them);
    ``used``: a reproduce ran there before."""
    smoke = osp.isfile(smoke_marker(opts.work_root))
    if smoke and not opts.smoke:
        raise UserInputError(f'work root {opts.work_root} holds smoke runs; give the real '
                             'runs another --work-root')
    if opts.smoke and not smoke and used:
        raise UserInputError(f'work root {opts.work_root} holds real runs; give --smoke '
                             'another --work-root')


def _mark_smoke(work_root: str) -> None:
    path = smoke_marker(work_root)
    os.makedirs(osp.dirname(path), exist_ok=True)
    open(path, 'a').close()
