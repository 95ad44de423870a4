package io.github.dynamodbstream.core.failure;

import io.github.dynamodbstream.core.dynamodb.DynamoDbDeadLetterStore;

/**
 * Keeps the records a poller gives up on under {@link ListenerFailureMode#DEAD_LETTER}, so that none is lost:
 * {@link DynamoDbDeadLetterStore} keeps them in a DynamoDB table; an application may keep them anywhere else (a
 * queue, a database) by implementing this interface.
 */
@FunctionalInterface
public interface DeadLetterStore {

    /**
     * Keeps a dead letter durably before returning. Writing the same letter twice (the same shard and sequence
     * number, after a crash) should keep one.
     *
     * @param letter the record given up on, with its failure
     * @throws RuntimeException when the letter could not be kept: the poller then keeps the shard at the record and
     *         tries again, so nothing is dropped
     */
    void write(DeadLetter letter);
}
