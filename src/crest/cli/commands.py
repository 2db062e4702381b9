"""The list of crest's commands, importable without Typer, so that `crest --help` answers at once.

Importing Typer alone takes several times as long as starting Python; the root help only needs names and
one-line summaries. Each command's own help (`crest session --help`) is Typer's, from the command module.
"""

ROOT_SUMMARY = "crest: a calm coach for the constructive rest position (lying on your back, knees bent, feet flat)."

HELP_OPTIONS = ("-h", "--help")  # of the root and of every command
VERSION_OPTIONS = ("-V", "--version")  # of the root only
VERSION_HELP = "Show the version and exit."

COMMAND_SUMMARIES: dict[str, str] = {
    "protocol": "Show how to set up the constructive rest position, step by step.",
    "session": "Rest in the constructive rest position, guided: setup, timed rest, chime, check-in.",
    "safety": "Answer the safety questions (red flags, pregnancy, recent surgery).",
    "log": "Record a check-in without a session: pain, sensations, a note.",
    "log-session": "Log a session done without crest (on holiday, at a class), back-dated.",
    "history": "Show past sessions and check-ins.",
    "export": "Export the whole journal as CSV, JSON or FHIR.",
    "import": "Import an export (into an empty journal, or --merge it into yours).",
    "progress": "Is it helping? Pain per place, practice and daily life, with the numbers.",
    "psfs": "Rate the activities your back or hip makes hard (every 14 days).",
    "report": "Make a report for your clinician (PDF or HTML).",
    "remind": "Make a calendar file that reminds you to rest.",
    "check": "Check your position from photos, videos or the live camera.",
    "ask": "Ask a question about constructive rest; answers name their sources, warning signs come first.",
    "serve": "Start the local web app in your browser (--practice: serve a practice).",
    "practice": (
        "Set up a practice on this server (init), make a password link for someone (reset-password), or reset a"
        " lost phone's two-step sign-in (reset-two-factor)."
    ),
    "link": "Link this crest to your practitioner's practice with an invitation code.",
    "sync": "Send new and corrected records to your practice and fetch your prescription.",
    "unlink": "Stop sharing with your practice and forget the link.",
}


# The module of crest.cli that registers each command, in the order of COMMAND_SUMMARIES: a run imports only its
# command's module (importing them all took most of every command's start-up), and all of them where the whole
# list is needed (help, a name crest does not know).
COMMAND_MODULES: dict[str, str] = {
    "protocol": "protocol_cmd",
    "session": "session_cmd",
    "safety": "safety_cmd",
    "log": "journal_cmd",
    "log-session": "journal_cmd",
    "history": "journal_cmd",
    "export": "journal_cmd",
    "import": "journal_cmd",
    "progress": "progress_cmd",
    "psfs": "psfs_cmd",
    "report": "report_cmd",
    "remind": "remind_cmd",
    "check": "check_cmd",
    "ask": "ask_cmd",
    "serve": "serve_cmd",
    "practice": "practice_cmd",
    "link": "practice_cmd",
    "sync": "practice_cmd",
    "unlink": "practice_cmd",
}


def root_help(program: str = "crest") -> str:
    """The same text Typer prints for `crest --help` (wrapped like it), built without loading Typer."""
    import shutil
    import textwrap

    # Click's width: the terminal's (COLUMNS when set), at most 78 columns and at least 50.
    line_width = max(min(shutil.get_terminal_size().columns, 80) - 2, 50)

    name_width = max(len(name) for name in COMMAND_SUMMARIES)
    indent = " " * (2 + name_width + 2)
    commands = "\n".join(
        textwrap.fill(summary, line_width, initial_indent=f"  {name.ljust(name_width)}  ", subsequent_indent=indent)
        for name, summary in COMMAND_SUMMARIES.items()
    )
    summary = textwrap.fill(ROOT_SUMMARY, line_width, initial_indent="  ", subsequent_indent="  ")
    option_rows = ((", ".join(VERSION_OPTIONS), VERSION_HELP), (", ".join(HELP_OPTIONS), "Show this message and exit."))
    option_width = max(len(names) for names, _ in option_rows)
    options = "\n".join(f"  {names.ljust(option_width)}  {text}" for names, text in option_rows)
    return (
        f"Usage: {program} [OPTIONS] COMMAND [ARGS]...\n\n{summary}\n\nOptions:\n{options}\n\nCommands:\n{commands}\n"
    )
