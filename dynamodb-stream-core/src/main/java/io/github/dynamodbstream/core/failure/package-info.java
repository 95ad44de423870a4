/**
 * What happens when a listener fails: the {@link ListenerFailureMode} (block, skip, dead letter), the
 * {@link FailedRecordHandler} told of every record given up, the {@link RetryBackoff} between attempts and the
 * {@link DeadLetterStore} contract.
 */
package io.github.dynamodbstream.core.failure;
