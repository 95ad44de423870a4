package io.github.dynamodbstream.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads the deliveries file {@link DurableListener} writes; a last line cut short by a kill is not a delivery. */
final class DeliveryFile {

    /**
     * A change one process handled, at {@code micros} (since the epoch): {@code order} grows with every change of the
     * item.
     */
    record Delivery(int process, long micros, String shardId, String sequenceNumber, String id, long order) {

        String position() {
            return shardId + "/" + sequenceNumber;
        }
    }

    private DeliveryFile() {
    }

    static List<Delivery> read(Path file, int process) {
        if (!Files.exists(file)) {
            return List.of();
        }
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Delivery> deliveries = new ArrayList<>();
        int start = 0;
        for (int end = text.indexOf('\n'); end >= 0; end = text.indexOf('\n', start)) {
            String[] fields = text.substring(start, end).split(" ");
            deliveries.add(new Delivery(process, Long.parseLong(fields[0]), fields[1], fields[2], fields[3],
                    Long.parseLong(fields[4])));
            start = end + 1;
        }
        return deliveries;
    }
}
