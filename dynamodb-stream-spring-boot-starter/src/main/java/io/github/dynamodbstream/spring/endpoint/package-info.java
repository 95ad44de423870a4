/**
 * The read-only {@code dynamodbstreams} actuator endpoint, in both coordination modes: streams, shards, checkpoints and
 * lease tables. Needs the actuator.
 */
package io.github.dynamodbstream.spring.endpoint;
