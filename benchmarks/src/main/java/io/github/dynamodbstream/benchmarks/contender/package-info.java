/**
 * The consumers compared: the hand-written ceiling, the core poller, the Spring Boot starter (reading every shard, and
 * on the Kinesis Client Library) and the Node.js library.
 */
package io.github.dynamodbstream.benchmarks.contender;
