/** The consumers compared: the hand-written ceiling, the core poller, the Spring Boot starter and the Node.js library. */
package io.github.dynamodbstream.benchmarks.contender;
