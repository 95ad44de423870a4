/**
 * Runs the pollers: one {@code DynamoDbStreamPoller} per configured stream, started and stopped by a listener
 * container, with rounds triggered by fixed-delay tasks of Spring's scheduling and run on the starter's own threads.
 */
package io.github.dynamodbstream.spring.poller;
