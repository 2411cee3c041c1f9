#' Tune a random forest (ranger) with 5-fold cross-validation
#' @export
tune_rf <- function(train, folds = 5, tune_length = 5) {
  ctrl <- caret::trainControl(method = "cv", number = folds, classProbs = TRUE,
                              summaryFunction = caret::twoClassSummary)
  caret::train(frail ~ ., data = train, method = "ranger", metric = "ROC",
               trControl = ctrl, tuneLength = tune_length, num.trees = 500)
}
