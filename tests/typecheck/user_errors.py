"""Mistakes a type checker must catch (tests/test_typing.py expects one error per marked line)."""

import eurasia_data

x: int = eurasia_data.load_agreements()  # error
y: str = eurasia_data.search("x", as_frame=False)  # error
eurasia_data.state_years(partial="some")  # error
eurasia_data.load("agreements", engine="spark")  # error
