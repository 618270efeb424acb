"""The bundled dataset, ``partners.toml``.

This folder is the package ``natopartners.data`` (see pyproject.toml) so that
``importlib.resources`` finds the file in a wheel and in an editable install alike.
"""
