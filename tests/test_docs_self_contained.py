"""The documentation stands on its own: no text file of the repository refers to a file outside
it (the reproduction rules live in docs/reproduction.md), every relative markdown link and its
#anchor resolves inside the repository, and README.md stays a short index."""
import os
import os.path as osp
import re

from tests.helpers.configs import REPO

# Files and folders whose text is checked (datasets and work dirs are not in the repository).
CHECKED = ('README.md', 'Makefile', 'pyproject.toml', 'requirements.txt', '.ci', 'data/README.md',
           'docs', 'configs', 'custom_modules', 'tools', 'tests')
TEXT_SUFFIXES = ('.md', '.py', '.sh', '.txt', '.csv', '.toml', '.ini', '.cfg', '.yml', '.yaml',
                 '.json', '')
SKIPPED_DIRS = {'__pycache__', '.pytest_cache'}
# Each pattern is written in two pieces so that this file does not match itself.
OUTSIDE = {
    'SEED' '-SPEC': 'cite docs/reproduction.md (policy, judgment calls) instead',
    '..' '/shared': 'a folder outside the repository',
    '/' 'work/': 'an absolute path of one machine',
    '/' 'home/': 'an absolute path of one machine',
    '/' 'Users/': 'an absolute path of one machine',
    '/' 'root/': 'an absolute path of one machine',
}
README_MAX_LINES = 150

FENCE = re.compile(r'^( {0,3})(`{3,}|~{3,}).*?^\1\2[ \t]*$', re.M | re.S)
INLINE_CODE = re.compile(r'(`+)(?:(?!\1).)+?\1', re.S)
LINK = re.compile(r'\[(?:[^\[\]]|\[[^\[\]]*\])*\]\(\s*<?([^()\s<>]+)>?(?:\s+"[^"]*")?\s*\)')
REFERENCE_LINK = re.compile(r'^ {0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s+"[^"]*")?\s*$', re.M)
HEADING = re.compile(r'^ {0,3}#{1,6}[ \t]+(.+?)[ \t#]*$', re.M)
HTML_ANCHOR = re.compile(r'<a\s+(?:id|name)="([^"]+)"', re.I)


def text_files():
    for entry in CHECKED:
        path = osp.join(REPO, entry)
        if osp.isfile(path):
            yield path
            continue
        for folder, dirs, files in os.walk(path):
            dirs[:] = sorted(d for d in dirs
                             if d not in SKIPPED_DIRS and not d.endswith('.egg-info'))
            for name in sorted(files):
                if osp.splitext(name)[1] in TEXT_SUFFIXES:
                    yield osp.join(folder, name)


def markdown_files():
    return [p for p in text_files() if p.endswith('.md')]


def without_fences(text):
    return FENCE.sub(lambda m: '\n' * m.group(0).count('\n'), text)


def without_code(text):
    """Markdown text with fenced blocks and inline code spans blanked out."""
    return INLINE_CODE.sub('', without_fences(text))


def slug(heading):
    """The anchor GitHub gives a heading: rendered text, lower case, punctuation dropped."""
    text = re.sub(r'!?\[([^\]]*)\]\([^)]*\)', r'\1', heading)  # links -> their text
    text = re.sub(r'<[^>]+>', '', text).replace('`', '').lower()
    return re.sub(r'[^\w\- ]', '', text).replace(' ', '-')


def anchors(path):
    text = without_fences(open(path, encoding='utf-8').read())  # headings keep their code
    found, seen = set(HTML_ANCHOR.findall(text)), {}
    for heading in HEADING.findall(text):
        base = slug(heading)
        found.add(base if base not in seen else f'{base}-{seen[base]}')
        seen[base] = seen.get(base, 0) + 1
    return found


def link_targets(path):
    text = without_code(open(path, encoding='utf-8').read())
    return LINK.findall(text) + REFERENCE_LINK.findall(text)


def broken_links(path, anchors_of, repo=REPO):
    """Each relative link of a markdown file whose file or #anchor does not exist."""
    broken = []
    for target in link_targets(path):
        if re.match(r'^[a-z][a-z0-9+.-]*:', target, re.I):  # http:, https:, mailto:
            continue
        file_part, _, anchor = target.partition('#')
        resolved = (osp.normpath(osp.join(osp.dirname(path), file_part)) if file_part else path)
        if osp.relpath(resolved, repo).startswith('..'):
            broken.append(f'{target} (outside the repository)')
        elif not osp.exists(resolved):
            broken.append(f'{target} (no such file)')
        elif anchor and resolved.endswith('.md') and anchor not in anchors_of(resolved):
            broken.append(f'{target} (no such anchor)')
    return broken


def test_slug_matches_github_headings():
    assert slug('J4') == 'j4'
    assert slug('CamVid mIoU: `tools/eval_camvid.py`') == 'camvid-miou-toolseval_camvidpy'
    assert slug("The 000-B initialisation: converting mmdet's COCO C4 detector") == \
        'the-000-b-initialisation-converting-mmdets-coco-c4-detector'
    assert slug('See [the docs](docs/setup.md) now') == 'see-the-docs-now'


def test_broken_links_are_found(tmp_path):
    (tmp_path / 'docs').mkdir()
    (tmp_path / 'docs' / 'a.md').write_text('# Top\n\n## Part two\n<a id="j1"></a>\n')
    page = tmp_path / 'README.md'
    page.write_text('[ok](docs/a.md#part-two) [ok](docs/a.md#j1) [web](https://x.org/y.md)\n'
                    '[no file](docs/b.md) [no anchor](docs/a.md#part-three) [up](../x.md)\n'
                    '`[code](docs/c.md)` [heading](#make-demo) [fenced heading](#not-a-heading)\n'
                    '## `make demo`\n```\n[fenced](docs/d.md)\n# not a heading\n```\n')
    assert broken_links(str(page), anchors, repo=str(tmp_path)) == [
        'docs/b.md (no such file)', 'docs/a.md#part-three (no such anchor)',
        '../x.md (outside the repository)', '#not-a-heading (no such anchor)']


def test_no_text_file_refers_outside_the_repository():
    found = []
    for path in text_files():
        try:
            lines = open(path, encoding='utf-8').read().splitlines()
        except UnicodeDecodeError:
            continue
        for number, line in enumerate(lines, 1):
            for pattern, why in OUTSIDE.items():
                if pattern in line:
                    found.append(f'{osp.relpath(path, REPO)}:{number}: {pattern!r}: {why}')
    assert not found, '\n'.join(found)


def test_every_markdown_link_resolves():
    cache = {}

    def anchors_of(path):
        if path not in cache:
            cache[path] = anchors(path)
        return cache[path]

    pages = markdown_files()
    assert osp.join(REPO, 'docs', 'reproduction.md') in pages
    broken = [f'{osp.relpath(page, REPO)}: {link}'
              for page in pages for link in broken_links(page, anchors_of)]
    assert not broken, '\n'.join(broken)


def test_every_judgment_call_has_its_anchor():
    # Folder READMEs cite docs/reproduction.md#j<N>; the numbering must stay stable.
    found = anchors(osp.join(REPO, 'docs', 'reproduction.md'))
    assert {'policy', 'sources', 'additions'} <= found
    assert [n for n in range(1, 21) if f'j{n}' not in found] == []


def test_readme_is_a_short_index():
    with open(osp.join(REPO, 'README.md'), encoding='utf-8') as f:
        lines = f.read().splitlines()
    assert len(lines) <= README_MAX_LINES, f'README.md has {len(lines)} lines'
