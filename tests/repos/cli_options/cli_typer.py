import typer

from seeding import seed_all

app = typer.Typer()


@app.command()
def fit(data: str, seed: int = typer.Option(7, help="random seed")):
    seed_all(seed)
    typer.echo(data)


@app.command()
def score(data: str, seed: int = 7):  # expect: RND105@seed: int
    typer.echo(f"{data} {seed}")


if __name__ == "__main__":
    app()
