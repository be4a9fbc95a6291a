"""``tools/build_mmcv_wheel.sh --check``: the checks a CUDA build of mmcv runs before compiling
(nvcc present and of torch's CUDA version, a toolkit folder, library headers, architectures),
against a fake toolkit, nvcc and Python (each case is one bash run of milliseconds)."""
import os
import shutil
import subprocess

import pytest

from tests.helpers.configs import REPO

SCRIPT = os.path.join(REPO, 'tools', 'build_mmcv_wheel.sh')
KNOWN = 'compute_75\ncompute_80\ncompute_86\ncompute_90\ncompute_100\n'


def fake_setup(tmp_path, release='13.0', torch_line=None, libcudart=True, cusparse_in_pip=True):
    """A toolkit folder with a fake nvcc, a bin/ of the tools the script uses (no nvcc), and
    a fake Python that answers the script's torch query with ``torch_line``."""
    toolkit = tmp_path / 'cuda'
    (toolkit / 'include' / 'crt').mkdir(parents=True)
    (toolkit / 'lib64').mkdir()
    (toolkit / 'bin').mkdir()
    if libcudart:
        (toolkit / 'lib64' / 'libcudart.so').write_text('')
    nvcc = toolkit / 'bin' / 'nvcc'
    nvcc.write_text(f'''#!/bin/bash
case "$1" in
  --version) echo "Cuda compilation tools, release {release}, V{release}.1";;
  --list-gpu-arch) printf '{KNOWN}';;
  --dryrun) echo '#$ _HERE_={toolkit}/bin' >&2;;
esac
''')
    pip_include = tmp_path / 'site' / 'nvidia' / 'cu13' / 'include'
    pip_include.mkdir(parents=True)
    (pip_include / 'cusparse.h').write_text('')
    if torch_line is None:
        torch_line = f'2.13.0+cu130 13.0 {pip_include if cusparse_in_pip else "-"}'
    python = tmp_path / 'python'
    python.write_text(f'#!/bin/sh\necho "{torch_line}"\n')
    tools = tmp_path / 'tools'
    tools.mkdir()
    for tool in ('sed', 'head', 'tr', 'dirname', 'cat'):
        (tools / tool).symlink_to(shutil.which(tool))
    for script in (nvcc, python):
        script.chmod(0o755)
    return toolkit, python, tools, pip_include


def check(python, path, **env):
    full_env = {'PATH': os.pathsep.join(map(str, path)), 'HOME': os.environ.get('HOME', '/'),
                **{k: str(v) for k, v in env.items()}}
    return subprocess.run([shutil.which('bash'), SCRIPT, '--check', str(python)],
                          capture_output=True, text=True, env=full_env, timeout=60)


def test_a_matching_toolkit_passes_with_the_default_architectures(tmp_path):
    toolkit, python, tools, pip_include = fake_setup(tmp_path)
    result = check(python, [tools, toolkit / 'bin'])
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == '7.5;8.0;9.0+PTX'
    # CUDA_HOME found from where nvcc lives; pip headers after the toolkit's own
    assert f'CUDA_HOME={toolkit};' in result.stderr
    assert f'CPATH={toolkit}/include:{pip_include}' in result.stderr


def test_the_architectures_come_from_torch_cuda_arch_list(tmp_path):
    toolkit, python, tools, _ = fake_setup(tmp_path)
    result = check(python, [tools], CUDA_HOME=toolkit, TORCH_CUDA_ARCH_LIST='8.6 10.0+PTX')
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == '8.6 10.0+PTX'


@pytest.mark.parametrize('case, words', [
    ('no nvcc', ['needs nvcc', 'CUDA 13.0', 'FORCE_CUDA']),
    ('other release', ['CUDA 12.8', 'CUDA 13.0', 'nvcc first on PATH']),
    ('cpu torch', ['CPU-only build', 'FORCE_CUDA']),
    ('no libcudart', ['not a CUDA toolkit folder', 'lib64/libcudart.so', 'set CUDA_HOME']),
    ('no cusparse', ['cusparse.h']),
    ('old architecture', ['compute capability 7.0', 'drop it']),
    ('bad architecture', ["'sm_90' is not a compute capability"]),
])
def test_a_bad_toolchain_stops_with_one_error_line_naming_the_fix(tmp_path, case, words):
    toolkit, python, tools, _ = fake_setup(
        tmp_path, release='12.8' if case == 'other release' else '13.0',
        torch_line='2.13.0+cpu none -' if case == 'cpu torch' else None,
        libcudart=case != 'no libcudart', cusparse_in_pip=case != 'no cusparse')
    path = [tools] if case == 'no nvcc' else [tools, toolkit / 'bin']
    arches = {'old architecture': '7.0;9.0', 'bad architecture': 'sm_90'}.get(case)
    result = check(python, path, **({'TORCH_CUDA_ARCH_LIST': arches} if arches else {}))
    assert result.returncode == 2
    assert result.stdout == ''
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith('error: '), result.stderr
    assert all(word in lines[0] for word in words), lines[0]
