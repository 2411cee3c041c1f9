library(caret)
library(randomForest)

set.seed(2020)
d <- read.csv("data/delirium.csv")
idx <- createDataPartition(d$delirium, p = 0.75, list = FALSE)
train_d <- d[idx, ]
ctrl <- trainControl(method = "cv", number = 10)
fit <- train(delirium ~ ., data = train_d, method = "rf", trControl = ctrl,
             ntree = 500, tuneGrid = data.frame(mtry = 4))
