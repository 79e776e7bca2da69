"""Grammar of printed text that more than one stage reads: what a diarienummer looks like
(``graf.grammar.dnr``) and how a PDF breaks words at line ends (``graf.grammar.hyphenation``).

Nothing here imports a stage, so the reader, the structure parser and the recogniser can all
use it without reaching into one another.
"""
