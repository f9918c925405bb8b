"""``jejaring serve`` (the HTTP API under uvicorn) and ``jejaring user`` (accounts, tokens)."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from jejaring.cli.app import DbOption, _fail, _settings, app, err, out

user_app = typer.Typer(
    help="Create editor and admin accounts and API tokens.", no_args_is_help=True
)
app.add_typer(user_app, name="user")


@app.command()
def serve(
    db: DbOption = None,
    host: Annotated[
        str | None, typer.Option(help="Address to bind. Default: $JEJARING_HOST or 127.0.0.1.")
    ] = None,
    port: Annotated[
        int | None, typer.Option(min=1, max=65535, help="Default: $JEJARING_PORT or 8000.")
    ] = None,
    workers: Annotated[
        int,
        typer.Option(
            min=1, max=64, help="Server processes; one per CPU core uses them all. Default 1."
        ),
    ] = 1,
) -> None:
    """Serve the web app (``/``) and the HTTP API (``/api/v1``, OpenAPI at
    ``/api/v1/openapi.json``) with uvicorn."""
    import os

    import uvicorn

    from jejaring.serve.app import create_app

    settings = _settings(db)
    settings = settings.model_copy(
        update={"host": host or settings.host, "port": port or settings.port}
    )
    settings.check_secret()
    address = f"http://{settings.host}:{settings.port}"
    out.print(f"Jejaring web app on {address}/  (API: {address}/api/v1, docs: /api/v1/docs)")
    if workers == 1:
        application = create_app(settings)
        uvicorn.run(application, host=settings.host, port=settings.port, log_level="warning")
        return
    # Each worker process builds its own app from the environment, so the
    # database chosen here has to travel through it.
    os.environ["JEJARING_DB"] = settings.db
    uvicorn.run(
        "jejaring.serve.app:create_app",
        factory=True,
        workers=workers,
        host=settings.host,
        port=settings.port,
        log_level="warning",
    )


@user_app.command("add")
def user_add(
    name: Annotated[str, typer.Argument(metavar="NAME", help="The login name.")],
    role: Annotated[str, typer.Option(help="editor or admin.")] = "editor",
    password_stdin: Annotated[
        bool, typer.Option("--password-stdin", help="Read the password from standard input.")
    ] = False,
    db: DbOption = None,
) -> None:
    """Create a user who can log in to curate (prompts for the password)."""
    from jejaring.serve.security import hash_password
    from jejaring.store.db import open_store
    from jejaring.store.users import add_user

    if password_stdin:
        password = sys.stdin.readline().rstrip("\n")
    else:
        password = typer.prompt("Password", hide_input=True, confirmation_prompt=True)
    if len(password) < 8:
        raise _fail("the password must have at least 8 characters")
    store = open_store(_settings(db).db)
    with store.transaction() as session:
        add_user(session, name, role, hash_password(password))
    store.close()
    err.print(f"user {name} ({role}) created")


@user_app.command("token")
def user_token(
    name: Annotated[str, typer.Argument(metavar="NAME", help="The user the token acts as.")],
    db: DbOption = None,
) -> None:
    """Print a new API token for NAME (for `Authorization: Bearer …`); only its hash is kept."""
    from jejaring.serve.security import hash_token, new_token
    from jejaring.store.db import open_store
    from jejaring.store.users import add_token, find_user

    store = open_store(_settings(db).db)
    with store.transaction() as session:
        user = find_user(session, name)
        if user is None:
            store.close()
            raise _fail(f"no user named {name!r}; create one with `jejaring user add {name}`")
        token = new_token()
        add_token(session, user, hash_token(token), label="cli")
    store.close()
    out.print(token, highlight=False)
