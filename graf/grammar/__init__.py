"""Grammar of printed text that more than one stage reads: what a diarienummer looks like
(``graf.grammar.dnr``), how a PDF breaks words at line ends (``graf.grammar.hyphenation``),
how a person's name and the party beside it are printed (``graf.grammar.names``), the roles
and titles printed beside a name (``graf.grammar.roles``), whether a word is an ordinary
Swedish word or a proper noun by the Hunspell dictionary (``graf.grammar.hunspell_sv``), cheap
literal-gated scans (``graf.grammar.scan``), and the one word list module
(``graf.grammar.lexicon``).

Nothing here imports a stage, so the reader, the structure parser and the recogniser can all
use it without reaching into one another.
"""
