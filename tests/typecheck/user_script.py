"""What a user writes: every public call, its revealed type checked by tests/test_typing.py under mypy and pyright --strict."""

import eurasia_data
from eurasia_data.models import Agreement, Membership

reveal_type(eurasia_data.load_agreements())
reveal_type(eurasia_data.load_memberships())
reveal_type(eurasia_data.load("agreements"))
reveal_type(eurasia_data.load("agreements", engine="pyarrow"))
reveal_type(eurasia_data.load("agreements", engine="polars"))
reveal_type(eurasia_data.load_records("agreements"))
reveal_type(eurasia_data.load_records("memberships"))
reveal_type(eurasia_data.search("普京"))
reveal_type(eurasia_data.search("普京", as_frame=False))
reveal_type(eurasia_data.search("普京", as_frame=False)[0]["record_id"])
reveal_type(eurasia_data.resolve("Turkey"))
reveal_type(eurasia_data.state_years(orgs="SCO", partial="first"))
reveal_type(eurasia_data.dyad_years(directed=True))
reveal_type(eurasia_data.crosswalk())
reveal_type(eurasia_data.coverage())
reveal_type(eurasia_data.tables())
reveal_type(eurasia_data.paths())

first: Agreement = eurasia_data.load_records("agreements")[0]
m: list[Membership] = eurasia_data.load_records("memberships")
