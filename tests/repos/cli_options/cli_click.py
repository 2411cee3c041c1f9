import click

from seeding import seed_all


@click.command()
@click.option("--seed", type=int, default=42)
@click.option("--epochs", type=int, default=10)
def train(seed, epochs):
    seed_all(seed)
    click.echo(f"training for {epochs} epochs")


@click.command()
@click.option("--seed", type=int, default=42)  # expect: RND105@click.option
def evaluate(seed):
    click.echo(f"seed {seed}")


if __name__ == "__main__":
    train()
