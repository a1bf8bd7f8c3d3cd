"""Use cases without Textual: what a key on the board, a session key or a command does to leads.

The board, the session screen and the command line call these; none of them
repeats the rules or the store calls behind a change.
"""
