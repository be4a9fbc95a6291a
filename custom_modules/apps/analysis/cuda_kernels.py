"""Which GPU architectures a compiled CUDA library holds kernels for.

A stand-in for ``cuobjdump --list-elf --list-ptx`` (not installed with torch):
it reads the ``.nv_fatbin`` section of an ELF file (a ``.so`` or ``.o``) and
lists each embedded cubin (``sm_XY``) and PTX (``compute_XY``) entry. Used
to check that a CUDA build of mmcv (``tools/check_mmcv_wheel.py``) holds
kernels for every architecture of ``TORCH_CUDA_ARCH_LIST``.

Fat binary layout (as nvcc 11-13 write it, little endian): a 16-byte header
``magic 0xBA55ED50 (u32), version (u16), header size (u16), entries size
(u64)``, then entries, each ``kind (u16: 1 PTX, 2 ELF), version (u16),
header size (u32), payload size (u64)``, with the architecture (major * 10 +
minor) as the u32 at byte 28 of the entry header. nvcc puts one fat binary
per ``.cu`` file into the section.
"""
import struct
import zipfile
from collections import Counter

FATBIN_MAGIC = 0xBA55ED50
KIND_NAMES = {1: 'ptx', 2: 'elf'}


class FatbinError(ValueError):
    """The file is not what it claims (no ELF, no fat binary, a cut entry)."""


def elf_section(data, name):
    """Bytes of the ELF64 little-endian section ``name``; None if absent."""
    if data[:4] != b'\x7fELF' or data[4] != 2 or data[5] != 1:
        raise FatbinError('not a 64-bit little-endian ELF file')
    shoff, = struct.unpack_from('<Q', data, 0x28)
    shentsize, shnum, shstrndx = struct.unpack_from('<HHH', data, 0x3A)

    def header(i):
        # name offset, type, flags, addr, file offset, size
        return struct.unpack_from('<IIQQQQ', data, shoff + i * shentsize)
    if shnum == 0 or shoff + shnum * shentsize > len(data):
        raise FatbinError('ELF section table missing or cut')
    names_off, names_size = header(shstrndx)[4:6]
    names = data[names_off:names_off + names_size]
    for i in range(shnum):
        name_at, kind, _, _, off, size = header(i)
        if names[name_at:names.index(b'\0', name_at)].decode() == name:
            if kind == 8:  # SHT_NOBITS
                return b''
            return data[off:off + size]
    return None


def fatbin_entries(section):
    """``(kind, arch)`` of every entry, e.g. ``('elf', 90)``, ``('ptx', 90)``."""
    entries, pos = [], 0
    while pos + 16 <= len(section):
        magic, _, header_size, size = struct.unpack_from('<IHHQ', section, pos)
        if magic != FATBIN_MAGIC:
            if section[pos:pos + 8].strip(b'\0'):
                raise FatbinError(f'no fat binary magic at byte {pos}')
            pos += 8  # padding between fat binaries
            continue
        end = pos + header_size + size
        if end > len(section):
            raise FatbinError(f'fat binary at byte {pos} runs past the section')
        entry = pos + header_size
        while entry + 32 <= end:
            kind, _, entry_header, payload = struct.unpack_from('<HHIQ', section, entry)
            arch, = struct.unpack_from('<I', section, entry + 28)
            if entry_header < 32:
                raise FatbinError(f'fat binary entry at byte {entry} has a bad header')
            entries.append((KIND_NAMES.get(kind, f'kind{kind}'), arch))
            entry += entry_header + payload
        pos = end
    return entries


def arch_counts(elf_bytes):
    """Counter of ``'sm_XY'`` (cubins) and ``'compute_XY'`` (PTX) in an ELF file."""
    section = elf_section(elf_bytes, '.nv_fatbin')
    if section is None:
        return Counter()
    return Counter(('sm_' if kind == 'elf' else 'compute_') + str(arch)
                   if kind in ('elf', 'ptx') else kind
                   for kind, arch in fatbin_entries(section))


def expected_archs(arch_list):
    """The entries ``TORCH_CUDA_ARCH_LIST`` asks for: '8.0;9.0+PTX' ->
    ['sm_80', 'sm_90', 'compute_90']."""
    wanted = []
    for item in arch_list.replace(';', ' ').split():
        cc = item.removesuffix('+PTX')
        major, _, minor = cc.partition('.')
        if not (major.isdigit() and minor.isdigit()):
            raise ValueError(f'{item!r} is not a compute capability like 8.0 or 9.0+PTX')
        wanted.append(f'sm_{major}{minor}')
        if item.endswith('+PTX'):
            wanted.append(f'compute_{major}{minor}')
    return wanted


def library_counts(path):
    """Counts of every ``*.so`` in a wheel (by member name) or of one ELF file."""
    if zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as wheel:
            return {name: arch_counts(wheel.read(name)) for name in wheel.namelist()
                    if name.endswith('.so')}
    with open(path, 'rb') as f:
        return {str(path): arch_counts(f.read())}


def check_library(path, arch_list):
    """One line per library of ``path`` (a wheel or an ELF file) with its
    kernel counts, e.g. ``mmcv/_ext.so: sm_80 x58, compute_90 x58``.

    Raises:
        UserInputError: ``path`` holds no library, or one lacks an entry
            ``arch_list`` asks for (a CPU-only build lacks them all).
    """
    from custom_modules.errors import UserInputError
    try:
        wanted = expected_archs(arch_list)
        counts = library_counts(path)
    except (ValueError, zipfile.BadZipFile) as exc:
        raise UserInputError(f'{path}: {exc}') from exc
    if not counts:
        raise UserInputError(f'{path}: no .so library in it')
    lines = []
    for name, found in sorted(counts.items()):
        listed = ', '.join(f'{a} x{n}' for a, n in sorted(found.items()))
        lines.append(f'{name}: {listed or "no GPU kernels"}')
        missing = [a for a in wanted if not found.get(a)]
        if missing:
            raise UserInputError(
                f'{path}: {name} has no kernels for {", ".join(missing)} '
                f'(TORCH_CUDA_ARCH_LIST {arch_list}; it holds {listed or "none"}): '
                'rebuild with FORCE_CUDA=1 and that TORCH_CUDA_ARCH_LIST (docs/gpu.md)')
    return lines
