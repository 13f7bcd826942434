"""An Indonesian spelling and style checker (no Django): see checker.check()."""

from warta.lib.spelling.checker import Finding, check, joined_compounds, standard_forms

__all__ = ["Finding", "check", "joined_compounds", "standard_forms"]
