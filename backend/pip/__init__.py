"""The PIP draft: prefilled from the brede intake, completed and decided by a case manager.

`indications` holds the readable rules that point out which learning route the answers suggest
(never a choice); `draft` builds the draft and stores the case manager's versions.
"""
