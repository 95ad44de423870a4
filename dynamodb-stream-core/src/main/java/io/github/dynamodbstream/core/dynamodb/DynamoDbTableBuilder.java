package io.github.dynamodbstream.core.dynamodb;

import io.github.dynamodbstream.core.DynamoDbStreamException;
import io.github.dynamodbstream.core.internal.table.KeyedTable;
import java.util.function.Function;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * What the builder of a store on a DynamoDB table of this library takes: the client, the table's name, and whether
 * to create the table. The stores are {@link DynamoDbShardStateRepository} and {@link DynamoDbDeadLetterStore}.
 *
 * @param <B> the builder's own type
 * @param <T> what it builds
 */
public abstract class DynamoDbTableBuilder<B extends DynamoDbTableBuilder<B, T>, T> {

    private final String role;
    private final Function<B, T> store;
    DynamoDbClient client;
    String tableName;
    boolean createTableIfMissing;

    DynamoDbTableBuilder(String role, String defaultTableName, Function<B, T> store) {
        this.role = role;
        this.tableName = defaultTableName;
        this.store = store;
    }

    /** The client to call DynamoDB with; required. The caller owns it and closes it. */
    public B dynamoDbClient(DynamoDbClient client) {
        this.client = client;
        return self();
    }

    /** The table's name; each store has its default. */
    public B tableName(String tableName) {
        this.tableName = tableName;
        return self();
    }

    /**
     * Whether {@link #build()} creates the table, with on-demand capacity, when it does not exist, and waits until it
     * is active; default {@code false}.
     */
    public B createTableIfMissing(boolean createTableIfMissing) {
        this.createTableIfMissing = createTableIfMissing;
        return self();
    }

    /**
     * Builds the store. Checks the table with {@code DescribeTable}, and creates it when asked.
     *
     * @throws IllegalStateException when no client is set
     * @throws IllegalArgumentException when the name is not a DynamoDB table name
     * @throws DynamoDbStreamException when the table does not exist (and is not to be created), has another key, or
     *         cannot be reached
     */
    public T build() {
        KeyedTable.checkSettings(client, tableName, role);
        return store.apply(self());
    }

    /** The store's table, with its key attributes; checked, and created first when asked. */
    KeyedTable verifiedTable(String partitionKey, String sortKey) {
        KeyedTable table = new KeyedTable(client, tableName, role, partitionKey, sortKey);
        table.verify(createTableIfMissing);
        return table;
    }

    @SuppressWarnings("unchecked")
    private B self() {
        return (B) this;
    }
}
