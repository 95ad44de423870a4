package io.github.dynamodbstream.emulator.internal.table;

import com.fasterxml.jackson.databind.node.ArrayNode;
import io.github.dynamodbstream.emulator.internal.stream.Change;
import io.github.dynamodbstream.emulator.internal.stream.StreamRef;
import io.github.dynamodbstream.emulator.internal.stream.TableStreams;
import java.util.ArrayList;
import java.util.List;

/** Records what the table side tells the stream side, for unit tests of the table side alone. */
final class RecordingTableStreams implements TableStreams {

    final List<String> enabled = new ArrayList<>();
    final List<String> disabled = new ArrayList<>();
    final List<String> deletedTables = new ArrayList<>();
    final List<Change> changes = new ArrayList<>();

    @Override
    public StreamRef enableStream(String tableName, String viewType, ArrayNode keySchema) {
        String label = "label-" + (enabled.size() + 1);
        String arn = "arn:aws:dynamodb:us-east-1:000000000000:table/" + tableName + "/stream/" + label;
        enabled.add(arn);
        return new StreamRef(arn, label);
    }

    @Override
    public void disableStream(String streamArn) {
        disabled.add(streamArn);
    }

    @Override
    public void tableDeleted(String tableName) {
        deletedTables.add(tableName);
    }

    @Override
    public void append(String streamArn, Change change) {
        changes.add(change);
    }
}
