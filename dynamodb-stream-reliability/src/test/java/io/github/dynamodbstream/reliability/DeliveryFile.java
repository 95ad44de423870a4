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

    /** A change one generation handled: {@code order} grows with every change of the item. */
    record Delivery(int generation, String shardId, String sequenceNumber, String id, long order) {

        String position() {
            return shardId + "/" + sequenceNumber;
        }
    }

    private DeliveryFile() {
    }

    static List<Delivery> read(Path file) {
        return read(file, 0);
    }

    static List<Delivery> read(Path file, int generation) {
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
            deliveries.add(new Delivery(generation, fields[0], fields[1], fields[2], Long.parseLong(fields[3])));
            start = end + 1;
        }
        return deliveries;
    }
}
