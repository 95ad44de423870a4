/** The read-only {@code dynamodbstreams} actuator endpoint under Kinesis Client Library coordination. Needs the actuator. */
package io.github.dynamodbstream.kcl.endpoint;
