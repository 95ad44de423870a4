/** The read-only {@code dynamodbstreams} actuator endpoint: streams, shards and checkpoints. Needs the actuator. */
package io.github.dynamodbstream.spring.endpoint;
