"""Whether a question is written in English, the one language crest's help is written in.

No library for this is installed, and the ones that ship their data (the langid family) misread short English
questions ("explain semi supine", "pee problems") as French or Dutch; the help must never tell an English reader
that their question is not English. So the rule is small and general, read from two things every language has:

- its script: a question whose letters are mostly outside the Latin alphabet (Cyrillic, Greek, Arabic, Hebrew,
  Devanagari, Chinese, Japanese, Korean, ...) is not English;
- its function words: the articles, pronouns, prepositions and common verbs of the commonest languages written in
  Latin letters (Spanish, French, German, Italian, Portuguese, Dutch), read as `text.words` reads a question (lower
  case, accents dropped: "vejiga", "jai", "konnen"). A word that is also an English word ("die", "son", "no",
  "pain") is left out of them, and a word written with a letter English does not use ("mogę", "sängen") counts
  as one. A question is not English when such words outnumber English ones (crest's stop words) and there are at
  least two of them, or they make a third of a question with no English word at all ("dolor de espalda").

A question with no such words either way ("Brustschmerzen", "yoga?") is taken as English: crest cannot tell.
"""

import re
import unicodedata

from crest.knowledge.search import STOP_WORDS
from crest.knowledge.text import clean_question, words

MIN_FOREIGN_WORDS = 2
# With no English word at all, a shorter question needs only this share of foreign function words.
FOREIGN_SHARE_ALONE = 1 / 3
NON_LATIN_SHARE = 0.5  # of a question's letters
# A word as written, its apostrophes kept inside it ("j'ai" is one word, as `text.words` reads it).
_WRITTEN_WORD = re.compile(r"[^\W_]+(?:['\u2019][^\W_]+)*")

# The function words of each language, as `text.words` reads them; English words among them are dropped below.
_FUNCTION_WORDS = {
    "Spanish": """
        el la los las una unos unas que de del en por pero porque cuando donde muy mas mi mis tengo tiene tienes
        puedo puede debo estoy esta este esto eso hacer hago su sus yo tu usted ella ellos nosotros cual quien
        cuanto tambien despues durante desde hasta entre sobre siento duele fue ser nada algo otro otra cada
        aqui ahora siempre nunca hoy ayer manana es estas estan se
    """,
    "French": """
        le les une des du et je jai tu il elle nous vous ils elles ce cette ces ma mes sa ses leur dans avec sur
        sous mais ou qui quoi pourquoi pas ne tres aussi peux peut suis sont avoir etre fait faire cest quil
        quelle apres depuis au aux moi toi lui toujours jamais rien tous chaque ici maintenant mieux comme si
        lorsque parce dois
    """,
    "German": """
        das dem ein eine einen einem einer und oder aber ich du sie wir ihr mein meine meinen meinem meiner mir
        mich dich sich nicht kein keine sind habe haben kann kannst konnen soll muss mit bei von zu zum zur auf
        aus nach unter wie warum wann wo wer wenn dass weil auch noch schon sehr nur immer nie jetzt heute seit
        beim im vom weh tut
    """,
    "Italian": """
        il gli della dello delle degli di che una uno sono mi mio mia miei anche nel nella nei dei alla alle
        questo questa dopo molto piu perche posso puo sento sempre mai gia ancora ogni tutto niente qualcosa
        cosa
    """,
    "Portuguese": """
        os da dos das na nas sem meu minha voce ele ela nao muito estou isso isto depois tambem ja ainda pelo
        pela ao aos fazer
    """,
    "Dutch": """
        het een ik jij hij zij wij mijn niet geen zijn heb heeft kan moet voor naar bij uit aan dat dit waarom
        wanneer waar ook nog maar omdat zeer altijd nooit tijdens
    """,
}
FOREIGN_WORDS = frozenset(word for text in _FUNCTION_WORDS.values() for word in text.split()) - STOP_WORDS


def is_english(question: str) -> bool:
    """False only when the question is clearly in another language; a question crest cannot tell is English."""
    text = clean_question(question)
    letters = [character for character in text if character.isalpha()]
    if letters:
        latin = sum(unicodedata.name(character, "").startswith("LATIN") for character in letters)
        if 1 - latin / len(letters) > NON_LATIN_SHARE:
            return False
    found = [("".join(words(written)), written) for written in _WRITTEN_WORD.findall(text)]
    foreign = sum(word in FOREIGN_WORDS or _has_accent(written) for word, written in found)
    english = sum(word in STOP_WORDS for word, _ in found)
    if english == 0 and found and foreign / len(found) >= FOREIGN_SHARE_ALONE:
        return False
    return not (foreign >= MIN_FOREIGN_WORDS and foreign > english)


def _has_accent(written: str) -> bool:
    """A Latin letter with a mark English does not use ("ñ", "ß", "ł", "ę"): "café" is one word, not a language."""
    return any(unicodedata.name(character, "").startswith("LATIN") and not character.isascii() for character in written)
