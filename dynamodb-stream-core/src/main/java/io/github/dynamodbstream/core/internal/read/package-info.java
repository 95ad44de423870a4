/** Reading one shard: positioning its iterator, paging through GetRecords, delivering and checkpointing. */
package io.github.dynamodbstream.core.internal.read;
