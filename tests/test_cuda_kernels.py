"""``custom_modules.apps.analysis.cuda_kernels`` and ``tools/check_mmcv_wheel.py``: the GPU
architectures of the cubins and PTX in a library's ``.nv_fatbin`` section (the
``cuobjdump --list-elf --list-ptx`` stand-in), on crafted ELF files and, where nvcc is
installed, on a real object."""
import shutil
import struct
import subprocess
import zipfile
from collections import Counter

import pytest

from custom_modules.apps.analysis.cuda_kernels import (
    FatbinError,
    arch_counts,
    expected_archs,
    fatbin_entries,
)
from tests.helpers.configs import run_script

PTX, ELF = 1, 2


def fat_binary(entries):
    """A fat binary of ``(kind, arch, payload)`` entries in nvcc's layout."""
    body = b''
    for kind, arch, payload in entries:
        header = struct.pack('<HHIQIIHHI', kind, 0x101, 64, len(payload), 0, 0, 0, 1, arch)
        body += header.ljust(64, b'\0') + payload
    return struct.pack('<IHHQ', 0xBA55ED50, 1, 16, len(body)) + body


def elf_with(sections):
    """A minimal 64-bit little-endian ELF file holding ``{name: bytes}`` sections."""
    names = b'\0' + b''.join(name.encode() + b'\0' for name in [*sections, '.shstrtab'])
    blobs, offset, headers = b'', 64, [b'\0' * 64]
    for name, data in [*sections.items(), ('.shstrtab', names)]:
        name_at = names.index(name.encode() + b'\0')
        headers.append(struct.pack('<IIQQQQIIQQ', name_at, 1, 0, 0, offset + len(blobs),
                                   len(data), 0, 0, 8, 0))
        blobs += data
    header = bytearray(64)
    header[:6] = b'\x7fELF\x02\x01'
    struct.pack_into('<Q', header, 0x28, 64 + len(blobs))
    struct.pack_into('<HHH', header, 0x3A, 64, len(headers), len(headers) - 1)
    return bytes(header) + blobs + b''.join(headers)


def crafted_library():
    """Two fat binaries (as two .cu files give) with padding between them."""
    first = fat_binary([(ELF, 75, b'a' * 24), (ELF, 90, b'b' * 40)])
    second = fat_binary([(PTX, 90, b'.version' * 3), (ELF, 80, b'c' * 8)])
    return elf_with({'.text': b'\x90' * 16, '.nv_fatbin': first + b'\0' * 8 + second})


def test_every_cubin_and_ptx_entry_is_listed_with_its_architecture():
    assert arch_counts(crafted_library()) == Counter(
        {'sm_75': 1, 'sm_90': 1, 'compute_90': 1, 'sm_80': 1})


def test_a_library_without_device_code_has_no_entries_and_other_files_are_refused():
    assert arch_counts(elf_with({'.text': b'\x90' * 8})) == Counter()
    with pytest.raises(FatbinError, match='not a 64-bit'):
        arch_counts(b'PK\x03\x04' + b'\0' * 100)


def test_a_cut_fat_binary_is_refused():
    whole = fat_binary([(ELF, 86, b'x' * 32)])
    with pytest.raises(FatbinError, match='runs past the section'):
        fatbin_entries(whole[:-4])
    with pytest.raises(FatbinError, match='no fat binary magic'):
        fatbin_entries(b'garbage!' + whole)


def test_the_arch_list_names_a_cubin_per_entry_and_ptx_where_asked():
    assert expected_archs('7.5;8.0 9.0+PTX') == ['sm_75', 'sm_80', 'sm_90', 'compute_90']
    with pytest.raises(ValueError, match="'sm_90' is not a compute capability"):
        expected_archs('sm_90')


def test_the_wheel_check_passes_a_complete_build_and_names_what_a_build_lacks(tmp_path):
    wheel = tmp_path / 'mmcv-2.1.0-cp311-cp311-linux_x86_64.whl'
    with zipfile.ZipFile(wheel, 'w') as archive:
        archive.writestr('mmcv/_ext.cpython-311-x86_64-linux-gnu.so', crafted_library())
        archive.writestr('mmcv/__init__.py', '')
    result = run_script('tools/check_mmcv_wheel.py', wheel, '--arch-list', '7.5;8.0;9.0+PTX')
    assert result.returncode == 0, result.stderr
    assert ('mmcv/_ext.cpython-311-x86_64-linux-gnu.so: compute_90 x1, sm_75 x1, sm_80 x1, '
            'sm_90 x1') in result.stdout
    result = run_script('tools/check_mmcv_wheel.py', wheel, '--arch-list', '8.6;9.0+PTX')
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith('error: ')
    assert 'no kernels for sm_86' in lines[0] and 'FORCE_CUDA=1' in lines[0]


@pytest.mark.skipif(shutil.which('nvcc') is None, reason='needs nvcc')
def test_an_object_nvcc_compiles_lists_the_architectures_it_was_asked_for(tmp_path):
    source = tmp_path / 'kernel.cu'
    source.write_text('__global__ void fill(float *x) { x[threadIdx.x] = 1.0f; }\n')
    subprocess.run(['nvcc', '-c', str(source), '-o', str(tmp_path / 'kernel.o'),
                    '-gencode', 'arch=compute_80,code=sm_80',
                    '-gencode', 'arch=compute_90,code=[sm_90,compute_90]'],
                   check=True, capture_output=True, timeout=120)
    assert arch_counts((tmp_path / 'kernel.o').read_bytes()) == Counter(
        {'sm_80': 1, 'sm_90': 1, 'compute_90': 1})
