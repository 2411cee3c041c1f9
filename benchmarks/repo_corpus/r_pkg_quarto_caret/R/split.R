#' Stratified development/test split
#'
#' @param df data frame with a `frail` column
#' @param seed integer seed for the partition
#' @export
make_split <- function(df, seed) {
  set.seed(seed)
  idx <- caret::createDataPartition(df$frail, p = 0.8, list = FALSE)
  list(train = df[idx, ], test = df[-idx, ])
}
