/**
 * Where each shard was left: the {@link ShardStateRepository} contract, its checkpoints and the in-memory store. The
 * store on a DynamoDB table is in {@code io.github.dynamodbstream.core.dynamodb}.
 */
package io.github.dynamodbstream.core.checkpoint;
