"""Each test starts without an mmengine default scope, like a fresh process.

Tools and Runners run in-process by some tests set mmengine's global default
scope (mmdet, mmseg, mmpretrain); a later test building from another
package's registry would then look its types up in the wrong one. mmengine
has no public call to drop a scope, so the test clears its instance table.
"""
import pytest
from mmengine.registry import DefaultScope


@pytest.fixture(autouse=True)
def fresh_default_scope():
    DefaultScope._instance_dict.clear()
    yield
    DefaultScope._instance_dict.clear()
