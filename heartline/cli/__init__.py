"""The `heartline` command: each subcommand parses options and calls one library function.

One module per command group; this module assembles them and holds `main()`, the entry point.
"""

from __future__ import annotations

import os
import sys

import click

from dialogs.model import ModelMissing
from store import SQLITE_ERRORS, StoreError, translate_error
from voice.errors import VoiceError

from .. import __version__
from ..advice import command_for, one_line
from .checkin import checkin, demo
from .entries import entries
from .evening import evening, schedule
from .listen import listen
from .models import models
from .replies import coach_cmd, replies_cmd, reply_cmd
from .serve import serve
from .tokens import token
from .transcribe import transcribe
from .voices import voices


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="heartline")
def cli() -> None:
    """Heartline: an offline voice companion for couples' evening check-ins.

    \b
    Example:
      heartline demo
      heartline checkin --as sam
    """


for _command in (
    checkin, entries, transcribe, demo, models, serve, token, listen, schedule, evening, voices,
    coach_cmd, reply_cmd, replies_cmd,
):
    cli.add_command(_command)


def main(argv: list[str] | None = None) -> None:
    """Entry point: run the CLI and turn every failure into one line and an exit code."""
    for stream in (sys.stdout, sys.stderr):
        # A terminal that cannot show a character gets "?" for it, never an error: the words are
        # kept exactly in the database either way.
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="replace")
    args = list(sys.argv[1:] if argv is None else argv)
    try:
        cli.main(args=args, prog_name="heartline", standalone_mode=False)
    except click.exceptions.Exit as done:
        sys.exit(done.exit_code)
    except click.UsageError as err:
        where = err.ctx.command_path if err.ctx is not None else "heartline"
        _fail(f"{err.format_message()} (see: {where} --help)", err.exit_code)
    except click.ClickException as err:
        _fail(err.format_message(), err.exit_code)
    except (click.exceptions.Abort, KeyboardInterrupt):
        _fail("stopped; everything said so far is saved.", 130)
    except (VoiceError, StoreError, ModelMissing) as err:
        # The error carries the facts; advice adds what to type, for the command that failed.
        _fail(one_line(err, command_for(cli, args)), 1)
    except SQLITE_ERRORS as err:  # a full disk, a damaged page...: what to do, in one line
        _fail(one_line(translate_error(err), command_for(cli, args)), 1)
    except BrokenPipeError:
        sys.exit(1)
    except Exception as err:  # never show a traceback to the person checking in
        if os.environ.get("HEARTLINE_DEBUG"):
            raise
        _fail(f"unexpected error: {err} (run with HEARTLINE_DEBUG=1 for details)", 1)


def _fail(message: str, code: int) -> None:
    sys.stderr.write(f"heartline: {message}\n")
    sys.stderr.flush()
    sys.exit(code)
