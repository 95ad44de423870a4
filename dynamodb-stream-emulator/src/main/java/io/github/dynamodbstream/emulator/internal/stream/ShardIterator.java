package io.github.dynamodbstream.emulator.internal.stream;

import io.github.dynamodbstream.emulator.internal.ApiException;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What a shard iterator string carries: the shard, a record position, when it was issued (emulator time), the
 * expiry generation it was issued in, the reader it belongs to, and a serial number that makes every iterator
 * string unique, as DynamoDB Streams' are (an empty page at the same position still answers a new iterator).
 */
record ShardIterator(String streamArn, String shardId, long position, long issuedMillis, long generation, long readerId,
        long serial) {

    private static final String VERSION = "v2";
    private static final AtomicLong SERIALS = new AtomicLong();

    static ShardIterator issue(String streamArn, String shardId, long position, long issuedMillis, long generation,
            long readerId) {
        return new ShardIterator(streamArn, shardId, position, issuedMillis, generation, readerId,
                SERIALS.incrementAndGet());
    }

    String encode() {
        String text = VERSION + '|' + streamArn + '|' + shardId + '|' + position + '|' + issuedMillis + '|'
                + generation + '|' + readerId + '|' + serial;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    ShardIterator at(long newPosition, long newIssuedMillis) {
        return issue(streamArn, shardId, newPosition, newIssuedMillis, generation, readerId);
    }

    static ShardIterator decode(String text) {
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8).split("\\|");
            if (parts.length != 8 || !VERSION.equals(parts[0])) {
                throw invalid();
            }
            return new ShardIterator(parts[1], parts[2], Long.parseLong(parts[3]), Long.parseLong(parts[4]),
                    Long.parseLong(parts[5]), Long.parseLong(parts[6]), Long.parseLong(parts[7]));
        } catch (IllegalArgumentException e) {
            throw invalid();
        }
    }

    private static ApiException invalid() {
        return ApiException.validation("Invalid ShardIterator: pass the ShardIterator returned by GetShardIterator"
                + " or the NextShardIterator returned by GetRecords, unchanged");
    }
}
