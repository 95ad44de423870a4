/**
 * The poller: {@link DynamoDbStreamPoller} reads a stream and hands its changes to a {@link StreamListener}, with what
 * it reports along the way ({@link PollerObserver}, {@link PollResult}). Feature packages hold the rest: {@code record}
 * (a change and how its items are read), {@code checkpoint} (where each shard was left), {@code failure} (what happens
 * when a listener fails), {@code dynamodb} (the stores on DynamoDB tables) and {@code replica} (a table kept in memory).
 */
package io.github.dynamodbstream.core;
