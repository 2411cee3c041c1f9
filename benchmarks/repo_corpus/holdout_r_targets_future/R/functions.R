fit_forest <- function(folds, train) {
  spec <- rand_forest(trees = 1000, mtry = tune(), min_n = tune()) |>
    set_engine("ranger") |>
    set_mode("classification")
  wf <- workflow() |> add_formula(delirium ~ .) |> add_model(spec)
  tuned <- tune_grid(wf, resamples = folds, grid = 20, metrics = metric_set(roc_auc))
  finalize_workflow(wf, select_best(tuned, metric = "roc_auc")) |> fit(train)
}

boot_auc <- function(fit, test, n) {
  probs <- predict(fit, test, type = "prob")$.pred_yes
  replicate(n, {
    i <- sample(nrow(test), replace = TRUE)
    as.numeric(pROC::auc(test$delirium[i], probs[i], quiet = TRUE))
  })
}
