/**
 * The listener container of {@code coordination: none}: one {@code DynamoDbStreamPoller} per configured stream, with
 * rounds triggered by fixed-delay tasks of Spring's scheduling and run on the starter's own threads.
 */
package io.github.dynamodbstream.spring.poller;
