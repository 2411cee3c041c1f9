import lightning as L

from trainers.loop import run_epochs  # noqa: F401  (imported for its helpers)


def main(model, datamodule):
    L.seed_everything(7, workers=True)
    trainer = L.Trainer(max_epochs=3, deterministic=True)
    trainer.fit(model, datamodule=datamodule)


if __name__ == "__main__":
    main(None, None)
