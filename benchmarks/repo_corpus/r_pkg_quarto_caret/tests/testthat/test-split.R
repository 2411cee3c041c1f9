test_that("make_split keeps every row exactly once", {
  df <- data.frame(x = rnorm(100), frail = factor(sample(c("yes", "no"), 100, replace = TRUE)))
  sp <- make_split(df, seed = 1)
  expect_equal(nrow(sp$train) + nrow(sp$test), 100)
})
