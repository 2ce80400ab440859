"""The built-in dialects: one module and one table (``data/<id>.toml``) each.

``agentconv.dialects`` is also the public function listing the registered dialects. Importing this
subpackage rebinds that attribute to the module, so the module is made callable with the same meaning.
"""
import sys
import types


class _Callable(types.ModuleType):
    def __call__(self) -> list:
        """The registered dialects (built-ins and plugins), each with ``id``, ``title`` and ``table``."""
        from ..registry import all_dialects

        return all_dialects()


sys.modules[__name__].__class__ = _Callable
