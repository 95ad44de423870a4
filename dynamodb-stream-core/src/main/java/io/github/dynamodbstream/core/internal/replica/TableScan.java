package io.github.dynamodbstream.core.internal.replica;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;

/**
 * A strongly consistent, paged, parallel scan of a table: one segment per task, each page handed over item by item.
 * A segment stops between pages when told to.
 */
final class TableScan {

    private static final Logger log = LoggerFactory.getLogger(TableScan.class);

    private final DynamoDbClient dynamoDb;
    private final String tableName;
    private final int segments;
    private final int pageSize;
    private final AtomicLong itemsRead = new AtomicLong();

    TableScan(DynamoDbClient dynamoDb, String tableName, int segments, int pageSize) {
        this.dynamoDb = dynamoDb;
        this.tableName = tableName;
        this.segments = segments;
        this.pageSize = pageSize;
    }

    /**
     * Scans every segment on the executor.
     *
     * @param sink receives each item; it may be called from several threads at once
     * @param stopped tells whether to stop
     * @return completes when every segment was read to its end or stopped; fails with the first failure
     */
    CompletableFuture<Void> run(Executor executor, Consumer<Map<String, AttributeValue>> sink,
            BooleanSupplier stopped) {
        List<CompletableFuture<Void>> tasks = new ArrayList<>(segments);
        for (int segment = 0; segment < segments; segment++) {
            int current = segment;
            tasks.add(CompletableFuture.runAsync(() -> scanSegment(current, sink, stopped), executor));
        }
        return CompletableFuture.allOf(tasks.toArray(CompletableFuture[]::new));
    }

    long itemsRead() {
        return itemsRead.get();
    }

    private void scanSegment(int segment, Consumer<Map<String, AttributeValue>> sink, BooleanSupplier stopped) {
        Map<String, AttributeValue> startKey = null;
        do {
            ScanRequest.Builder request = ScanRequest.builder().tableName(tableName).consistentRead(true)
                    .segment(segment).totalSegments(segments);
            if (pageSize > 0) {
                request.limit(pageSize);
            }
            if (startKey != null) {
                request.exclusiveStartKey(startKey);
            }
            ScanResponse page = dynamoDb.scan(request.build());
            log.debug("Scan of table {} segment {}/{}: {} items", tableName, segment, segments, page.count());
            for (Map<String, AttributeValue> item : page.items()) {
                if (stopped.getAsBoolean()) {
                    return;
                }
                sink.accept(item);
                itemsRead.incrementAndGet();
            }
            boolean more = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty();
            startKey = more ? page.lastEvaluatedKey() : null;
        } while (startKey != null && !stopped.getAsBoolean());
    }
}
