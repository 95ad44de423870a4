/** The table side of the emulator: tables, items, secondary indexes and Time to Live, as DynamoDB serves them. */
package io.github.dynamodbstream.emulator.internal.table;
