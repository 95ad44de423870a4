package io.github.dynamodbstream.reliability;

import io.github.dynamodbstream.core.record.ChangeRecord;
import io.github.dynamodbstream.core.record.ChangeType;
import io.github.dynamodbstream.spring.event.ItemChangeEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;

/**
 * The killed application's listener: appends each change it handles to its deliveries file, one line
 * {@code time shardId sequenceNumber id order} (time in microseconds since the epoch), and forces it to disk before
 * returning, so that what the listener acknowledged survives a SIGKILL. A change of an item whose id starts with
 * {@code poison} fails its first {@value #POISON_FAILURES} deliveries in each process. When the application is ready
 * it creates its ready file.
 */
class DurableListener {

    static final String POISON_PREFIX = "poison";
    static final int POISON_FAILURES = 3;

    private final FileChannel deliveries;
    private final Path ready;
    private final Map<String, Integer> poisonFailures = new ConcurrentHashMap<>();

    DurableListener(@Value("${campaign.deliveries}") Path deliveries, @Value("${campaign.ready}") Path ready)
            throws IOException {
        this.deliveries = FileChannel.open(deliveries, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND);
        this.ready = ready;
    }

    /** {@code 2 * version} for the write of a version, {@code 2 * version + 1} for its removal. */
    static long order(ChangeRecord record) {
        if (record.type() == ChangeType.REMOVE) {
            return 2 * Long.parseLong(record.oldImage().get("v").n()) + 1;
        }
        return 2 * Long.parseLong(record.newImage().get("v").n());
    }

    @EventListener
    void on(ItemChangeEvent<?> event) throws IOException {
        ChangeRecord record = event.record();
        String id = record.keys().get("id").s();
        String position = record.shardId() + " " + record.sequenceNumber();
        if (id.startsWith(POISON_PREFIX) && poisonFailures.merge(position, 1, Integer::sum) <= POISON_FAILURES) {
            throw new IllegalStateException("poison record " + position);
        }
        Instant now = Instant.now();
        long micros = now.getEpochSecond() * 1_000_000 + now.getNano() / 1_000;
        ByteBuffer line = ByteBuffer.wrap((micros + " " + position + " " + id + " " + order(record) + "\n")
                .getBytes(StandardCharsets.UTF_8));
        synchronized (deliveries) {
            while (line.hasRemaining()) {
                deliveries.write(line);
            }
            deliveries.force(false);
        }
    }

    @EventListener(ApplicationReadyEvent.class)
    void ready() {
        try {
            Files.createFile(ready);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
