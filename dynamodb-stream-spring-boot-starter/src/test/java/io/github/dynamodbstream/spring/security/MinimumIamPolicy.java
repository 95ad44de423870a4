package io.github.dynamodbstream.spring.security;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The minimum IAM policy of the starter, as the actions (without the {@code dynamodb:} prefix) each part of the
 * configuration needs. This is the one list the documentation's IAM section follows (docs/reliability.md names it);
 * {@link MinimumIamPolicyTests} checks that the starter calls nothing else.
 */
final class MinimumIamPolicy {

    /** On the stream ({@code table/<name>/stream/*}): always. */
    static final List<String> READ_THE_STREAM = List.of("DescribeStream", "GetShardIterator", "GetRecords");

    /** On the table: only with {@code table-name} (not with {@code stream-arn}). */
    static final List<String> RESOLVE_THE_TABLE_NAME = List.of("DescribeTable");

    /** On the checkpoint table, with {@code checkpoint.store: dynamodb}. */
    static final List<String> DYNAMODB_CHECKPOINTS = List.of("DescribeTable", "Query", "PutItem", "DeleteItem");

    /** On the checkpoint table, in addition, with {@code checkpoint.store: dynamodb} and {@code create-table: true}. */
    static final List<String> CREATE_THE_CHECKPOINT_TABLE = List.of("CreateTable");

    private MinimumIamPolicy() {
    }

    /** Every action allowed for a configuration. */
    static Set<String> actions(boolean tableName, boolean dynamoDbCheckpoints, boolean createTable) {
        Set<String> actions = new LinkedHashSet<>(READ_THE_STREAM);
        if (tableName) {
            actions.addAll(RESOLVE_THE_TABLE_NAME);
        }
        if (dynamoDbCheckpoints) {
            actions.addAll(DYNAMODB_CHECKPOINTS);
            if (createTable) {
                actions.addAll(CREATE_THE_CHECKPOINT_TABLE);
            }
        }
        return actions;
    }
}
