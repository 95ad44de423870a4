package io.github.dynamodbstream.emulator.internal.stream;

import io.github.dynamodbstream.emulator.internal.ApiException;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * What a shard iterator string carries: the shard, a record position, when it was issued (emulator time), the
 * expiry generation it was issued in, and the reader it belongs to.
 */
record ShardIterator(String streamArn, String shardId, long position, long issuedMillis, long generation, long readerId) {

    private static final String VERSION = "v1";

    String encode() {
        String text = VERSION + '|' + streamArn + '|' + shardId + '|' + position + '|' + issuedMillis + '|'
                + generation + '|' + readerId;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    ShardIterator at(long newPosition, long newIssuedMillis) {
        return new ShardIterator(streamArn, shardId, newPosition, newIssuedMillis, generation, readerId);
    }

    static ShardIterator decode(String text) {
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8).split("\\|");
            if (parts.length != 7 || !VERSION.equals(parts[0])) {
                throw invalid();
            }
            return new ShardIterator(parts[1], parts[2], Long.parseLong(parts[3]), Long.parseLong(parts[4]),
                    Long.parseLong(parts[5]), Long.parseLong(parts[6]));
        } catch (IllegalArgumentException e) {
            throw invalid();
        }
    }

    private static ApiException invalid() {
        return ApiException.validation("Invalid ShardIterator: pass the ShardIterator returned by GetShardIterator"
                + " or the NextShardIterator returned by GetRecords, unchanged");
    }
}
