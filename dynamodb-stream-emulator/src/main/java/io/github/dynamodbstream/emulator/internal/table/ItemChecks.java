package io.github.dynamodbstream.emulator.internal.table;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.dynamodbstream.emulator.internal.ApiException;
import io.github.dynamodbstream.emulator.internal.ItemSize;
import java.util.Objects;

/** The checks DynamoDB makes on an item before it stores it. */
final class ItemChecks {

    private ItemChecks() {
    }

    /** Checks an item given whole (PutItem, a PutRequest) and returns its key. */
    static ItemKey checkNewItem(Table table, JsonNode item) {
        AttributeValues.validateItem(item, "item");
        ObjectNode checked = (ObjectNode) item;
        ItemKey key = table.shape().keyOfItem(checked);
        checkIndexKeys(table, checked);
        if (ItemSize.of(checked) > ItemSize.MAX_ITEM_BYTES) {
            throw ApiException.validation("Item size has exceeded the maximum allowed size");
        }
        return key;
    }

    /** Checks the result of an UpdateItem against the item it started from. */
    static void checkUpdatedItem(Table table, ObjectNode before, ObjectNode after) {
        for (String keyName : new String[] {table.shape().partitionName(), table.shape().sortName()}) {
            if (keyName != null && !Objects.equals(before.get(keyName), after.get(keyName))) {
                throw ApiException.validation("One or more parameter values were invalid: Cannot update attribute "
                        + keyName + ". This attribute is part of the key");
            }
        }
        checkIndexKeys(table, after);
        if (ItemSize.of(after) > ItemSize.MAX_ITEM_BYTES) {
            throw ApiException.validation("Item size to update has exceeded the maximum allowed size");
        }
    }

    private static void checkIndexKeys(Table table, ObjectNode item) {
        for (SecondaryIndex index : table.indexes()) {
            index.shape().indexKeyOf(item, index.name());
        }
    }
}
