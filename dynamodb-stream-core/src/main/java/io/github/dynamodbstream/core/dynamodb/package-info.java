/** The stores on DynamoDB tables: checkpoints ({@link DynamoDbShardStateRepository}) and dead letters ({@link DynamoDbDeadLetterStore}). */
package io.github.dynamodbstream.core.dynamodb;
