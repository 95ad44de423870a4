package io.github.dynamodbstream.core.internal.delivery;

import io.github.dynamodbstream.core.failure.FailedRecordHandler;
import io.github.dynamodbstream.core.record.ChangeRecord;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The default {@link FailedRecordHandler}: one ERROR line per record given up on, with its keys and sequence number. */
public final class LoggingFailedRecordHandler implements FailedRecordHandler {

    private static final Logger log = LoggerFactory.getLogger(LoggingFailedRecordHandler.class);

    @Override
    public void handle(List<ChangeRecord> records, Throwable failure) {
        for (ChangeRecord record : records) {
            log.error("Gave up on a {} record of shard {} (sequence number {}, keys {}) after the listener failed: {}",
                    record.type(), record.shardId(), record.sequenceNumber(), record.keys(), failure.toString());
        }
    }
}
