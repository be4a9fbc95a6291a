"""Which exceptions are the user's input, and the one line each becomes."""
import errno
import os

import pytest

from custom_modules.apps.user_errors import explain, original_message, user_errors
from custom_modules.errors import DataError


def _from_worker(exc_type, message):
    """What torch's DataLoader raises in the main process for an error in a worker."""
    return exc_type('Caught {0} in DataLoader worker process 1.\nOriginal Traceback (most '
                    'recent call last):\n  File "x.py", line 3, in f\n    raise e\n'
                    '{1}: {2}\n'.format(exc_type.__name__, exc_type.__module__ + '.'
                                        + exc_type.__name__, message))


def test_worker_errors_are_reduced_to_the_original_line():
    exc = _from_worker(DataError, 'annotation a.xml: object 2 is inverted')
    assert original_message(exc) == 'annotation a.xml: object 2 is inverted'
    assert explain(exc) == 'annotation a.xml: object 2 is inverted'
    image = _from_worker(AssertionError, 'failed to load image: data/x/1.jpg')
    assert explain(image).startswith('cannot read image data/x/1.jpg: not an image')


@pytest.mark.parametrize('exc, expected', [
    (KeyError('Foo is not in the mmdet::model registry. Please check whether ...'),
     "config c.py: type 'Foo' is not registered in the mmdet::model registry"),
    (TypeError("class `ResNet` in resnet.py: ResNet.__init__() got an unexpected keyword "
               "argument 'deep'"),
     "config c.py: ResNet got an unexpected keyword argument 'deep'"),
    (OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), 'w/epoch_3.pth'),
     'w/epoch_3.pth: No space left on device'),
    (FileNotFoundError(errno.ENOENT, 'No such file or directory', 'data/x.txt'),
     'data/x.txt does not exist'),
])
def test_library_errors_caused_by_input_get_a_line_naming_the_thing(exc, expected):
    assert explain(exc, 'c.py').startswith(expected)


@pytest.mark.parametrize('exc', [KeyError('state_dict'), TypeError('unsupported operand'),
                                 AssertionError('shapes differ'), ZeroDivisionError()])
def test_bugs_are_not_explained_away(exc):
    assert explain(exc) is None
    with pytest.raises(type(exc)), user_errors():
        raise exc


def test_user_errors_exits_2_with_one_line(capsys):
    with pytest.raises(SystemExit) as stop, user_errors():
        raise DataError('file a.txt\nline 3 is bad')
    assert stop.value.code == 2
    assert capsys.readouterr().err == 'error: file a.txt line 3 is bad\n'
